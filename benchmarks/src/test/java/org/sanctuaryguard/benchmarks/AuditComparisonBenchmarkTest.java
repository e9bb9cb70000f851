package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanctuaryguard.audit.GuardLogSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditComparisonBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"every-1000-events", "never"})
  void tearDownIterationWhenBothLogsWereWrittenThenDeletesThem(String fsync) throws IOException {
    AuditComparisonBenchmark benchmark = new AuditComparisonBenchmark();
    benchmark.fsync = fsync;
    benchmark.setUpTrial();
    benchmark.setUpIteration();
    Path directory = benchmark.iterationDirectory();
    AuditComparisonBenchmark.Turn turn = new AuditComparisonBenchmark.Turn();
    GuardLogSink chained = null;
    for (int i = 0; i < 3; i++) {
      chained = benchmark.guardLog(turn);
      benchmark.plainJsonLines(turn);
    }
    Path chainedFile = chained.currentFile();
    assertThat(chainedFile).isNotEmptyFile();
    assertThat(directory.resolve("plain.jsonl")).exists();

    benchmark.tearDownIteration();

    assertThat(directory).doesNotExist();
    assertThat(chainedFile).doesNotExist();
  }

  @Test
  void plainJsonLinesWhenClosedThenHoldsOneJsonObjectPerEventWithTheEventsFieldsAndNoChain() throws IOException {
    AuditComparisonBenchmark.Turn plainTurn = new AuditComparisonBenchmark.Turn();
    AuditComparisonBenchmark.Turn chainedTurn = new AuditComparisonBenchmark.Turn();
    AuditComparisonBenchmark benchmark = new AuditComparisonBenchmark();
    benchmark.fsync = "every-1000-events";
    benchmark.setUpTrial();
    benchmark.setUpIteration();
    try {
      PlainJsonLinesSink plain = null;
      GuardLogSink chained = null;
      for (int i = 0; i < 3; i++) {
        plain = benchmark.plainJsonLines(plainTurn);
        chained = benchmark.guardLog(chainedTurn);
      }
      plain.close();
      chained.checkpoint();
      List<String> plainLines = Files.readAllLines(benchmark.iterationDirectory().resolve("plain.jsonl"));
      List<String> chainedLines = Files.readAllLines(chained.currentFile());

      assertThat(plainLines).hasSize(3).allSatisfy(line -> {
        JsonNode event = JsonMapper.builder().build().readTree(line);
        assertThat(event.path("sanctuary.outcome").asString()).isEqualTo("deny");
        assertThat(event.path("sanctuary.recipient.id").asString()).isEqualTo("ice-ero");
        assertThat(event.has("sanctuary.chain.hash")).isFalse();
      });
      assertThat(plainLines.stream().map(line -> JsonMapper.builder().build().readTree(line).path("event.id").asString()))
          .as("each operation appends another decision's event").doesNotHaveDuplicates();
      assertThat(chainedLines).filteredOn(line -> line.contains("\"sanctuary.outcome\":\"deny\"")).hasSize(3)
          .allSatisfy(line -> assertThat(line).contains("\"sanctuary.recipient.id\":\"ice-ero\"", "\"sanctuary.chain.hash\""));
    } finally {
      benchmark.tearDownIteration();
    }
  }

  @Test
  void setUpIterationWhenTheFsyncPolicyIsUnknownThenSaysWhich() {
    AuditComparisonBenchmark benchmark = new AuditComparisonBenchmark();
    benchmark.fsync = "sometimes";
    benchmark.setUpTrial();

    assertThatThrownBy(benchmark::setUpIteration).hasMessage("unknown fsync policy sometimes");
  }
}
