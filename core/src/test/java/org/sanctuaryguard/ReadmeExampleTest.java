package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first example, compiled and checked, so that it keeps working. */
class ReadmeExampleTest {

  @Test
  void readmeExampleWhenRunThenDeniesTheAdministrativeWarrantAndSaysWhy() {
    // --- README: decide ---
    Guard guard = Guard.of(GuardConfig.custom()
        .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .holder(Holder.SHELTER)
        .build());

    Decision decision = guard.decide(guard.request()
        .recipient("ice-ero")
        .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories("location.shelter")
        .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205")
            .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build())
        .build());
    // --- end ---

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.reasons().get(0).toString()).startsWith("nyc.10-178.no-city-resources").contains(
        "signed by an immigration officer, not a judge: Form I-205 is an administrative warrant");
    assertThat(decision.obligations()).extracting(o -> o.kind().id())
        .containsExactly("log-request", "report-periodic", "escalate-to-counsel", "capture-documents");
    assertThat(decision.auditEventId()).isPresent();
  }
}
