package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResultTablesTest {

  private static final String RESULTS = """
      [
        { "benchmark": "org.sanctuaryguard.benchmarks.EngineComparisonBenchmark.guard", "mode": "avgt",
          "params": { "request": "data-broker" },
          "primaryMetric": { "score": 100.0, "scoreError": 2.5, "scoreUnit": "ns/op" },
          "secondaryMetrics": { "gc.alloc.rate.norm": { "score": 664.0 } } },
        { "benchmark": "org.sanctuaryguard.benchmarks.EngineComparisonBenchmark.guard", "mode": "sample",
          "params": { "request": "data-broker" },
          "primaryMetric": { "score": 110.0, "scorePercentiles": { "50.0": 90.0, "99.0": 300.0 } } },
        { "benchmark": "org.sanctuaryguard.benchmarks.EngineComparisonBenchmark.casbin", "mode": "avgt",
          "params": { "request": "data-broker" },
          "primaryMetric": { "score": 7500.0, "scoreError": "NaN" }, "secondaryMetrics": {} },
        { "benchmark": "org.sanctuaryguard.benchmarks.EngineComparisonBenchmark.casbin", "mode": "sample",
          "params": { "request": "data-broker" },
          "primaryMetric": { "score": 7600.0, "scorePercentiles": { "50.0": 7200.0, "99.0": 9000.0 } } },
        { "benchmark": "org.sanctuaryguard.benchmarks.DecisionBenchmark.unrestricted", "mode": "avgt",
          "params": {}, "primaryMetric": { "score": 9.96, "scoreError": 0.1 } }
      ]
      """;

  @Test
  void printWhenResultsOfTwoSuitesThenATablePerSuiteAndRatiosToTheReference() {
    String tables = render(RESULTS);

    assertThat(tables).contains(
        "### DecisionBenchmark",
        "| `unrestricted` |  | 10.0 ± 0.1 | — | — | — |",
        "### EngineComparisonBenchmark",
        "| `guard` | request=data-broker | 100 ± 2.5 | 90.0 | 300 | 664 |",
        "| `casbin` | request=data-broker | 7,500 ± — | 7,200 | 9,000 | — |",
        "| parameters | `guard` (ns/op) | `casbin` ÷ `guard` |",
        "| request=data-broker | 100 | 75 × (80 ×) |");
    assertThat(tables.indexOf("### DecisionBenchmark")).isLessThan(tables.indexOf("### EngineComparisonBenchmark"));
  }

  @Test
  void printWhenASuiteHasNoReferenceThenNoRatios() {
    String tables = render(RESULTS);

    assertThat(tables.substring(0, tables.indexOf("### EngineComparisonBenchmark"))).doesNotContain("Ratios");
  }

  @Test
  void printWhenASuiteMeasuresThroughputThenItsTableHasAThroughputColumn() {
    String tables = render("""
        [
          { "benchmark": "org.sanctuaryguard.benchmarks.GuardLogBenchmark.verify", "mode": "thrpt", "params": {},
            "primaryMetric": { "score": 426710.9, "scoreError": 24704.9, "scoreUnit": "ops/s" },
            "secondaryMetrics": { "gc.alloc.rate.norm": { "score": 71.6 } } },
          { "benchmark": "org.sanctuaryguard.benchmarks.GuardLogBenchmark.decideIntoFileSink", "mode": "avgt",
            "params": {}, "primaryMetric": { "score": 5084.0, "scoreError": 105.0 } }
        ]
        """);

    assertThat(tables).contains(
        "| method | parameters | avgt (ns/op) | p0.50 (ns) | p0.99 (ns) | alloc (B/op) | thrpt (ops/s) |",
        "| `verify` |  | — ± — | — | — | 71.6 | 426,711 |",
        "| `decideIntoFileSink` |  | 5,084 ± 105 | — | — | — | — |");
    assertThat(render(RESULTS)).doesNotContain("thrpt");
  }

  private static String render(String json) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ResultTables.print(ResultTables.read(JsonMapper.builder().build().readTree(json)),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
