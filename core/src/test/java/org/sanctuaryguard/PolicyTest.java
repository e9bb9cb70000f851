package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.TestPacks.AT;
import static org.sanctuaryguard.TestPacks.pack;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

  private static final String WITHHOLD_IMMIGRATION_FROM_ICE = """
      { "id": "t.immigration", "citation": "Test Code § 1", "confidence": "C", "message": "No immigration data to ICE.",
        "when": { "recipient-classes": ["immigration-enforcement"], "categories": ["immigration"] },
        "effect": "withhold" }
      """;

  private final Policy policy = Policy.of(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE));

  private Decision decide(Policy p, String recipient, String... categories) {
    return p.decide(p.request().recipient(recipient).purpose(Purpose.OTHER).categories(categories).at(AT).build());
  }

  @Test
  void decideWhenNoRuleAppliesThenAllowsWithoutReasons() {
    Decision decision = decide(policy, "nypd", "immigration.status");

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.released()).extracting(Category::key).containsExactly("immigration.status");
    assertThat(decision.reasons()).isEmpty();
    assertThat(decision.packs()).containsExactly("t@1.0");
  }

  @Test
  void decideWhenNoRuleAppliesToTheSameRequestThenReturnsTheSameDecision() {
    DisclosureRequest request =
        policy.request().recipient("nypd").purpose(Purpose.OTHER).categories("contact.phone").build();

    assertThat(policy.decide(request)).isSameAs(policy.decide(request));
  }

  @Test
  void decideWhenRuleOnParentThenChildIsWithheld() {
    Decision decision = decide(policy, "ice-ero", "immigration.status", "contact.phone");

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("immigration.status");
    assertThat(decision.released()).extracting(Category::key).containsExactly("contact.phone");
  }

  @Test
  void decideWhenRuleOnChildThenRequestedParentIsWithheld() {
    Policy onChild = Policy.of(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE.replace("\"immigration\"]", "\"immigration.status\"]")));

    Decision decision = decide(onChild, "ice-ero", "immigration");

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("immigration");
  }

  @Test
  void decideWhenCategoryIsExceptedThenItAndItsChildrenAreReleased() {
    Policy except = Policy.of(pack("t", """
        { "id": "t.minimum", "citation": "Test Code § 2", "confidence": "C", "message": "Only location.",
          "when": { "basis-types": ["none"], "except-categories": ["location"] }, "effect": "withhold" }
        """));

    Decision decision = decide(except, "city-agency", "location.current", "location", "identity");

    assertThat(decision.released()).extracting(Category::key).containsExactly("location", "location.current");
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("identity");
  }

  @Test
  void decideWhenRecipientIsUnknownThenRulesOnImmigrationAdjacentApply() {
    Policy adjacent = Policy.of(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE.replace("immigration-enforcement", "immigration-adjacent")));
    Recipient unknown = adjacent.directory().resolveHost("api.unknown.example");

    Decision decision = adjacent.decide(adjacent.request()
        .recipient(unknown).purpose(Purpose.OTHER).categories("immigration.status").build());

    assertThat(unknown.recipientClass()).isEqualTo(RecipientClass.UNKNOWN);
    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
  }

  @Test
  void decideWhenPacksDisagreeThenStrictestWinsAndObligationsAddUp() {
    PolicyPack lenient = pack("a", """
        { "id": "a.escalate", "citation": "A § 1", "confidence": "C", "message": "To counsel.",
          "when": { "recipient-classes": ["immigration-enforcement"] }, "effect": "escalate",
          "obligations": ["escalate-to-counsel"] }
        """);
    PolicyPack strict = pack("b", """
        { "id": "b.withhold", "citation": "B § 1", "confidence": "S", "message": "Never.",
          "when": { "recipient-classes": ["immigration-enforcement"], "categories": ["location"] }, "effect": "withhold",
          "obligations": ["log-request"] }
        """);

    Decision decision = decide(Policy.of(lenient, strict), "ice-ero", "location.home-address", "contact.phone");

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("location.home-address");
    assertThat(decision.escalated()).extracting(Category::key).containsExactly("contact.phone");
    assertThat(decision.obligations()).extracting(Obligation::kind)
        .containsExactly(ObligationKind.LOG_REQUEST, ObligationKind.ESCALATE_TO_COUNSEL);
    assertThat(decision.reasons()).extracting(Reason::rule).containsExactly("a.escalate", "b.withhold");
    assertThat(decision.packs()).containsExactly("a@1.0", "b@1.0");
  }

  @Test
  void decideWhenPreemptingRuleAppliesThenLocalWithholdingBecomesEscalation() {
    PolicyPack federal = pack("fed", """
        { "id": "fed.status", "citation": "8 U.S.C. § 1373", "confidence": "C", "message": "Status to counsel.",
          "when": { "recipient-classes": ["immigration-enforcement"], "categories": ["immigration.status"] },
          "effect": "escalate", "preempts": true, "obligations": ["strip-non-status-fields"] }
        """);

    Decision decision = decide(Policy.of(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE), federal),
        "ice-ero", "immigration.status", "immigration.place-of-birth");

    assertThat(decision.escalated()).extracting(Category::key).containsExactly("immigration.status");
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("immigration.place-of-birth");
    assertThat(decision.reasons()).extracting(Reason::rule).contains("guard.federal-preemption");
    assertThat(decision.requires(ObligationKind.STRIP_NON_STATUS_FIELDS)).isTrue();
  }

  @Test
  void decideWhenTheParentOfAPreemptedCategoryIsRequestedThenTheLocalRuleStands() {
    PolicyPack federal = pack("fed", """
        { "id": "fed.status", "citation": "8 U.S.C. § 1373", "confidence": "C", "message": "Status to counsel.",
          "when": { "recipient-classes": ["immigration-enforcement"], "categories": ["immigration.status"] },
          "effect": "escalate", "preempts": true }
        """);

    Decision decision = decide(Policy.of(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE), federal), "ice-ero", "immigration");

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.withheld()).extracting(Category::key).containsExactly("immigration");
    assertThat(decision.reasons()).extracting(Reason::rule).doesNotContain("guard.federal-preemption");
  }

  @Test
  void decideWhenUnlessNeedsAFactNotGivenThenItCountsAsFalseAndTheReasonSaysSo() {
    Policy facts = Policy.of(pack("t", """
        { "id": "t.custody", "citation": "Test § 3", "confidence": "C", "message": "Custody only for serious cases.",
          "when": { "categories": ["custody"] },
          "unless": [ { "facts-any": ["violent-or-serious-conviction", "test-fact"] } ], "effect": "withhold" }
        """));

    Decision missing = decide(facts, "ice-ero", "custody.release-date");
    Decision given = facts.decide(facts.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("custody.release-date").fact("test-fact", true).build());

    assertThat(missing.outcome()).isEqualTo(Outcome.DENY);
    assertThat(missing.reasons().get(0).details()).singleElement().asString()
        .contains("'violent-or-serious-conviction' was not given and counts as false");
    assertThat(given.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(given.reasons().get(0).details()).containsExactly("met: fact 'test-fact'");
  }

  @Test
  void decideWhenTwoRulesOweTheSameObligationThenTheEarliestDeadlineHolds() {
    Policy twice = Policy.of(pack("t", """
        { "id": "t.three-days", "citation": "T § 1", "confidence": "C", "message": "Notify in 3 days.",
          "when": {}, "obligations": [ { "kind": "notify-subject", "within": "P3D" } ] },
        { "id": "t.one-day", "citation": "T § 2", "confidence": "C", "message": "Notify in a day.",
          "when": {}, "obligations": [ { "kind": "notify-subject", "within": "PT24H" } ] }
        """));

    Decision decision = decide(twice, "nypd", "contact.phone");

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.obligations()).singleElement().satisfies(obligation -> {
      assertThat(obligation.due()).isEqualTo(AT.plus(Duration.ofDays(1)));
      assertThat(obligation.rules()).containsExactly("t.three-days", "t.one-day");
    });
  }

  @Test
  void decideWhenRequestHasNoTimeThenThePolicyClockDatesIt() {
    Policy clocked = Policy.builder()
        .pack(pack("t", """
            { "id": "t.notify", "citation": "T § 1", "confidence": "C", "message": "Notify.",
              "when": {}, "obligations": [ { "kind": "notify-subject", "within": "P3D" } ] }
            """))
        .clock(Clock.fixed(AT, ZoneOffset.UTC))
        .build();

    Decision decision = clocked.decide(clocked.request().recipient("nypd").purpose(Purpose.OTHER)
        .categories("contact.phone").build());

    assertThat(decision.obligations().get(0).due()).isEqualTo(AT.plus(Duration.ofDays(3)));
  }

  @Test
  void decideWhenRuleHasSignerRoleConditionThenItAppliesOnlyToThatRole() {
    Policy roles = Policy.of(pack("t", """
        { "id": "t.magistrate", "citation": "T § 4", "confidence": "U", "note": "For tests.", "message": "Magistrates to counsel.",
          "when": { "signer-roles": ["magistrate-judge"] }, "effect": "escalate" }
        """));
    LegalBasis magistrate = TestPacks.article3Warrant("S-1", "contact").signer("M. Judge", SignerRole.MAGISTRATE_JUDGE).build();
    LegalBasis article3 = TestPacks.article3Warrant("S-1", "contact").build();

    assertThat(decideWith(roles, magistrate).outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decideWith(roles, article3).outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void decideWhenRuleNamesCitationsThenItAppliesOnlyToABasisCitingOne() {
    Policy cited = Policy.of(pack("t", """
        { "id": "t.tanf", "citation": "42 U.S.C. § 611a", "confidence": "C", "message": "TANF to counsel.",
          "when": { "basis-types": ["required-by-law"], "citations": ["42 U.S.C. § 611a"] }, "effect": "escalate" }
        """));

    assertThat(decideWith(cited, required("42 USC 611a(a)")).outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decideWith(cited, required("8 U.S.C. § 1357; 42 U.S.C. 611a")).outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decideWith(cited, required("42 U.S.C. § 6110")).outcome()).isEqualTo(Outcome.ALLOW);
  }

  private static LegalBasis required(String citation) {
    return LegalBasis.builder(BasisType.REQUIRED_BY_LAW).citation(citation).build();
  }

  private static Decision decideWith(Policy p, LegalBasis basis) {
    return p.decide(p.request().recipient("ice-ero").purpose(Purpose.CRIMINAL_INVESTIGATION)
        .categories("contact.phone").subjects("S-1").basis(basis).at(AT).build());
  }

  @Test
  void buildWhenNoPackThenFailsNamingWhatIsMissing() {
    assertThatThrownBy(() -> Policy.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a policy needs at least one pack");
  }

  @Test
  void buildWhenTwoPacksShareAnIdThenFails() {
    PolicyPack one = pack("t", WITHHOLD_IMMIGRATION_FROM_ICE);
    PolicyPack other = pack("t", WITHHOLD_IMMIGRATION_FROM_ICE.replace("t.immigration", "t.other"));

    assertThatThrownBy(() -> Policy.of(one, other)).hasMessage("two packs have the id 't'");
  }

  @Test
  void buildWhenPackDeclaresCategoriesAndRecipientsThenPolicyKnowsThem() {
    PolicyPack city = PolicyPack.read("city.json", """
        { "format": 1, "id": "city", "version": "1", "title": "City", "jurisdiction": "City", "time-zone": "UTC",
          "summary": "s",
          "categories": { "housing": "Housing", "housing.voucher": "Vouchers" },
          "recipients": [ { "id": "city-hra", "name": "Human Resources Administration", "class": "city-agency",
                            "email-domains": ["hra.city.example"] } ],
          "rules": [ { "id": "city.voucher", "citation": "City § 1", "confidence": "C", "message": "Vouchers stay.",
                       "when": { "recipient-classes": ["immigration-enforcement"], "categories": ["housing"] },
                       "effect": "withhold" } ] }
        """);
    Policy withCity = Policy.builder().pack(city).recipient(Recipient.of("city-dot", "Transportation", RecipientClass.CITY_AGENCY)).build();

    assertThat(withCity.categories().get("housing.voucher").parent()).map(Category::key).contains("housing");
    assertThat(withCity.directory().resolveEmail("clerk@hra.city.example").id()).isEqualTo("city-hra");
    assertThat(withCity.directory().get("city-dot").recipientClass()).isEqualTo(RecipientClass.CITY_AGENCY);
    assertThat(decide(withCity, "ice-ero", "housing.voucher").outcome()).isEqualTo(Outcome.DENY);
  }

  /** A pack of the given id adding the given recipients, with one rule that only logs. */
  private static PolicyPack withRecipients(String id, String recipients) {
    return PolicyPack.read(id + ".json", """
        { "format": 1, "id": "%s", "version": "1", "title": "T", "jurisdiction": "J", "time-zone": "UTC",
          "summary": "s", "recipients": [ %s ],
          "rules": [ { "id": "%s.log", "citation": "x", "confidence": "C", "message": "m", "when": {},
                       "obligations": ["log-request"] } ] }
        """.formatted(id, recipients, id));
  }

  private static List<String> problems(Runnable composing) {
    try {
      composing.run();
    } catch (PolicyFormatException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("the packs were composed");
  }

  @Test
  void buildWhenARecipientsParentIsAddedByAnotherPackThenItTakesTheStrictestClassOfItsAncestors() {
    PolicyPack county = withRecipients("county", """
        { "id": "county-sheriff", "name": "County Sheriff", "class": "law-enforcement" },
        { "id": "county-hsi-liaison", "name": "HSI liaison office", "class": "law-enforcement", "parent": "ice-hsi" },
        { "id": "county-task-force", "name": "County task force", "class": "immigration-adjacent" }
        """);
    PolicyPack city = withRecipients("city", """
        { "id": "city-sheriff-warrants", "name": "Warrant squad", "class": "city-agency", "parent": "county-sheriff" },
        { "id": "city-liaison-desk", "name": "Liaison desk", "class": "city-agency", "parent": "county-hsi-liaison",
          "hosts": ["desk.city.example"] },
        { "id": "city-task-force-desk", "name": "Task-force desk", "class": "other", "parent": "county-task-force" }
        """);

    Policy composed = Policy.builder().pack(city).pack(county)
        .recipient(Recipient.of("city-liaison-clerk", "Clerk", RecipientClass.CITY_AGENCY).withParent("city-liaison-desk"))
        .build();

    RecipientDirectory directory = composed.directory();
    assertThat(directory.get("city-sheriff-warrants").recipientClass()).isEqualTo(RecipientClass.LAW_ENFORCEMENT);
    assertThat(directory.resolveHost("desk.city.example").recipientClass())
        .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(directory.get("city-liaison-clerk").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(directory.get("city-task-force-desk").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ADJACENT);
    assertThat(decide(Policy.builder().pack(city).pack(county).pack(pack("t", WITHHOLD_IMMIGRATION_FROM_ICE)).build(),
        "city-liaison-desk", "immigration.status").outcome()).isEqualTo(Outcome.DENY);
  }

  @Test
  void buildWhenARecipientsParentIsInNoPackOrPacksMakeItItsOwnAncestorThenFailsNamingFileRecipientAndParent() {
    PolicyPack county = withRecipients("county", """
        { "id": "county-sheriff", "name": "County Sheriff", "class": "law-enforcement" },
        { "id": "county-unit", "name": "County unit", "class": "other", "parent": "city-unit" }
        """);
    PolicyPack city = withRecipients("city", """
        { "id": "city-warrants", "name": "Warrant squad", "class": "city-agency", "parent": "county-sherif" },
        { "id": "city-desk", "name": "Desk", "class": "city-agency", "parent": "city-warrants" },
        { "id": "city-unit", "name": "City unit", "class": "other", "parent": "county-unit" }
        """);

    assertThat(problems(() -> Policy.of(county, city))).containsExactly(
        "county.json: recipient 'county-unit': recipients[1].parent: recipient 'county-unit' is its own ancestor:"
            + " county-unit -> city-unit -> county-unit",
        "city.json: recipient 'city-warrants': recipients[0].parent: parent 'county-sherif' of recipient"
            + " 'city-warrants' is not in the directory, nor added by a pack of the policy (county, city) or in code",
        "city.json: recipient 'city-desk': recipients[1].parent: parent 'county-sherif' of recipient 'city-warrants'"
            + " is not in the directory, nor added by a pack of the policy (county, city) or in code (ancestor of"
            + " 'city-desk')",
        "city.json: recipient 'city-unit': recipients[2].parent: recipient 'city-unit' is its own ancestor:"
            + " city-unit -> county-unit -> city-unit");
  }

  @Test
  void buildWhenARecipientAddedInCodeHasAParentFoundNowhereThenTheCauseNamesTheParent() {
    Policy.Builder builder = Policy.builder().pack(withRecipients("city", """
        { "id": "city-warrants", "name": "Warrant squad", "class": "city-agency" }
        """)).recipient(Recipient.of("city-desk", "Desk", RecipientClass.CITY_AGENCY).withParent("county-sherif"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parent 'county-sherif' of recipient 'city-desk' is not in the directory")
        .cause()
        .isInstanceOfSatisfying(UnknownIdentifierException.class,
            unknown -> assertThat(unknown.identifier()).isEqualTo("county-sherif"));
  }

  @Test
  void buildWhenALaterPackOverridesARecipientThenItsParentIsTheLaterOnes() {
    PolicyPack first = withRecipients("first", """
        { "id": "shared-unit", "name": "Unit", "class": "other", "parent": "nowhere" }
        """);
    PolicyPack second = withRecipients("second", """
        { "id": "shared-unit", "name": "Unit", "class": "law-enforcement", "parent": "nypd" }
        """);

    assertThat(Policy.of(first, second).directory().get("shared-unit").parent()).isEqualTo("nypd");
  }

  @Test
  void ruleWhenAPackHasItThenItsTitleCitationAndConfidenceElseEmpty() {
    PolicyPack untitled = pack("u", """
        { "id": "u.log", "citation": "Test Code § 2", "confidence": "U", "note": "n", "message": "m", "when": {},
          "obligations": ["log-request"] }
        """);
    Policy composed = Policy.of(PolicyPack.builtin("nyc"), untitled);

    assertThat(composed.rule("nyc.10-178.no-city-resources")).contains(new RuleSummary(
        "nyc.10-178.no-city-resources", "No city resources for immigration enforcement",
        "N.Y.C. Admin. Code § 10-178(c)", Confidence.CONFIRMED));
    assertThat(composed.rule("u.log")).contains(new RuleSummary("u.log", null, "Test Code § 2", Confidence.UNCONFIRMED));
    assertThat(composed.rule("t.immigration")).isEmpty();
    assertThat(composed.rule("guard.unknown-recipient")).isEmpty();
  }

  @Test
  void requestWhenFactIsNotDeclaredThenFailsNamingTheNearestFact() {
    assertThatThrownBy(() -> policy.request().fact("violent-conviction", true))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessageContaining("unknown fact 'violent-conviction'")
        .hasMessageContaining("violent-or-serious-conviction");
  }

  @Test
  void requestWhenIncompleteThenBuildNamesWhatIsMissing() {
    assertThatThrownBy(() -> policy.request().purpose(Purpose.OTHER).categories("contact").build())
        .hasMessage("a disclosure request needs a recipient");
    assertThatThrownBy(() -> policy.request().recipient("nypd").categories("contact").build())
        .hasMessage("a disclosure request needs a purpose");
    assertThatThrownBy(() -> policy.request().recipient("nypd").purpose(Purpose.OTHER).build())
        .hasMessage("a disclosure request needs at least one category");
  }
}
