package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.DisclosureRequest;

class EngineComparisonTest {

  private static final EngineComparison COMPARISON = new EngineComparison();

  /** The categories each request must release, by the rules; every other category asked for is withheld. */
  private static final Map<String, List<String>> RELEASED = expected();

  private static Map<String, List<String>> expected() {
    Map<String, List<String>> released = new LinkedHashMap<>();
    released.put("unrestricted", List.of("identity.name", "contact.phone"));
    released.put("administrative-warrant", List.of());
    released.put("judicial-warrant", List.of("vehicle.dmv-record", "identity.photo"));
    released.put("data-broker", List.of());
    released.put("police-asking-status", List.of("identity.name"));
    released.put("unverified-judicial-warrant", List.of());
    released.put("expired-judicial-warrant", List.of());
    released.put("immigration-judge", List.of());
    released.put("warrant-covering-part", List.of("vehicle.dmv-record"));
    released.put("warrant-for-someone-else", List.of());
    released.put("sealed-record-without-order", List.of("identity.name"));
    released.put("sealed-record-with-order", List.of("justice.sealed-record"));
    released.put("publication", List.of());
    released.put("immigration-purpose-from-a-city-agency", List.of());
    released.put("unknown-recipient", List.of());
    return released;
  }

  @Test
  void requestsWhenListedThenEveryOneHasAnExpectationAndTheBenchmarkedComeFirst() {
    Map<String, DisclosureRequest> requests = EngineComparison.requests(COMPARISON.policy);

    assertThat(requests.keySet()).containsExactlyElementsOf(RELEASED.keySet());
    assertThat(List.copyOf(requests.keySet()).subList(0, 4)).containsExactlyElementsOf(EngineComparison.BENCHMARKED);
  }

  @Test
  void verdictsWhenEveryRequestIsPutToTheThreeEnginesThenTheyAgreeOnEveryCategoryAndFollowTheRules() {
    EngineComparison.requests(COMPARISON.policy).forEach((name, request) -> {
      EngineComparison.Verdicts verdicts = COMPARISON.verdicts(request);

      assertThat(verdicts.agree()).as("%s: %s", name, verdicts).isTrue();
      List<String> released = new java.util.ArrayList<>();
      for (int i = 0; i < verdicts.categories().size(); i++) {
        if (verdicts.guard()[i]) {
          released.add(verdicts.categories().get(i).key());
        }
      }
      assertThat(released).as(name).containsExactlyInAnyOrderElementsOf(RELEASED.get(name));
    });
  }

  @Test
  void verdictsWhenTheRulesWouldReleaseAndWithholdThenBothOccurAcrossTheSet() {
    long mixed = EngineComparison.requests(COMPARISON.policy).values().stream()
        .map(COMPARISON::verdicts)
        .filter(verdicts -> contains(verdicts.guard(), true) && contains(verdicts.guard(), false))
        .count();

    assertThat(mixed).as("requests with a category released and another withheld").isGreaterThanOrEqualTo(3);
  }

  @Test
  void benchmarkWhenEachRequestIsSetUpThenEveryEngineReturnsItsVerdictForEveryCategory() {
    for (String request : EngineComparison.BENCHMARKED) {
      EngineComparisonBenchmark benchmark = new EngineComparisonBenchmark();
      benchmark.request = request;
      benchmark.setUp();

      List<Category> asked = List.copyOf(benchmark.guard().dispositions().keySet());
      assertThat(benchmark.casbin()).as(request).hasSize(asked.size());
      assertThat(benchmark.cedar()).as(request).hasSize(asked.size());
      assertThat(benchmark.guardShippedPacks().dispositions().keySet()).as(request).containsExactlyInAnyOrderElementsOf(asked);
    }
  }

  private static boolean contains(boolean[] values, boolean value) {
    for (boolean each : values) {
      if (each == value) {
        return true;
      }
    }
    return false;
  }
}
