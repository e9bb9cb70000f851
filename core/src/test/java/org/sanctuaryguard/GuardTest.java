package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.TestPacks.AT;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.internal.json.LogField;

class GuardTest {

  private static final Policy POLICY = TestPacks.shipped();
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final List<GuardEvent> events = new CopyOnWriteArrayList<>();

  private Guard guard(Mode mode, AuditSink... extra) {
    AuditSink[] sinks = new AuditSink[extra.length + 1];
    sinks[0] = events::add;
    System.arraycopy(extra, 0, sinks, 1, extra.length);
    return Guard.of(GuardConfig.custom().policy(POLICY).mode(mode).holder(Holder.SHELTER).auditSinks(sinks)
        .pseudonymKey(KEY).build());
  }

  private static DisclosureRequest iceAtShelter(Guard guard) {
    return guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories("location.shelter").subjects("S-1001").actor("caseworker-7").at(AT).build();
  }

  @Test
  void decideWhenEnforcingThenRecordsOneEventAndReturnsItsId() {
    Guard guard = guard(Mode.ENFORCE);

    Decision decision = guard.decide(iceAtShelter(guard));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(decision.permitsAny()).isFalse();
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(decision.auditEventId()).contains(event.id());
      assertThat(event.id()).isEqualTo(guard.id() + "-1");
      assertThat(event.guard()).isEqualTo(guard.id());
      assertThat(event.kind()).isEqualTo(GuardEvent.Kind.DECISION);
      assertThat(event.holder()).contains(Holder.SHELTER);
      assertThat(event.fields()).containsEntry("sanctuary.outcome", "deny")
          .containsEntry("sanctuary.recipient.class", "immigration-enforcement")
          .containsEntry("sanctuary.withheld", List.of("location.shelter"))
          .containsEntry("user.id", "caseworker-7")
          .containsEntry("sanctuary.request_time", AT.toString())
          .containsKey("sanctuary.obligations");
      assertThat(event.withheld()).containsExactly("location.shelter");
      assertThat(event.released()).isEmpty();
      assertThat(event.escalated()).isEmpty();
      assertThat(event.obligations()).isEqualTo(decision.obligations());
    });
  }

  @Test
  void decideWhenCalledAgainThenTheEventNumberGrowsAndTheGuardIdStays() {
    Guard guard = guard(Mode.ENFORCE);

    guard.decide(iceAtShelter(guard));
    guard.decide(iceAtShelter(guard));

    assertThat(events).extracting(GuardEvent::id).containsExactly(guard.id() + "-1", guard.id() + "-2");
    assertThat(guard.id()).matches("[a-z2-7]{16}").isNotEqualTo(guard(Mode.ENFORCE).id());
  }

  @Test
  void decideWhenTheSinkFailsInEnforceModeThenDeniesEvenWhatThePolicyAllows() {
    Guard guard = guard(Mode.ENFORCE, event -> {
      throw new IllegalStateException("disk full at S-1001");
    });

    Decision decision = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1001").build());

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.permits(POLICY.categories().get("contact.phone"))).isFalse();
    assertThat(decision.reasons()).singleElement().satisfies(reason -> {
      assertThat(reason.rule()).isEqualTo("guard.audit-failed");
      assertThat(reason.details()).containsExactly("failure: java.lang.IllegalStateException");
    });
    assertThat(events).as("the sink that recorded the decision also records the denial that replaces it")
        .hasSize(2).satisfiesExactly(
            allowed -> assertThat(allowed.outcome()).contains(Outcome.ALLOW),
            denied -> {
              assertThat(denied.outcome()).contains(Outcome.DENY);
              assertThat(denied.supersedes()).contains(events.get(0).id());
              assertThat(denied.failure()).contains("audit");
              assertThat(decision.auditEventId()).contains(denied.id());
            });
  }

  @Test
  void decideWhenTheSinkFailsInMonitorModeThenStillReleasesAndSaysSoLoudly() {
    Guard guard = guard(Mode.MONITOR, event -> {
      throw new IllegalStateException("disk full");
    });

    Decision decision = guard.decide(iceAtShelter(guard));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.permitsAny()).isTrue();
  }

  @Test
  void decideWhenEvaluationThrowsThenFailsClosedNamingOnlyTheExceptionClass() {
    AtomicInteger reads = new AtomicInteger();
    Clock brokenOnce = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (reads.getAndIncrement() == 0) {
          throw new IllegalStateException("clock broken while reading S-1001");
        }
        return AT;
      }
    };
    Policy policy = Policy.builder().packs(POLICY.packs()).clock(brokenOnce).build();
    Guard guard = Guard.of(GuardConfig.custom().policy(policy).auditSinks(events::add).build());

    Decision decision = guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("location.home-address").subjects("S-1001").build());

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.reasons()).singleElement().satisfies(reason -> {
      assertThat(reason.rule()).isEqualTo("guard.evaluation-failed");
      assertThat(reason.categories()).extracting(Category::key).containsExactly("location.home-address");
      assertThat(reason.toString()).doesNotContain("S-1001");
    });
    assertThat(events).singleElement().satisfies(event ->
        assertThat(event.fields()).containsEntry("sanctuary.failure", "evaluation").containsEntry("sanctuary.outcome", "deny"));
  }

  @Test
  void decideWhenMonitoringThenReleasesEverythingRecordsTheVerdictAndAsksForBreachReview() {
    Guard guard = guard(Mode.MONITOR);

    Decision decision = guard.decide(iceAtShelter(guard));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.mode()).isEqualTo(Mode.MONITOR);
    assertThat(decision.permits(POLICY.categories().get("location.shelter"))).isTrue();
    assertThat(decision.requires(ObligationKind.BREACH_REVIEW)).isTrue();
    assertThat(decision.reasons()).extracting(Reason::rule).contains("guard.monitor-release");
    assertThat(events.get(0).fields()).containsEntry("sanctuary.mode", "monitor");
  }

  @Test
  void decideWhenMonitoringAnAllowedRequestThenNoBreachReview() {
    Guard guard = guard(Mode.MONITOR);

    Decision decision = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").build());

    assertThat(decision.obligations()).isEmpty();
  }

  @Test
  void decideWhenKeyConfiguredThenSubjectsArePseudonymsStableUnderTheKey() {
    Guard guard = guard(Mode.ENFORCE);
    Guard otherKey = Guard.of(GuardConfig.from(guard.config()).pseudonymKey(new byte[32]).build());

    guard.decide(iceAtShelter(guard));
    guard.decide(iceAtShelter(guard));
    otherKey.decide(iceAtShelter(otherKey));

    List<String> first = events.get(0).subjectPseudonyms();
    assertThat(first).singleElement().asString().matches("[A-Za-z0-9_-]{22}").doesNotContain("1001");
    assertThat(events.get(1).subjectPseudonyms()).isEqualTo(first);
    assertThat(events.get(2).subjectPseudonyms()).isNotEqualTo(first);
    assertThat(events.get(0).subjectCount()).isEqualTo(1);
  }

  @Test
  void decideWhenNoKeyThenEventsLeaveSubjectsOut() {
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(events::add).build());

    guard.decide(iceAtShelter(guard));

    assertThat(events.get(0).subjectPseudonyms()).isEmpty();
    assertThat(events.get(0).fields()).doesNotContainKey("sanctuary.subjects").containsEntry("sanctuary.subject_count", 1);
  }

  @Test
  void decideWhenTheBasisIsSignedByAPrivatePersonThenTheEventHoldsPseudonymsOfTheirNameAndReferenceNotThem() {
    Guard guard = guard(Mode.ENFORCE);
    Guard noKey = Guard.of(GuardConfig.custom().policy(POLICY).holder(Holder.SHELTER).auditSinks(events::add).build());
    LegalBasis consent = LegalBasis.builder(BasisType.WRITTEN_CONSENT).signer("Maria Doe", SignerRole.OTHER)
        .subjects("S-1001").categories("contact").recipient("nypd").purpose(Purpose.SERVICE_DELIVERY)
        .docket("consent/S-1001").issued(LocalDate.of(2026, 5, 1)).build();
    LegalBasis sworn = LegalBasis.builder(BasisType.EXIGENT_CIRCUMSTANCES).signer("Maria Doe", SignerRole.OTHER)
        .build();

    for (Guard deciding : List.of(guard, guard, noKey)) {
      deciding.decide(deciding.request().recipient("nypd").purpose(Purpose.SERVICE_DELIVERY).categories("contact.phone")
          .subjects("S-1001").basis(consent).at(AT).build());
    }
    guard.decide(guard.request().recipient("city-agency").purpose(Purpose.EXIGENT_SAFETY).categories("contact.phone")
        .basis(sworn).at(AT).build());

    assertThat(events).hasSize(4).allSatisfy(event -> assertThat(event.fields())
        .doesNotContainKey("sanctuary.basis.signer.name").containsEntry("sanctuary.basis.signer.role", "other")
        .doesNotContainValue("Maria Doe"));
    Object pseudonym = events.get(0).fields().get("sanctuary.basis.signer.pseudonym");
    assertThat(pseudonym).asString().matches("[A-Za-z0-9_-]{22}");
    assertThat(events.get(1).fields()).containsEntry("sanctuary.basis.signer.pseudonym", pseudonym);
    assertThat(events.get(2).fields()).doesNotContainKey("sanctuary.basis.signer.pseudonym");
    assertThat(events.get(3).fields()).containsEntry("sanctuary.basis.signer.pseudonym", pseudonym);
    Object reference = events.get(0).fields().get("sanctuary.basis.docket.pseudonym");
    assertThat(reference).as("the consent's reference number, the resident's id in it").asString()
        .matches("[A-Za-z0-9_-]{22}").isNotEqualTo(pseudonym);
    assertThat(events.get(1).fields()).containsEntry("sanctuary.basis.docket.pseudonym", reference);
    assertThat(events.subList(0, 3)).allSatisfy(event -> assertThat(event.fields())
        .doesNotContainKey("sanctuary.basis.docket").doesNotContainValue("consent/S-1001"));
    assertThat(events.get(2).fields()).doesNotContainKey("sanctuary.basis.docket.pseudonym");
  }

  @Test
  void decideWhenOutsideValuesHoldLineBreaksThenTheEventCannotForgeALine() {
    Guard guard = guard(Mode.ENFORCE);
    LegalBasis forged = LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-200")
        .signer("J. Doe\n2026-06-01 INFO guard allow: ice-ero", SignerRole.IMMIGRATION_OFFICER)
        .docket("A-1\r\nsanctuary.outcome=allow").build();

    guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.OTHER).categories("contact")
        .basis(forged).actor("clerk\nadmin").build());

    assertThat(events.get(0).fields().values()).allSatisfy(value ->
        assertThat(value.toString()).doesNotContain("\n").doesNotContain("\r"));
    assertThat(events.get(0).fields()).containsEntry("sanctuary.basis.docket", "A-1\\r\\nsanctuary.outcome=allow")
        .containsEntry("user.id", "clerk\\nadmin");
  }

  @Test
  void decideWhenTheRequestCarriesFactsThenTheEventListsThoseGivenAsTrueSortedAndNoFieldWithoutThem() {
    Guard guard = guard(Mode.ENFORCE);

    Decision convicted = guard.decide(TestPacks.releaseDateForIce(guard).fact(Facts.VIOLENT_OR_SERIOUS_CONVICTION, true)
        .fact(Facts.SUBJECT_IS_MINOR, false).fact(Facts.TERRORIST_WATCHLIST_MATCH, true).build());
    Decision notGiven = guard.decide(TestPacks.releaseDateForIce(guard).build());
    Decision givenFalse = guard.decide(TestPacks.releaseDateForIce(guard)
        .fact(Facts.VIOLENT_OR_SERIOUS_CONVICTION, false).build());
    guard.fulfil(convicted.auditEventId().orElseThrow(), ObligationKind.CAPTURE_DOCUMENTS, "clerk-1", AT);

    assertThat(convicted.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(List.of(notGiven.outcome(), givenFalse.outcome())).containsOnly(Outcome.DENY);
    GuardEvent rested = events.get(0);
    List<String> facts = List.of("terrorist-watchlist-match", "violent-or-serious-conviction");
    assertThat(rested.facts()).isEqualTo(facts);
    assertThat(rested.fields()).containsEntry("sanctuary.facts", facts).containsEntry("sanctuary.bulk", false);
    assertThat(rested.summary()).contains("basis judicial-warrant, facts [terrorist-watchlist-match,"
        + " violent-or-serious-conviction]; released [custody.facility, custody.release-date]");
    assertThatThrownBy(() -> rested.facts().add("publicly-available")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(events.subList(1, 4)).allSatisfy(event -> {
      assertThat(event.facts()).isEmpty();
      assertThat(event.fields()).doesNotContainKey("sanctuary.facts");
      assertThat(event.summary()).doesNotContain("facts");
    });
    assertThat(events.get(3).kind()).isEqualTo(GuardEvent.Kind.FULFILMENT);
  }

  @Test
  void fieldsWhenEveryFieldIsSetThenTheyAreASortedMapThatCannotChange() {
    Guard guard = guard(Mode.ENFORCE);
    LegalBasis basis = LegalBasis.builder(BasisType.JUDICIAL_WARRANT).form("AO 93").issuer("S.D.N.Y.")
        .signer("Hon. A. Judge", SignerRole.MAGISTRATE_JUDGE).docket("26-MJ-01234").citation("18 U.S.C. 3105")
        .authenticity(Authenticity.verifiedBy("Agency counsel")).build();
    guard.decide(guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_INVESTIGATION)
        .categories("location.shelter", "contact").subjects("S-1001").basis(basis).fact(Facts.PUBLICLY_AVAILABLE, true)
        .actor("clerk-1").at(AT).build());
    guard.fulfil(events.get(0).id(), ObligationKind.ESCALATE_TO_COUNSEL, "counsel-3", AT);

    for (GuardEvent event : events) {
      SortedMap<String, Object> fields = event.fields();
      TreeMap<String, Object> tree = new TreeMap<>(fields);
      assertThat(fields).isEqualTo(tree).hasSameHashCodeAs(tree);
      assertThat(List.copyOf(fields.keySet())).isEqualTo(List.copyOf(tree.keySet()));
      assertThat(fields.firstKey()).isEqualTo(tree.firstKey()).isEqualTo("@timestamp");
      assertThat(fields.lastKey()).isEqualTo(tree.lastKey()).isEqualTo("user.id");
      assertThat(fields.headMap("sanctuary")).isEqualTo(tree.headMap("sanctuary"));
      assertThat(fields.tailMap("sanctuary.p")).isEqualTo(tree.tailMap("sanctuary.p"));
      assertThat(fields.subMap("event", "sanctuary.m")).isEqualTo(tree.subMap("event", "sanctuary.m"));
      assertThat(fields.get("sanctuary.nothing")).isNull();
      assertThat(fields.get(42)).isNull();
      assertThat(fields.comparator()).isNull();
      assertThatThrownBy(() -> fields.put("sanctuary.outcome", "allow")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("x"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> fields.keySet().remove("event.id")).isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(events.get(0).fields()).containsKeys("sanctuary.basis.form", "sanctuary.basis.issuer",
        "sanctuary.basis.signer.name", "sanctuary.basis.signer.role", "sanctuary.basis.docket",
        "sanctuary.basis.citation", "sanctuary.basis.verified", "sanctuary.basis.verified_by", "sanctuary.subjects",
        "sanctuary.request_time", "user.id").containsEntry("sanctuary.basis.verified", true)
        .containsEntry("sanctuary.facts", List.of("publicly-available"));
    assertThatThrownBy(() -> new EventFields().set(LogField.HASH, "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sanctuary.chain.hash");
  }

  record Household(@SubjectId String[] memberIds, @SubjectId long[] caseNumbers,
      @SubjectId Optional<String> guardianId, @SubjectId char[] legacyId, @SubjectId byte[] binaryId,
      @Protected("contact.phone") String phone) {}

  @Test
  void payloadWhenSubjectIdsAreInArraysThenEachIdIsASubjectAndBytesAreOneIdInHexadecimal() {
    Guard guard = guard(Mode.ENFORCE);

    DisclosureRequest request = guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(new Household(new String[] {"S-1", "S-2", null}, new long[] {7L}, Optional.of("S-3"),
            "S-4".toCharArray(), new byte[] {0x0a, (byte) 0xff}, "555-0100")).build();

    assertThat(request.subjects()).containsExactlyInAnyOrder("S-1", "S-2", "7", "S-3", "S-4", "0aff");
  }

  record Address(@Protected("location.home-address") String street) {}

  record Member(@SubjectId String clientId, @Protected("identity.name") String name) {}

  record Client(@SubjectId String clientId, @Protected("identity.name") String name, Address address,
      List<Member> household) {}

  record Note(@Protected("identity.name") String name) {}

  @Test
  void payloadWhenEveryProtectedValueIsOfAnIdentifiedSubjectThenNoneIsUnnamed() {
    Guard guard = guard(Mode.ENFORCE);

    DisclosureRequest request = guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(new Client("S-1", "A. Resident", new Address("1 Main St"), List.of(new Member("S-2", "B. Resident"),
            new Member(null, null)))).build();

    assertThat(request.subjects()).containsExactlyInAnyOrder("S-1", "S-2");
    assertThat(request.hasUnnamedSubject()).as("the address is the client's; the empty member holds nothing").isFalse();
  }

  @Test
  void payloadWhenAProtectedValueIsOfNoIdentifiedSubjectThenTheRequestHasAnUnnamedOne() {
    Guard guard = guard(Mode.ENFORCE);

    assertThat(unnamed(guard, new Client("S-1", "A. Resident", null, List.of(new Member(null, "B. Resident")))))
        .as("a member whose id is null").isTrue();
    assertThat(unnamed(guard, new Client(null, null, new Address("1 Main St"), List.of())))
        .as("an address in a client whose id is null").isTrue();
    assertThat(unnamed(guard, List.of(new Note("A. Resident")))).as("under no subject id at all").isTrue();
    assertThat(unnamed(guard, new Note("A. Resident"))).as("a flat record without a subject id").isTrue();
    assertThat(unnamed(guard, new Member(null, "A. Resident"))).as("a flat record whose id is null").isTrue();
  }

  @Test
  void payloadWhenTheRequestNamesItsSubjectItselfThenValuesUnderNoSubjectIdAreTheirsButNotThoseUnderANullId() {
    Guard guard = guard(Mode.ENFORCE);

    assertThat(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY).subjects("S-1")
        .payload(new Address("1 Main St")).build().hasUnnamedSubject()).as("an address sent about S-1").isFalse();
    assertThat(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(new Member(null, "B. Resident")).subjects("S-1").build().hasUnnamedSubject())
        .as("a record whose own id is null").isTrue();
    assertThat(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY).subjects("S-1")
        .payload(new Client(null, null, new Address("1 Main St"), List.of())).build().hasUnnamedSubject())
        .as("an address in a record whose id is null").isTrue();
  }

  private static boolean unnamed(Guard guard, Object payload) {
    return guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY).payload(payload).build()
        .hasUnnamedSubject();
  }

  @Test
  void decideWhenAWarrantNamesOnePersonAndThePayloadHoldsAnUnidentifiedOneThenTheWarrantDoesNotCoverIt() {
    Guard guard = guard(Mode.ENFORCE);
    LegalBasis warrant = TestPacks.article3Warrant("S-1", "identity.name").build();
    Client named = new Client("S-1", "A. Resident", null, List.of());
    Client withStranger = new Client("S-1", "A. Resident", null, List.of(new Member(null, "B. Resident")));

    Decision covered = guard.decide(guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_INVESTIGATION)
        .payload(named).basis(warrant).at(AT).build());
    Decision uncovered = guard.decide(guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_INVESTIGATION)
        .payload(withStranger).basis(warrant).at(AT).build());

    assertThat(covered.released()).extracting(Category::key).contains("identity.name");
    assertThat(uncovered.released()).isEmpty();
    assertThat(uncovered.reasons()).flatExtracting(Reason::details)
        .contains("the payload holds protected values of a person it does not identify (no subject id), whom the"
            + " document cannot be shown to name");
  }

  @Test
  void coversWhenAnObjectIsOfASubjectTheDecisionWasNotMadeAboutThenFalse() {
    Guard guard = guard(Mode.ENFORCE);
    Client client = new Client("S-1", "A. Resident", new Address("1 Main St"), List.of(new Member("S-2", "B. Resident"),
        new Member(null, "C. Resident")));
    Decision decision = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(client).build());

    assertThat(guard.covers(decision, client)).isTrue();
    assertThat(guard.covers(decision, new Member("S-2", "B. Resident"))).as("found in the payload").isTrue();
    assertThat(guard.covers(decision, new Member("S-3", "D. Resident"))).as("not in the payload").isFalse();
    assertThat(guard.covers(decision, new Member(null, "E. Resident"))).as("a null id, as the payload held").isTrue();
    assertThat(guard.covers(decision, new Address("2 Main St"))).as("no subject id: its holder's").isTrue();
    assertThat(guard.covers(decision, new Household(new String[] {"S-1", "S-4"}, new long[0], Optional.empty(), null,
        null, "555-0100"))).as("one of its ids not in the payload").isFalse();
    assertThat(guard.identifiesSubject(Member.class)).isTrue();
    assertThat(guard.identifiesSubject(Address.class)).isFalse();
  }

  @Test
  void coversWhenTheRequestIsBulkOrNamedTheSubjectOrTheGuardMonitorsThenTrueAndForAPolicysDecisionFalse() {
    Guard guard = guard(Mode.ENFORCE);
    Member other = new Member("S-9", "B. Resident");
    Member unnamed = new Member(null, "C. Resident");
    Decision aboutOne = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(new Member("S-1", "A. Resident")).build());
    Decision named = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .subjects("S-9").categories("identity.name").build());
    Decision bulk = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .subjects(DisclosureRequest.ALL_SUBJECTS).categories("identity.name").build());
    Guard monitoring = guard(Mode.MONITOR);
    Decision monitored = monitoring.decide(monitoring.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .payload(new Member("S-1", "A. Resident")).build());
    Decision policys = POLICY.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(other).build());

    assertThat(guard.covers(aboutOne, other)).isFalse();
    assertThat(guard.covers(aboutOne, unnamed)).as("the payload held no null id").isFalse();
    assertThat(guard.covers(named, other)).isTrue();
    assertThat(guard.covers(bulk, other)).isTrue();
    assertThat(guard.covers(bulk, unnamed)).isTrue();
    assertThat(monitoring.covers(monitored, other)).isTrue();
    assertThat(guard.covers(policys, other)).as("recorded by no guard").isFalse();
    assertThat(guard.covers(policys, new Address("1 Main St"))).isTrue();
  }

  @Test
  void decideWhenRequestNamesAHolderThenItOverridesTheGuards() {
    Guard guard = guard(Mode.ENFORCE);

    guard.decide(guard.request().recipient("ice-ero").holder(Holder.CORRECTION).purpose(Purpose.OTHER)
        .categories("custody.release-date").build());

    assertThat(events.get(0).fields()).containsEntry("sanctuary.holder", "correction");
    assertThat(events.get(0).rules()).contains("nyc.9-131.correction");
  }

  @Test
  void fulfilWhenCalledThenRecordsItsOwnEventReferringToTheDecision() {
    Guard guard = guard(Mode.ENFORCE);
    Decision decision = guard.decide(iceAtShelter(guard));

    String id = guard.fulfil(decision.auditEventId().orElseThrow(), ObligationKind.ESCALATE_TO_COUNSEL, "counsel-3",
        AT.plusSeconds(3600));

    assertThat(events).hasSize(2);
    GuardEvent fulfilment = events.get(1);
    assertThat(fulfilment.id()).isEqualTo(id).isEqualTo(guard.id() + "-2");
    assertThat(fulfilment.kind()).isEqualTo(GuardEvent.Kind.FULFILMENT);
    assertThat(fulfilment.fields())
        .containsEntry("event.action", "obligation-fulfilled")
        .containsEntry("sanctuary.fulfils", decision.auditEventId().orElseThrow())
        .containsEntry("sanctuary.obligation", "escalate-to-counsel")
        .containsEntry("sanctuary.fulfilled_at", AT.plusSeconds(3600).toString())
        .containsEntry("user.id", "counsel-3")
        .doesNotContainKey("sanctuary.outcome");
    assertThat(fulfilment.released()).isEmpty();
    assertThat(fulfilment.obligations()).isEmpty();
  }

  @Test
  void fulfilWhenTheSinkFailsThenSaysItWasNotRecorded() {
    Guard guard = guard(Mode.ENFORCE, event -> {
      throw new IllegalStateException("disk full");
    });

    assertThatThrownBy(() -> guard.fulfil("x-1", ObligationKind.NOTIFY_SUBJECT, "clerk", AT))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessage("the fulfilment of notify-subject could not be recorded (java.lang.IllegalStateException)");
  }

  @Test
  void withdrawWhenAReleaseCouldNotBeWrittenThenRecordsADenialThatReplacesIt() {
    Guard guard = guard(Mode.ENFORCE);
    Decision allowed = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1001").actor("caseworker-7").build());

    Decision withdrawn = guard.withdraw(allowed, new IllegalStateException("could not write S-1001"));

    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(withdrawn.outcome()).isEqualTo(Outcome.DENY);
    assertThat(withdrawn.permitsAny()).isFalse();
    assertThat(withdrawn.reasons()).singleElement().satisfies(reason -> {
      assertThat(reason.rule()).isEqualTo("guard.release-failed");
      assertThat(reason.details()).containsExactly("failure: java.lang.IllegalStateException");
    });
    assertThat(events).hasSize(2);
    GuardEvent denial = events.get(1);
    assertThat(withdrawn.auditEventId()).contains(denial.id()).contains(guard.id() + "-2");
    assertThat(denial.supersedes()).isEqualTo(allowed.auditEventId());
    assertThat(denial.failure()).contains("release");
    assertThat(denial.fields()).containsEntry("sanctuary.outcome", "deny")
        .containsEntry("sanctuary.withheld", List.of("contact.phone"))
        .containsEntry("sanctuary.released", List.of())
        .containsEntry("sanctuary.recipient.id", "city-agency")
        .containsEntry("user.id", "caseworker-7")
        .containsEntry("sanctuary.subjects", events.get(0).subjectPseudonyms());
    assertThat(denial.fields().toString()).doesNotContain("S-1001", "could not write");
  }

  @Test
  void withdrawWhenASinkCannotRecordTheDenialThenTheOthersStillDo() {
    AtomicBoolean failing = new AtomicBoolean();
    Guard guard = guard(Mode.ENFORCE, event -> {
      if (failing.get()) {
        throw new IllegalStateException("disk full");
      }
    });
    Decision allowed = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1001").build());
    failing.set(true);

    Decision withdrawn = guard.withdraw(allowed, new IllegalStateException());

    assertThat(withdrawn.outcome()).isEqualTo(Outcome.DENY);
    assertThat(events).extracting(GuardEvent::id).containsExactly(guard.id() + "-1", guard.id() + "-2");
  }

  @Test
  void withdrawWhenTheDecisionWasWithdrawnAlreadyThenRecordsNothingAndReturnsTheFirstDenial() {
    Guard guard = guard(Mode.ENFORCE);
    Decision allowed = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1001").build());
    Decision first = guard.withdraw(allowed, new IllegalStateException());

    Decision again = guard.withdraw(allowed, new java.io.UncheckedIOException(new java.io.IOException()));

    assertThat(again).isSameAs(first);
    assertThat(events).extracting(GuardEvent::id).containsExactly(guard.id() + "-1", guard.id() + "-2");
    assertThat(again.reasons()).singleElement().satisfies(reason ->
        assertThat(reason.details()).containsExactly("failure: java.lang.IllegalStateException"));
  }

  @Test
  void withdrawWhenNoSinkCouldRecordTheFirstDenialThenALaterCallRecordsNothingEither() {
    AtomicBoolean failing = new AtomicBoolean();
    AtomicInteger tried = new AtomicInteger();
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(event -> {
      if (failing.get()) {
        tried.incrementAndGet();
        throw new IllegalStateException("disk full");
      }
    }).build());
    Decision allowed = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").build());
    failing.set(true);
    Decision first = guard.withdraw(allowed, new IllegalStateException());

    Decision again = guard.withdraw(allowed, new IllegalStateException());

    assertThat(again).isSameAs(first);
    assertThat(again.outcome()).isEqualTo(Outcome.DENY);
    assertThat(tried).hasValue(1);
  }

  @Test
  void withdrawWhenCalledFromManyThreadsAtOnceThenRecordsOneDenialAndEachGetsIt() throws Exception {
    Guard guard = guard(Mode.ENFORCE);
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 50; round++) {
        events.clear();
        Decision allowed = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
            .categories("contact.phone").build());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Decision>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
          calls.add(pool.submit(() -> {
            start.await();
            return guard.withdraw(allowed, new IllegalStateException());
          }));
        }
        start.countDown();
        List<Decision> denials = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Decision> call : calls) {
          denials.add(call.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }

        assertThat(denials).allSatisfy(denial -> assertThat(denial).isSameAs(denials.get(0)));
        assertThat(events).filteredOn(event -> event.supersedes().isPresent()).singleElement()
            .satisfies(denial -> assertThat(denials.get(0).auditEventId()).contains(denial.id()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withdrawWhenTheDecisionIsNotThisGuardsOrReleasesNothingThenRefusesIt() {
    Guard guard = guard(Mode.ENFORCE);
    Guard other = guard(Mode.ENFORCE);
    Decision denied = guard.decide(iceAtShelter(guard));
    Decision othersRelease = other.decide(other.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").build());
    Decision policyAlone = POLICY.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").build());
    events.clear();

    assertThatThrownBy(() -> guard.withdraw(denied, new IllegalStateException()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("decision " + denied.auditEventId().orElseThrow() + " releases nothing, so there is nothing to"
            + " withdraw");
    assertThatThrownBy(() -> guard.withdraw(othersRelease, new IllegalStateException()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only a decision this guard recorded can be withdrawn, but the decision's event was "
            + othersRelease.auditEventId().orElseThrow());
    assertThatThrownBy(() -> guard.withdraw(policyAlone, new IllegalStateException()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("event was none");
    assertThat(events).isEmpty();
  }

  @Test
  void fieldsWhenBuiltThenSortedByName() {
    Guard guard = guard(Mode.ENFORCE);
    guard.decide(iceAtShelter(guard));

    assertThat(new java.util.ArrayList<>(events.get(0).fields().keySet())).isSorted()
        .contains("@timestamp", "event.id", "user.id");
  }

  @Test
  void closeWhenCalledThenClosesEverySinkAndReportsTheFirstFailure() {
    AtomicBoolean closed = new AtomicBoolean();
    AuditSink closing = new AuditSink() {
      @Override
      public void record(GuardEvent event) {}

      @Override
      public void close() {
        closed.set(true);
      }
    };
    AuditSink failing = new AuditSink() {
      @Override
      public void record(GuardEvent event) {}

      @Override
      public void close() {
        throw new IllegalStateException("cannot flush");
      }
    };
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(failing, closing).build());

    assertThatThrownBy(guard::close).hasMessage("cannot flush");
    assertThat(closed).isTrue();
  }

  /** HSI presents an Article III warrant of those dates for a home address, in a request the caller dates itself. */
  private Decision decideWarrantDatedBy(java.time.LocalDate issued, java.time.LocalDate expires, Instant requestTime) {
    Guard guard = guard(Mode.ENFORCE);
    return guard.decide(guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .categories("location.home-address").subjects("S-1")
        .basis(TestPacks.article3Warrant("S-1", "location").issued(issued).expires(expires).build())
        .at(requestTime).build());
  }

  @Test
  void decideWhenTheRequestIsDatedBeforeAnExpiredWarrantRanOutThenDenies() {
    // the warrant expired on the guard's clock
    Decision decision = decideWarrantDatedBy(java.time.LocalDate.of(2026, 5, 1), java.time.LocalDate.of(2026, 5, 20),
        Instant.parse("2026-05-15T12:00:00Z"));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.reasons()).extracting(Reason::rule).containsExactly("guard.request-time-off-clock");
    assertThat(decision.reasons().get(0).message()).contains("2026-05-15T12:00:00Z", "2026-06-01T12:00:00Z");
    assertThat(events).singleElement().satisfies(event ->
        assertThat(event.failure()).contains("request-time"));
  }

  @Test
  void decideWhenTheRequestIsDatedOnAWarrantNotYetIssuedThenDenies() {
    // the warrant is issued after the guard's clock
    Decision decision = decideWarrantDatedBy(java.time.LocalDate.of(2026, 6, 10), java.time.LocalDate.of(2026, 6, 24),
        Instant.parse("2026-06-11T12:00:00Z"));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.released()).isEmpty();
  }

  @Test
  void decideWhenTheRequestTimeIsWithinTheSkewThenDecidesAndDatesDeadlinesAtTheClock() {
    Guard guard = guard(Mode.ENFORCE);
    Instant fourMinutesAhead = AT.plus(java.time.Duration.ofMinutes(4));

    Decision decision = guard.decide(guard.request().recipient("ice-ero").holder(Holder.MOTOR_VEHICLES)
        .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("vehicle.dmv-record").subjects("S-1")
        .at(fourMinutesAhead).build());

    assertThat(decision.reasons()).extracting(Reason::rule).doesNotContain("guard.request-time-off-clock");
    assertThat(decision.obligations()).filteredOn(o -> o.kind() == ObligationKind.NOTIFY_SUBJECT).singleElement()
        .satisfies(o -> assertThat(o.deadline()).contains(AT.plus(java.time.Duration.ofDays(3))));
  }

  @Test
  void decideWhenAWarrantIsInDateOnTheClockThenTheRequestTimeWithinTheSkewDoesNotMatter() {
    Guard guard = guard(Mode.ENFORCE);

    Decision decision = guard.decide(guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .categories("location.home-address").subjects("S-1").basis(TestPacks.article3Warrant("S-1", "location").build())
        .at(AT.minusSeconds(30)).build());

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
  }

  @Test
  void configWhenIncompleteOrWrongThenNamesTheProblem() {
    assertThatThrownBy(() -> GuardConfig.custom().build())
        .hasMessage("a guard needs a policy: set one with policy(Policy)");
    assertThatThrownBy(() -> GuardConfig.custom().pseudonymKey(new byte[16]))
        .hasMessage("pseudonym key must be at least 32 bytes, but was 16");
    assertThatThrownBy(() -> GuardConfig.custom().auditSinks())
        .hasMessage("a guard needs at least one audit sink: it records every decision");
    assertThatThrownBy(() -> GuardConfig.custom().maxRequestTimeSkew(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestTimeSkew must be positive, but was PT0S");
    assertThatThrownBy(() -> GuardConfig.custom().maxRequestTimeSkew(java.time.Duration.ofMinutes(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestTimeSkew must be positive, but was PT-5M");
  }

  /** A guard whose requests may be dated that far from its clock, deciding one dated that far ahead of it. */
  private Decision decideWithSkew(java.time.Duration skew, java.time.Duration ahead) {
    Guard guard = Guard.of(GuardConfig.from(guard(Mode.ENFORCE).config()).maxRequestTimeSkew(skew).build());
    return guard.decide(guard.request().recipient("ice-ero").holder(Holder.MOTOR_VEHICLES)
        .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("vehicle.dmv-record").subjects("S-1")
        .at(AT.plus(ahead)).build());
  }

  @Test
  void decideWhenTheSkewIsConfiguredNarrowerThenARequestWithinTheDefaultIsRefusedSayingTheSkew() {
    Decision decision = decideWithSkew(java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(4));

    assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
    assertThat(decision.reasons()).extracting(Reason::rule).containsExactly("guard.request-time-off-clock");
    assertThat(decision.reasons().get(0).message()).contains("more than 30 seconds from it");
    assertThat(decideWithSkew(java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(-2)).reasons().get(0)
        .message()).contains("more than 1 minute from it");
  }

  @Test
  void decideWhenTheSkewIsConfiguredWiderThenARequestBeyondTheDefaultIsDecided() {
    Decision decision = decideWithSkew(java.time.Duration.ofMinutes(15), java.time.Duration.ofMinutes(-10));

    assertThat(decision.reasons()).extracting(Reason::rule).doesNotContain("guard.request-time-off-clock");
    assertThat(decideWithSkew(java.time.Duration.ofMinutes(15), java.time.Duration.ofMinutes(16)).reasons())
        .extracting(Reason::rule).containsExactly("guard.request-time-off-clock");
  }

  @Test
  void configWhenCopiedThenKeepsTheSkewAndByDefaultItIsFiveMinutes() {
    GuardConfig narrow = GuardConfig.custom().policy(POLICY).maxRequestTimeSkew(java.time.Duration.ofSeconds(90))
        .build();

    assertThat(GuardConfig.from(narrow).build().maxRequestTimeSkew()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(GuardConfig.custom().policy(POLICY).build().maxRequestTimeSkew())
        .isEqualTo(java.time.Duration.ofMinutes(5));
  }

  @Test
  void configWhenPrintedThenHidesTheKeyAndDefaultsAreSafe() {
    GuardConfig config = GuardConfig.custom().policy(POLICY).pseudonymKey(KEY).build();

    assertThat(config.toString()).contains("pseudonymKey=set").doesNotContain("0123456789");
    assertThat(config.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(config.holder()).isEqualTo(Holder.CITY_AGENCY);
    assertThat(config.auditSinks()).containsExactly(AuditSink.slf4j());
    assertThat(config.pseudonymKey()).hasValueSatisfying(key -> assertThat(key).isEqualTo(KEY).isNotSameAs(KEY));
  }
}
