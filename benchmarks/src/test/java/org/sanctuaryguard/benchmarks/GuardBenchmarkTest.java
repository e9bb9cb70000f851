package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Outcome;

class GuardBenchmarkTest {

  private final GuardBenchmark benchmark = new GuardBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.setUp();
  }

  @AfterEach
  void tearDown() {
    benchmark.tearDown();
  }

  @Test
  void policyDecideWhenNothingRestrictsThenAllowsWithoutAnEvent() {
    Decision decision = benchmark.policyDecide();

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.auditEventId()).isEmpty();
  }

  @Test
  void guardDecideWhenNothingRestrictsThenAllowsAndRecordsAPseudonymizedEvent() {
    Decision decision = benchmark.guardDecide();

    GuardEvent event = benchmark.lastEvent();
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(event).isNotNull();
    assertThat(decision.auditEventId()).contains(event.id());
    assertThat(event.subjectPseudonyms()).hasSize(1).doesNotContain(Disclosures.SUBJECT);
  }
}
