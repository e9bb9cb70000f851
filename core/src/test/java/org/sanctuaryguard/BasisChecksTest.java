package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuaryguard.TestPacks.AT;
import static org.sanctuaryguard.TestPacks.article3Warrant;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests a pack puts a legal basis through, and what a caseworker reads when one fails. */
class BasisChecksTest {

  private static final String RULE = """
      { "id": "t.judicial", "citation": "Test § 1", "confidence": "C", "message": "Judicial process only.",
        "when": { "recipient-classes": ["immigration-enforcement"] },
        "unless": [ { "basis": { "types": ["judicial-warrant", "court-order"] } } ],
        "effect": "withhold" }
      """;

  private final Policy policy = Policy.of(TestPacks.pack("t", RULE));

  private Decision decide(LegalBasis basis, String... categories) {
    return policy.decide(policy.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories(categories).subjects("S-1").basis(basis).at(AT).build());
  }

  private static List<String> details(Decision decision) {
    return decision.reasons().stream().flatMap(reason -> reason.details().stream()).toList();
  }

  @Test
  void decideWhenValidVerifiedWarrantInScopeThenReleasesWhatItCovers() {
    Decision decision = decide(article3Warrant("S-1", "location").build(), "location.home-address", "contact.phone");

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
    assertThat(decision.released()).extracting(Category::key).containsExactly("location.home-address");
    assertThat(details(decision)).containsExactly(
        "met by a judicial warrant signed by a federal judge appointed under Article III",
        "the document does not cover contact.phone");
  }

  @Test
  void decideWhenAdministrativeWarrantThenSaysItIsSignedByAnOfficerNotAJudge() {
    LegalBasis i203 = LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-203")
        .issuer("U.S. Department of Homeland Security").signer("R. Roe", SignerRole.IMMIGRATION_OFFICER)
        .issued(LocalDate.of(2026, 5, 20)).subjects("S-1").build();

    Decision decision = decide(i203, "location.home-address");

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(details(decision)).containsExactly(
        "signed by an immigration officer, not a judge: Form I-203 is an administrative warrant;"
            + " this rule accepts a judicial warrant or a court order");
  }

  @Test
  void decideWhenDetainerOrSubpoenaOrNothingThenExplainsWhatItIs() {
    assertThat(details(decide(LegalBasis.builder(BasisType.DETAINER).form("I-247A").build(), "custody")))
        .singleElement().asString().startsWith("Form I-247A is a request from an immigration officer, not an order of a judge");
    assertThat(details(decide(LegalBasis.builder(BasisType.ADMINISTRATIVE_SUBPOENA).build(), "custody")))
        .singleElement().asString().contains("binds only once a court orders compliance");
    assertThat(details(decide(LegalBasis.none(), "custody")))
        .singleElement().asString().startsWith("no legal document was presented");
  }

  @Test
  void decideWhenJudicialWarrantSignedByImmigrationOfficialsThenFailsIssuerAndSigner() {
    LegalBasis removalOrder = LegalBasis.builder(BasisType.COURT_ORDER)
        .issuer("Executive Office for Immigration Review, New York Immigration Court")
        .signer("P. Poe", SignerRole.IMMIGRATION_JUDGE).issued(LocalDate.of(2026, 4, 2)).subjects("S-1")
        .categories("location").authenticity(Authenticity.verifiedBy("clerk")).build();

    assertThat(details(decide(removalOrder, "location.shelter"))).containsExactly(
        "issued by an immigration court, which belongs to the Department of Justice, not to the judiciary",
        "signed by an immigration judge, not a judge");
  }

  @Test
  void decideWhenIssuedByAnAgencyThenNotACourt() {
    LegalBasis agency = article3Warrant("S-1", "location").issuer("U.S. Department of Homeland Security").build();

    assertThat(details(decide(agency, "location"))).containsExactly("issued by an agency, not a court");
  }

  @Test
  void decideWhenExpiredOrPostdatedThenSaysWhichDate() {
    LegalBasis expired = article3Warrant("S-1", "location").expires(LocalDate.of(2026, 5, 31)).build();
    LegalBasis postdated = article3Warrant("S-1", "location").issued(LocalDate.of(2026, 6, 2)).build();

    assertThat(details(decide(expired, "location")))
        .containsExactly("expired on 2026-05-31, before the request (2026-06-01)");
    assertThat(details(decide(postdated, "location")))
        .containsExactly("dated 2026-06-02, after the request (2026-06-01)");
  }

