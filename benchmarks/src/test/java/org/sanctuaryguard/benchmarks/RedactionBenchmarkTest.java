package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.benchmarks.RedactionBenchmark.Resident;

class RedactionBenchmarkTest {

  private final RedactionBenchmark benchmark = new RedactionBenchmark();

  @BeforeEach
  void setUp() {
    benchmark.setUp();
  }

  @Test
  void redactWhenTheDecisionWithholdsStatusAndAddressThenEqualsTheHandWrittenCopy() {
    Object redacted = benchmark.redact();

    assertThat(redacted).isInstanceOf(Resident.class).isEqualTo(benchmark.handWrittenCopy());
    Resident copy = (Resident) redacted;
    assertThat(copy.immigrationStatus()).isNull();
    assertThat(copy.homeAddress()).isNull();
    assertThat(copy.name()).isEqualTo("Ana Diaz");
    assertThat(copy.caseload()).as("the nested record is copied, as by hand, so both do the same work")
        .isNotSameAs(benchmark.original().caseload()).isEqualTo(benchmark.original().caseload());
    assertThat(benchmark.handWrittenCopy().caseload()).isNotSameAs(benchmark.original().caseload());
  }
}
