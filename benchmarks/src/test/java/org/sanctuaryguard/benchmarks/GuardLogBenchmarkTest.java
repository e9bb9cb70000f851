package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.GuardLogVerifier;

class GuardLogBenchmarkTest {

  private static final GuardLogBenchmark BENCHMARK = new GuardLogBenchmark();

  @BeforeAll
  static void setUpTrial() throws IOException {
    BENCHMARK.setUpTrial();
  }

  @AfterAll
  static void tearDownTrial() {
    BENCHMARK.tearDownTrial();
  }

  @BeforeEach
  void setUpIteration() throws IOException {
    BENCHMARK.setUpIteration();
  }

  @AfterEach
  void tearDownIteration() {
    Path directory = BENCHMARK.iterationDirectory();
    BENCHMARK.tearDownIteration();
    assertThat(directory).doesNotExist();
  }

  @Test
  void appendFsyncEvery1000WhenCalledThenTheEventIsChainedIntoTheLog() throws IOException {
    GuardLogSink sink = BENCHMARK.appendFsyncEvery1000();

    sink.checkpoint();
    assertThat(Files.readAllLines(sink.currentFile())).hasSize(3)
        .element(1).asString().contains("\"event.sequence\":2,").contains("\"sanctuary.outcome\":\"deny\"");
  }

  @Test
  void appendNoFsyncWhenCalledThenTheEventIsChainedIntoTheLog() throws IOException {
    GuardLogSink sink = BENCHMARK.appendNoFsync();

    sink.checkpoint();
    assertThat(Files.readAllLines(sink.currentFile())).hasSize(3)
        .element(1).asString().contains("\"sanctuary.recipient.id\":\"ice-ero\"");
  }

  @Test
  void decideIntoFileSinkWhenNothingRestrictsThenAllowsAndRecordsTheEvent() {
    Decision decision = BENCHMARK.decideIntoFileSink();

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.auditEventId()).isPresent();
  }

  @Test
  void verifyWhenTheLogWasWrittenAtSetUpThenIntactWithEveryEvent() {
    GuardLogVerifier.Result result = BENCHMARK.verify();

    assertThat(result.intact()).isTrue();
    assertThat(result.findings()).isEmpty();
    assertThat(result.events()).isEqualTo(GuardLogBenchmark.VERIFY_EVENTS);
  }
}