  @Test
  void decideWhenExpiryIsTheRequestDayInThePackTimeZoneThenStillInDate() {
    LegalBasis lastDay = article3Warrant("S-1", "location").expires(LocalDate.of(2026, 6, 1)).build();
    Decision decision = policy.decide(policy.request().recipient("ice-ero").purpose(Purpose.CRIMINAL_INVESTIGATION)
        .categories("location").subjects("S-1").basis(lastDay)
        .at(java.time.Instant.parse("2026-06-02T03:00:00Z")).build());

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void decideWhenDocumentNamesOtherPeopleOrTheRequestIsBulkThenOutOfScope() {
    Decision other = decide(article3Warrant("S-2", "location").build(), "location");
    Decision bulk = policy.decide(policy.request().recipient("ice-ero").purpose(Purpose.OTHER).categories("location")
        .subjects("*").basis(article3Warrant("S-1", "location").build()).at(AT).build());

    assertThat(details(other)).containsExactly("the document does not name every person the request is about");
    assertThat(details(bulk)).containsExactly("the request covers every subject, but the document names particular people");
  }

  @Test
  void decideWhenCourtDocumentNamesEveryPersonThenABulkRequestGoesToCounsel() {
    LegalBasis everyone = article3Warrant("*", "location").build();

    Decision decision = policy.decide(policy.request().recipient("ice-ero").purpose(Purpose.OTHER).categories("location")
        .subjects("*").basis(everyone).at(AT).build());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(details(decision)).singleElement().asString()
        .contains("the document names no particular person but every one");
  }

  @Test
  void decideWhenDocumentListsNoRecordsThenCannotBeInScope() {
    LegalBasis unscoped = LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the District of Colorado")
        .signer("Hon. B. Judge", SignerRole.ARTICLE_III_JUDGE).issued(LocalDate.of(2026, 5, 1)).subjects("S-1")
        .authenticity(Authenticity.verifiedBy("counsel")).build();

    assertThat(details(decide(unscoped, "location"))).containsExactly("the document does not say which records it covers");
  }

  @Test
  void decideWhenEverythingHoldsButAuthenticityThenEscalatesWithDocumentsAndCounsel() {
    LegalBasis unverified = article3Warrant("S-1", "location").authenticity(Authenticity.notVerified()).build();

    Decision decision = decide(unverified, "location");

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.obligations()).extracting(Obligation::kind)
        .contains(ObligationKind.ESCALATE_TO_COUNSEL, ObligationKind.CAPTURE_DOCUMENTS);
    assertThat(details(decision)).singleElement().asString()
        .contains("its authenticity has not been verified with the court");
  }

  @Test
  void decideWhenDocumentIsIncompleteThenTheMissingFieldIsAReason() {
    LegalBasis unsigned = LegalBasis.builder(BasisType.JUDICIAL_WARRANT).issuer("United States District Court")
        .issued(LocalDate.of(2026, 5, 1)).subjects("S-1").categories("location")
        .authenticity(Authenticity.verifiedBy("counsel")).build();

    assertThat(details(decide(unsigned, "location")))
        .containsExactly("the document is incomplete: signer: is required for a judicial warrant");
  }

  @Test
  void decideWhenRuleNeedsAnArticleIiiJudgeThenAMagistrateIsNamedAsNotEnough() {
    Policy strict = Policy.of(TestPacks.pack("t", RULE.replace(
        "\"types\": [\"judicial-warrant\", \"court-order\"]",
        "\"types\": [\"judicial-warrant\"], \"issuer\": \"federal-court\", \"signer-roles\": [\"article-iii-judge\"]")));
    LegalBasis magistrate = article3Warrant("S-1", "location").signer("M. Judge", SignerRole.MAGISTRATE_JUDGE).build();
    LegalBasis stateCourt = article3Warrant("S-1", "location").issuer("Supreme Court of the State of New York").build();

    assertThat(details(strict.decide(strict.request().recipient("cbp").purpose(Purpose.OTHER).categories("location")
        .subjects("S-1").basis(magistrate).at(AT).build())))
        .containsExactly("signed by a U.S. magistrate judge; this rule needs a federal judge appointed under Article III");
    assertThat(details(strict.decide(strict.request().recipient("cbp").purpose(Purpose.OTHER).categories("location")
        .subjects("S-1").basis(stateCourt).at(AT).build())))
        .containsExactly("issued by a state court; this rule needs a federal court",
            "signed by a federal judge appointed under Article III but issued by a state court: the signer and the"
                + " issuer disagree");
  }

  @Test
  void decideWhenConsentIsBoundToAnotherRecipientOrPurposeThenWithheld() {
    Policy consent = Policy.of(TestPacks.pack("t", """
        { "id": "t.consent", "citation": "T § 2", "confidence": "C", "message": "Consent only.",
          "when": {}, "unless": [ { "basis": { "types": ["written-consent"] }, "facts-all": ["consent-confirmed-with-subject"] } ],
          "effect": "withhold" }
        """));
    LegalBasis forOthers = LegalBasis.builder(BasisType.WRITTEN_CONSENT).signer("Resident", SignerRole.OTHER)
        .subjects("S-1").categories("contact").recipient("nypd").purpose(Purpose.LITIGATION).build();
    LegalBasis bound = LegalBasis.builder(BasisType.WRITTEN_CONSENT).signer("Resident", SignerRole.OTHER)
        .subjects("S-1").categories("contact").recipient("ice-ero").purpose(Purpose.OTHER).build();

    Decision mismatched = consent.decide(consent.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("contact.phone").subjects("S-1").basis(forOthers).fact(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, true).build());
    Decision collectedByOfficer = consent.decide(consent.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("contact.phone").subjects("S-1").basis(bound).build());
    Decision confirmed = consent.decide(consent.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("contact.phone").subjects("S-1").basis(bound).fact(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, true).build());

    assertThat(details(mismatched)).containsExactly(
        "the consent was given for another recipient", "the consent was given for another purpose (litigation)");
    assertThat(details(collectedByOfficer))
        .containsExactly("fact 'consent-confirmed-with-subject' was not given and counts as false");
    assertThat(confirmed.outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void decideWhenRequiredByLawCitesAnotherLawThenSaysWhichItAccepts() {
    Policy law = Policy.of(TestPacks.pack("t", """
        { "id": "t.save", "citation": "T § 3", "confidence": "C", "message": "SAVE only.",
          "when": {}, "unless": [ { "basis": { "types": ["required-by-law"], "citations": ["8 U.S.C. § 1642"] } } ],
          "effect": "withhold" }
        """));

    Decision decision = law.decide(law.request().recipient("uscis-save").purpose(Purpose.BENEFITS_VERIFICATION)
        .categories("immigration.status").basis(LegalBasis.builder(BasisType.REQUIRED_BY_LAW).citation("8 U.S.C. § 1357").build())
        .build());

    assertThat(details(decision)).containsExactly("the law cited is not one this rule accepts (8 U.S.C. § 1642)");
  }
}
