package org.sanctuaryguard.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JMH results ({@code -rf json}) into the Markdown tables of {@code RESULTS.md}, so that the
 * tables are produced, not typed: per suite, every method and parameter with its mean, median,
 * 99th percentile and bytes allocated; and for each comparison suite, a table of ratios to the
 * suite's reference method, the one the others are read against.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.sanctuaryguard.benchmarks.ResultTables RESULT.json...}</pre>
 */
public final class ResultTables {

  /** For each comparison suite, the method the others are divided by. */
  static final Map<String, String> REFERENCES = Map.of(
      "EngineComparisonBenchmark", "guard",
      "RedactionComparisonBenchmark", "plainJackson",
      "AuditComparisonBenchmark", "plainJsonLines");

  private ResultTables() {}

  /** Prints the tables of the given result files to standard output. */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ResultTables JMH-RESULT.json...");
      System.exit(2);
    }
    List<Score> scores = new ArrayList<>();
    JsonMapper mapper = JsonMapper.builder().build();
    for (String file : args) {
      scores.addAll(read(mapper.readTree(Path.of(file).toFile())));
    }
    print(scores, new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /**
   * One method under one set of parameters: its mean, median, 99th percentile (ns) and allocation
   * (B/op), or for a method measured in throughput its operations per second.
   */
  record Score(String suite, String method, String params, double mean, double meanError, double median,
      double p99, double allocated, double throughput) {}

  /** Where each column of a {@link Score} is while JMH's results are read. */
  private static final int MEAN = 0;
  private static final int MEAN_ERROR = 1;
  private static final int MEDIAN = 2;
  private static final int P99 = 3;
  private static final int ALLOCATED = 4;
  private static final int THROUGHPUT = 5;
  private static final int COLUMNS = 6;

  static List<Score> read(JsonNode results) {
    Map<String, double[]> byKey = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asString();
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      String key = name + "\u0000" + params(result.path("params"));
      double[] values = byKey.computeIfAbsent(key, k -> unmeasured());
      JsonNode metric = result.path("primaryMetric");
      switch (result.path("mode").asString()) {
        case "avgt" -> {
          values[MEAN] = value(metric.path("score"));
          values[MEAN_ERROR] = value(metric.path("scoreError"));
          values[ALLOCATED] = allocated(result);
        }
        case "thrpt" -> {
          values[THROUGHPUT] = value(metric.path("score"));
          values[ALLOCATED] = allocated(result);
        }
        case "sample" -> {
          values[MEDIAN] = value(metric.path("scorePercentiles").path("50.0"));
          values[P99] = value(metric.path("scorePercentiles").path("99.0"));
        }
        default -> { }
      }
    }
    List<Score> scores = new ArrayList<>();
    byKey.forEach((key, v) -> {
      String[] parts = key.split("\u0000", -1);
      String suite = parts[0].substring(0, parts[0].indexOf('.'));
      String method = parts[0].substring(parts[0].indexOf('.') + 1);
      scores.add(new Score(suite, method, parts[1], v[MEAN], v[MEAN_ERROR], v[MEDIAN], v[P99], v[ALLOCATED],
          v[THROUGHPUT]));
    });
    return scores;
  }

  /** A score's columns before any mode has filled them: every one not measured. */
  private static double[] unmeasured() {
    double[] values = new double[COLUMNS];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  private static double allocated(JsonNode result) {
    return value(result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score"));
  }

  /** A number of the result, or NaN where JMH wrote none (an error bar of too few iterations is "NaN"). */
  private static double value(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }

  private static String params(JsonNode params) {
    List<String> values = new ArrayList<>();
    params.properties().forEach(entry -> values.add(entry.getKey() + "=" + entry.getValue().asString()));
    return String.join(", ", values);
  }

  static void print(List<Score> scores, PrintStream out) {
    Map<String, List<Score>> bySuite = new TreeMap<>();
    scores.forEach(score -> bySuite.computeIfAbsent(score.suite(), s -> new ArrayList<>()).add(score));
    bySuite.forEach((suite, suiteScores) -> {
      out.println("### " + suite);
      out.println();
      boolean throughput = suiteScores.stream().anyMatch(score -> !Double.isNaN(score.throughput()));
      out.println("| method | parameters | avgt (ns/op) | p0.50 (ns) | p0.99 (ns) | alloc (B/op) |"
          + (throughput ? " thrpt (ops/s) |" : ""));
      out.println("|---|---|---|---|---|---|" + (throughput ? "---|" : ""));
      for (Score s : suiteScores) {
        out.println("| `" + s.method() + "` | " + s.params() + " | " + number(s.mean()) + " ± " + number(s.meanError())
            + " | " + number(s.median()) + " | " + number(s.p99()) + " | " + number(s.allocated()) + " |"
            + (throughput ? " " + number(s.throughput()) + " |" : ""));
      }
      out.println();
      String reference = REFERENCES.get(suite);
      if (reference != null) {
        printRatios(suite, reference, suiteScores, out);
      }
    });
  }

  /** Per parameter set, each method's mean divided by the reference's: how many times its cost. */
  private static void printRatios(String suite, String reference, List<Score> scores, PrintStream out) {
    Map<String, Map<String, Score>> byParams = new LinkedHashMap<>();
    List<String> methods = new ArrayList<>();
    for (Score score : scores) {
      byParams.computeIfAbsent(score.params(), p -> new LinkedHashMap<>()).put(score.method(), score);
      if (!methods.contains(score.method())) {
        methods.add(score.method());
      }
    }
    methods.remove(reference);
    StringBuilder header = new StringBuilder("| parameters | `" + reference + "` (ns/op)");
    StringBuilder rule = new StringBuilder("|---|---");
    for (String method : methods) {
      header.append(" | `").append(method).append("` ÷ `").append(reference).append('`');
      rule.append("|---");
    }
    out.println("Ratios of " + suite + ": each method's mean time divided by `" + reference
        + "`'s, and in brackets its median divided by `" + reference + "`'s median.");
    out.println();
    out.println(header.append(" |"));
    out.println(rule.append("|"));
    byParams.forEach((params, byMethod) -> {
      Score base = byMethod.get(reference);
      StringBuilder row = new StringBuilder("| " + params + " | " + (base == null ? "—" : number(base.mean())));
      for (String method : methods) {
        Score score = byMethod.get(method);
        row.append(" | ").append(base == null || score == null ? "—"
            : ratio(score.mean() / base.mean()) + " (" + ratio(score.median() / base.median()) + ")");
      }
      out.println(row.append(" |"));
    });
    out.println();
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String ratio(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "—";
    }
    return (value >= 10 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value)) + " ×";
  }
}
