package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedactionComparisonBenchmarkTest {

  private final RedactionComparisonBenchmark benchmark = new RedactionComparisonBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.setUp();
  }

  @Test
  void unrestrictedWhenNothingIsWithheldThenWritesWhatPlainJacksonWrites() {
    assertThat(benchmark.unrestricted()).isEqualTo(benchmark.plainJackson());
  }

  @Test
  void redactingWhenStatusAndAddressAreWithheldThenTheyAreLeftOutAndTheRestIsWritten() {
    String json = new String(benchmark.redacting(), StandardCharsets.UTF_8);

    assertThat(benchmark.redactingEachResponse()).isEqualTo(benchmark.redacting());
    assertThat(benchmark.redactingEachResponse()).isEqualTo(benchmark.redacting());
    assertThat(json).doesNotContain("immigrationStatus", "asylum-pending", "homeAddress", "Canal St, New York")
        .contains("\"name\":\"Ana Diaz\"", "\"employer\":\"Acme Cleaning\"", "\"notes\":\"needs an interpreter\"");
  }

  @Test
  void jsonViewAndJsonFilterWhenWritingTheResidentThenLeaveOutWhatTheModuleLeavesOut() {
    assertThat(benchmark.jsonView()).isEqualTo(benchmark.redacting()).isNotEqualTo(benchmark.plainJackson());
    assertThat(benchmark.jsonFilter()).isEqualTo(benchmark.redacting());
  }

  @Test
  void subjectCheckWhenTheDecisionIsAboutTheResidentThenTrue() {
    assertThat(benchmark.subjectCheck()).isTrue();
  }
}
