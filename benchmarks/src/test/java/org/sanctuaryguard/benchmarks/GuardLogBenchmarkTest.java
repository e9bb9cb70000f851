package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Outcome;
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
