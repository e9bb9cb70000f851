package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;

class DecisionBenchmarkTest {

  private final DecisionBenchmark benchmark = new DecisionBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.setUp();
  }

  @Test
  void baselineWhenSetUpThenReturnsTheInternedUnrestrictedDecision() {
    Decision baseline = benchmark.baseline();

    assertThat(baseline).isSameAs(benchmark.unrestricted());
  }

  @Test
  void unrestrictedWhenACityAgencyAsksForContactDetailsThenAllowsBoth() {
    Decision decision = benchmark.unrestricted();

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.released()).map(Category::key).containsExactlyInAnyOrder("identity.name", "contact.phone");
    assertThat(decision.reasons()).isEmpty();
  }

  @Test
  void unrestrictedWhenDecidedAgainThenReturnsTheSameDecisionInstance() {
    Decision first = benchmark.unrestricted();

    Decision second = benchmark.unrestricted();

    assertThat(second).isSameAs(first);
  }

  @Test
  void administrativeWarrantDeniedWhenIceShowsAShelterAnI200ThenWithholdsTheAddress() {
    Decision decision = benchmark.administrativeWarrantDenied();

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.withheld()).map(Category::key).containsExactly("location.home-address");
    assertThat(decision.released()).isEmpty();
  }

  @Test
  void judicialWarrantReleasedWhenCbpShowsAVerifiedArticleIiiWarrantThenReleasesTheRecordsAndNotifiesTheSubject() {
    Decision decision = benchmark.judicialWarrantReleased();

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.released()).map(Category::key)
        .containsExactlyInAnyOrder("vehicle.dmv-record", "identity.photo");
    assertThat(decision.requires(ObligationKind.NOTIFY_SUBJECT)).isTrue();
  }
}
