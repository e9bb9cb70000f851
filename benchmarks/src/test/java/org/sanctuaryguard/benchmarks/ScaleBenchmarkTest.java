package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanctuaryguard.Outcome;

class ScaleBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {ScaleBenchmark.SHIPPED, "1000"})
  void unrestrictedWhenRulesAreAddedThenStillAllows(String rules) {
    ScaleBenchmark benchmark = setUp(rules);

    assertThat(benchmark.unrestricted().outcome()).isEqualTo(Outcome.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleBenchmark.SHIPPED, "1000"})
  void administrativeWarrantDeniedWhenRulesAreAddedThenStillDenies(String rules) {
    ScaleBenchmark benchmark = setUp(rules);

    assertThat(benchmark.administrativeWarrantDenied().outcome()).isEqualTo(Outcome.DENY);
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleBenchmark.SHIPPED, "1000"})
  void judicialWarrantReleasedWhenRulesAreAddedThenStillAllows(String rules) {
    ScaleBenchmark benchmark = setUp(rules);

    assertThat(benchmark.judicialWarrantReleased().outcome()).isEqualTo(Outcome.ALLOW);
  }

  private static ScaleBenchmark setUp(String rules) {
    ScaleBenchmark benchmark = new ScaleBenchmark();
    benchmark.rules = rules;
    benchmark.setUp();
    return benchmark;
  }
}
