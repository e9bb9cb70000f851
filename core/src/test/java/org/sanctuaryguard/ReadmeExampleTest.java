package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first example, compiled and checked, so that it keeps working. */
class ReadmeExampleTest {

  record Resident(@SubjectId String clientId,
                  @Protected("identity.name") String name,
                  @Protected("immigration.status") String status,
                  @Protected("location.home-address") String address,
                  String office) {}

  @Test
  void readmeReleaseWhenPoliceAskToDeliverAServiceThenStatusIsWithheld() {
    Guard guard = Guard.of(GuardConfig.custom()
        .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .build());
    Resident resident = new Resident("C-1001", "Ana Diaz", "asylum-pending", "12 Canal St", "Canal St");

    // --- README: release ---
    Release<Resident> release = guard.release(resident, guard.request()
        .recipient("nypd")
        .purpose(Purpose.SERVICE_DELIVERY));
    // --- end ---

    assertThat(release.copy()).isEqualTo(new Resident("C-1001", "Ana Diaz", null, "12 Canal St", "Canal St"));
    assertThat(release.decision()).hasValueSatisfying(decision -> {
      assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
      assertThat(decision.reasons()).extracting(Reason::rule).contains("nyc.eo-41.immigration-status-police");
    });
  }

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
