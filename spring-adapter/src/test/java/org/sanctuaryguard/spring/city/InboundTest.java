package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.LegalBasisRegistry;
import org.sanctuaryguard.spring.city.CityService.HeldElsewhereResolver;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.sanctuaryguard.spring.city.Model.Neighbours;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests from agencies and from the city's staff, over the real embedded server: who asks decides
 * what the JSON response holds, and a refusal is a 403 problem with no protected value.
 */
@CityServiceTest
class InboundTest {

  private static final String WARRANT = "26-CR-3120";
  private static final String UNVERIFIED_WARRANT = "26-CR-3121";
  /** The subject's written consent to the police for service delivery, not confirmed with them. */
  private static final String POLICE_CONSENT = "consent-C-1001-nypd";
  private static final String[] ICE = Decided.ICE;
  /** ICE, under the verified warrant for {@link Model#SUBJECT}, for a criminal investigation. */
  private static final String[] WARRANTED = Http.concat(ICE, "Sanctuary-Guard-Basis", WARRANT,
      "Sanctuary-Guard-Purpose", "criminal-immigration-enforcement");

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Autowired
  LegalBasisRegistry registry;

  @Autowired
  CityService.Records records;

  @Autowired
  HeldElsewhereResolver resolver;

  @Autowired
  CityService.Shared shared;

  private Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    events.clear();
    registry.register(WARRANT, "ice", Model.verifiedWarrant());
    registry.register(UNVERIFIED_WARRANT, "ice", Model.warrant().build());
    registry.register(POLICE_CONSENT, "nypd", Model.consent("nypd", Purpose.SERVICE_DELIVERY));
  }

  @AfterEach
  void tearDown() {
    registry.remove(WARRANT);
    registry.remove(UNVERIFIED_WARRANT);
    registry.remove(POLICE_CONSENT);
  }

  @Test
  void getWhenTheCitysStaffAsksThenEverythingIsReleased() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode resident = Http.json(response);
    assertThat(resident.get("name").asString()).isEqualTo(Model.NAME);
    assertThat(resident.get("status").asString()).isEqualTo(Model.STATUS);
    assertThat(resident.get("homeAddress").asString()).isEqualTo(Model.ADDRESS);
    GuardEvent event = events.last();
    assertThat(event.fields()).containsEntry("sanctuary.recipient.id", "city-agency")
        .containsEntry("sanctuary.outcome", "allow")
        .containsEntry("user.id", "caseworker")
        .containsEntry("sanctuary.holder", "social-services");
  }

  @Test
  void getWhenPoliceAskWithoutAPurposeThenImmigrationStatusIsLeftOut() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.basic("detective"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode resident = Http.json(response);
    assertThat(resident.has("status")).isFalse();
    assertThat(response.body()).doesNotContain(Model.STATUS).contains(Model.NAME, Model.ADDRESS, "Canal St");
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.outcome", "allow-redacted")
        .containsEntry("sanctuary.withheld", List.of("immigration.status"))
        .containsEntry("user.id", "detective");
  }

  @Test
  void getWhenPoliceStateACriminalInvestigationThenStatusIsReleased() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.concat(Http.basic("detective"),
        "Sanctuary-Guard-Purpose", "criminal-investigation"));

    assertThat(Http.json(response).get("status").asString()).isEqualTo(Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.purpose", "criminal-investigation");
  }

  /**
   * The {@code nyc} pack lets the police have a resident's status on their written consent only if
   * it was confirmed with them: a service that declares no {@link
   * org.sanctuaryguard.spring.FactsResolver} cannot say so, and the status stays withheld ({@code
   * FactsResolverTest} has the service that can).
   */
  @Test
  void getWhenPoliceShowTheResidentsConsentAndTheServiceResolvesNoFactsThenTheStatusIsStillWithheld() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.concat(Http.basic("detective"),
        "Sanctuary-Guard-Purpose", "service-delivery", "Sanctuary-Guard-Basis", POLICE_CONSENT));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.basis.type", "written-consent")
        .containsEntry("sanctuary.outcome", "allow-redacted")
        .containsEntry("sanctuary.withheld", List.of("immigration.status"))
        .containsEntry("sanctuary.rules", List.of("nyc.eo-41.immigration-status-police"));
  }

  @Test
  void getWhenImmigrationEnforcementAsksWithAnApiKeyThenForbiddenProblemAwaitingCounsel() {
    HttpResponse<String> response = http.get("/residents/C-1001", ICE);

    assertRefused(response, "escalate");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("reasons").findValuesAsString("rule")).contains("federal.1373.status-to-counsel");
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "ice-ero");
  }

  @Test
  void getWhenImmigrationEnforcementAsksForARecordThatDoesNotExistThenTheSameRefusalAsForOneThatDoes() {
    assertSameRefusalWithoutLookingUp("/residents/C-1001", "/residents/C-9999");

    assertThat(events.all()).hasSize(2).allSatisfy(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "escalate").containsEntry("sanctuary.recipient.id", "ice-ero"));
  }

  @Test
  void getWhenImmigrationEnforcementSearchesForAPageOfRecordsThenTheSameRefusalWhetherOrNotAnyoneMatches() {
    assertSameRefusalWithoutLookingUp("/residents/search?name=" + Model.NAME, "/residents/search?name=nobody");
  }

  @Test
  void getWhenTheResponseIsAStreamThenItIsDecidedAndWrittenAsAList() {
    HttpResponse<String> staff = http.get("/residents/stream", Http.basic("caseworker"));

    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(Http.json(staff)).singleElement().satisfies(resident -> {
      assertThat(resident.get("name").asString()).isEqualTo(Model.NAME);
      assertThat(resident.get("status").asString()).isEqualTo(Model.STATUS);
    });
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow").containsEntry("sanctuary.subject_count", 1));
  }

  @Test
  void getWhenImmigrationEnforcementAsksForAStreamThenRefusedBeforeTheHandler() {
    int lookups = records.lookups.get();

    assertRefused(http.get("/residents/stream", ICE), "escalate");

    assertThat(records.lookups.get()).isEqualTo(lookups);
  }

  @Test
  void getWhenTheRecordIsHeldAsAnyObjectThenItIsFoundAndDecidedLikeOneDeclaredAsItself() {
    HttpResponse<String> police = http.get("/residents/C-1001/untyped", Http.basic("detective"));
    HttpResponse<String> ice = http.get("/residents/C-1001/untyped", ICE);

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertRefused(ice, "escalate");
    assertThat(events.all()).hasSize(2).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow-redacted").containsEntry("sanctuary.subject_count", 1));
  }

  @Test
  void getWhenImmigrationEnforcementSearchesThroughAResponseEntityOfAListThenTheSameRefusalWhetherOrNotAnyoneMatches() {
    assertSameRefusalWithoutLookingUp("/residents/search/entity?name=" + Model.NAME,
        "/residents/search/entity?name=nobody");
  }

  @Test
  void getWhenAFutureGivesTheEmitterThenEachRecordSentIsStillDecided() {
    HttpResponse<String> staff = http.get("/residents/C-1001/updates/later", Http.basic("caseworker"));
    HttpResponse<String> ice = http.get("/residents/C-1001/updates/later", ICE);

    assertThat(staff.body()).contains(Model.NAME, Model.STATUS);
    assertRefused(ice, "escalate");
    assertThat(events.all()).hasSize(2).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow"));
  }

  @Test
  void getWhenAViewRendersTheRecordThenItsModelIsDecidedAndRedactedForTheRequester() {
    assertDecidedForEachRequester("/views/residents/C-1001");
  }

  @Test
  void getWhenAnInterceptorOfTheApplicationsAddsARecordToTheModelThenItIsDecidedWithTheRest() {
    assertDecidedForEachRequester("/views/residents/C-1001/decorated");
  }

  @Test
  void getWhenAnExceptionHandlersViewRendersTheRecordThenItsModelIsDecidedAsAHandlersIs() {
    assertDecidedForEachRequester("/views/residents/C-1001/register");
  }

  @Test
  void getWhenAnExceptionResolverBeanOfTheApplicationsOwnRendersTheRecordThenItsModelIsDecidedAsAHandlersIs() {
    assertDecidedForEachRequester("/views/residents/C-1001/transfer");
    assertThat(resolver).as("the application's resolver, of its own type").isInstanceOf(HeldElsewhereResolver.class);
  }

  @Test
  void getWhenAFunctionalEndpointWritesTheRecordThenItIsDecidedAsAControllersBodyIs() {
    assertDecidedForEachRequester("/functional/residents/C-1001");
  }

  @Test
  void getWhenAFunctionalEndpointSendsTheRecordAsAServerSentEventFromAnotherThreadThenItIsDecidedForEachRequester() {
    assertDecidedForEachRequester("/functional/residents/C-1001/updates");
  }

  /**
   * A record the application sends to a follower's stream from another request's thread, once that
   * request's own body was decided for the city's staff, is decided for the follower: ICE following
   * the feed does not get it under the caseworker's decision, and its refusal is recorded.
   */
  @Test
  void getWhenARecordIsSentToAFollowersStreamOnAnotherRequestsThreadThenItIsDecidedForTheFollower()
      throws Exception {
    CompletableFuture<String> followed = CompletableFuture.supplyAsync(() -> http.get("/shared", ICE).body())
        .exceptionally(aborted -> "");
    for (int waited = 0; !shared.followed() && waited < 500; waited++) {
      Thread.sleep(10);
    }

    HttpResponse<String> staff = http.get("/residents/C-1001/shared", Http.basic("caseworker"));

    assertThat(staff.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(followed.get(15, TimeUnit.SECONDS)).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.recipient.id") + " "
        + event.fields().get("sanctuary.outcome")).containsExactly("city-agency allow", "ice-ero escalate");
  }

  /**
   * A JSON view whose model value is the JDK's {@code EventObject} whose source is a resident's
   * record: the guard reads the source and decides the record in it, so the city's staff get it
   * whole; the police, from whom the decision withholds the status, and ICE are refused with 403,
   * since the guard cannot copy the event without its source (before, the guard found nothing, and
   * the record's protected values went to nobody, staff included).
   */
  @Test
  void getWhenAJsonViewsValueIsAJdkEventWhoseSourceIsARecordThenDecidedAndRefusedWhereTheDecisionWithholdsAny() {
    for (String path : List.of("/views/residents/C-1001/notice", "/views/residents/C-1001/notice/by-name")) {
      HttpResponse<String> staff = http.get(path, Http.basic("caseworker"));
      assertThat(staff.statusCode()).as(path).isEqualTo(200);
      assertThat(Http.json(staff).at("/notice/source/office").asString()).as(path).isEqualTo("Canal St");
      assertThat(staff.body()).as(path).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
      for (HttpResponse<String> refused : List.of(http.get(path, Http.basic("detective")), http.get(path, ICE))) {
        assertThat(refused.statusCode()).as(path).isEqualTo(403);
        assertThat(refused.body()).as(path).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      }
    }
  }

  /**
   * A JSON view's value whose own protected values the police may have, with a resident's record
   * reached through a computed getter: the record is written as the decision of the value says, so
   * the police get no immigration status.
   */
  @Test
  void getWhenAJsonViewsValueReachesARecordThroughAComputedGetterThenTheRecordIsWrittenAsDecided() {
    HttpResponse<String> police = http.get("/views/residents/C-1001/caller", Http.basic("detective"));

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(Http.json(police).at("/caller/name").asString()).isEqualTo(Model.NAME);
    assertThat(Http.json(police).at("/caller/resident/office").asString()).isEqualTo("Canal St");
    assertThat(police.body()).doesNotContain(Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.outcome", "allow");
  }

  @Test
  void getWhenAFormBindsTheRecordThenItsFieldsShowTheRedactedCopy() {
    HttpResponse<String> police = http.get("/views/residents/C-1001/form", Http.basic("detective"));
    HttpResponse<String> staff = http.get("/views/residents/C-1001/form", Http.basic("caseworker"));

    assertThat(police.body()).isEqualTo("status field: null");
    assertThat(staff.body()).isEqualTo("status field: " + Model.STATUS);
  }

  @Test
  void getWhenAViewsModelHoldsNothingProtectedThenRenderedUntouchedAndNothingDecided() {
    HttpResponse<String> response = http.get("/views/offices/busiest", ICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Canal St");
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenAnExceptionHandlersBodyIsRefusedThenForbiddenNotTheOriginalError() {
    HttpResponse<String> staff = http.get("/residents/C-1001/register", Http.basic("caseworker"));

    assertRefused(http.get("/residents/C-1001/register", ICE), "escalate");
    assertThat(staff.statusCode()).isEqualTo(409);
    assertThat(staff.body()).contains(Model.STATUS);
  }

  @Test
  void getWhenImmigrationEnforcementAsksForAMonoThenTheSameRefusalWhetherOrNotTheRecordExists() {
    assertSameRefusalWithoutLookingUp("/residents/C-1001/mono", "/residents/C-9999/mono");
  }

  @Test
  void getWhenTheCitysStaffFollowsServerSentEventsThenEachRecordSentIsDecidedAndRecorded() {
    HttpResponse<String> response = http.get("/residents/C-1001/updates", Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS, "Canal St Job Center");
    assertThat(events.all()).as("the office holds nothing protected: only the record is decided").singleElement()
        .satisfies(event -> assertThat(event.fields()).containsEntry("sanctuary.outcome", "allow")
            .containsEntry("sanctuary.recipient.id", "city-agency").containsEntry("sanctuary.subject_count", 1));
  }

  @Test
  void getWhenPoliceFollowServerSentEventsThenImmigrationStatusIsLeftOutOfEachRecord() {
    HttpResponse<String> response = http.get("/residents/C-1001/updates", Http.basic("detective"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.outcome", "allow-redacted")
        .containsEntry("sanctuary.withheld", List.of("immigration.status"));
  }

  @Test
  void getWhenImmigrationEnforcementFollowsServerSentEventsThenTheRecordIsRefusedAndNothingOfItSent() {
    HttpResponse<String> response = http.get("/residents/C-1001/updates", ICE);

    assertRefused(response, "escalate");
    assertThat(response.body()).doesNotContain("Canal St");
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "ice-ero").containsEntry("sanctuary.subject_count", 1));
  }

  @Test
  void getWhenAnEventSentBeforeTheHandlerReturnsIsRefusedThenForbiddenAndTheConnectionServesTheNextRequest() {
    assertRefused(http.get("/residents/C-1001/snapshot", ICE), "escalate");

    assertThat(http.get("/offices/1", ICE).statusCode()).as("the refused stream was ended").isEqualTo(200);
  }

  @Test
  void getWhenAnEventSentBeforeTheHandlerReturnsIsRefusedThenTheEmitterIsEndedAndLaterSendsWriteNothing()
      throws Exception {
    records.sendOffice = new CompletableFuture<>();
    records.officeSends.clear();

    assertRefused(http.get("/residents/C-1001/snapshot-then-office", ICE), "escalate");
    records.sendOffice.complete(null);

    Optional<Throwable> officeSend = records.officeSends.poll(10, TimeUnit.SECONDS);
    assertThat(officeSend).as("the application's later send").isNotNull();
    assertThat(officeSend).get(InstanceOfAssertFactories.THROWABLE)
        .as("the emitter was completed with the refusal, so a later send fails before writing, whatever the response")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already completed");
    assertThat(http.get("/offices/1", ICE).statusCode()).as("the refused stream was ended").isEqualTo(200);
  }

  @Test
  void getWhenTheCitysStaffReadsNdjsonThenEachLineIsDecidedAndWritten() {
    HttpResponse<String> response = http.get("/residents/lines", Http.basic("detective"));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = response.body().lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(Model.NAME).doesNotContain(Model.STATUS));
    assertThat(events.all()).hasSize(2).allSatisfy(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow-redacted"));
  }

  @Test
  void getWhenImmigrationEnforcementAsksForNdjsonThenRefusedBeforeTheHandler() {
    int lookups = records.lookups.get();

    assertRefused(http.get("/residents/lines", ICE), "escalate");

    assertThat(records.lookups.get()).isEqualTo(lookups);
  }

  @Test
  void getWhenTheCitysStaffSearchesForAPageOfRecordsThenTheMatchesOrAnEmptyPage() {
    HttpResponse<String> matching = http.get("/residents/search?name=" + Model.NAME, Http.basic("caseworker"));
    HttpResponse<String> none = http.get("/residents/search?name=nobody", Http.basic("caseworker"));

    assertThat(matching.statusCode()).isEqualTo(200);
    assertThat(Http.json(matching).at("/content/0/name").asString()).isEqualTo(Model.NAME);
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(Http.json(none).get("content")).isEmpty();
    assertThat(events.all()).hasSize(1);
  }

  @Test
  void getWhenNothingOfTheDeclaredTypeCouldBeReleasedThenRefusedBeforeTheHandlerWhateverItWraps() {
    int lookups = records.lookups.get();

    assertRefused(http.get("/contacts/C-9999"), "deny");
    assertRefused(http.get("/contacts/C-9999", ICE), "deny");
    assertRefused(http.get("/residents/C-9999/record", ICE), "escalate");
    assertRefused(http.get("/residents/C-9999/envelope", ICE), "escalate");
    assertRefused(http.get("/residents/C-1001/later", ICE), "escalate");

    assertThat(records.lookups.get()).isEqualTo(lookups);
  }

  @Test
  void getWhenControllersShareAGenericHandlerThenEachIsCheckedForItsOwnTypeArgument() {
    assertRefused(http.get("/generic/residents/C-1001", ICE), "escalate");

    HttpResponse<String> office = http.get("/generic/offices/1", ICE);

    assertThat(office.statusCode()).isEqualTo(200);
    assertThat(Http.json(office).get("name").asString()).isEqualTo("Canal St Job Center");
  }

  @Test
  void getWhenTheCitysStaffAsksForARecordThatDoesNotExistThenNotFoundAndNothingDecided() {
    HttpResponse<String> response = http.get("/residents/C-9999", Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenRefusedBeforeTheHandlerThenTheEventNamesThePersonOfThePathAsAPseudonym() {
    http.get("/residents/C-9999", ICE);
    GuardEvent missing = events.last();
    http.get("/residents/C-1001", ICE);
    GuardEvent existing = events.last();

    assertThat(missing.subjectCount()).isEqualTo(1);
    assertThat(existing.subjectPseudonyms()).hasSize(1).doesNotContainAnyElementsOf(missing.subjectPseudonyms())
        .noneMatch(pseudonym -> pseudonym.contains(Model.SUBJECT));
    assertThat(missing.fields().toString()).doesNotContain("C-9999");
  }

  @Test
  void getWhenAWarrantNamesThePersonThenTheRecordIsLookedUpAndDecidedOnItsBody() {
    int lookups = records.lookups.get();

    HttpResponse<String> response = http.get("/contacts/C-1001", WARRANTED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(records.lookups.get()).isEqualTo(lookups + 1);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.subjectCount()).isEqualTo(1));
  }

  @Test
  void getWhenAWarrantNamesSomeoneElseThenRefusedBeforeTheHandlerWhetherOrNotTheRecordExists() {
    int lookups = records.lookups.get();

    assertRefused(http.get("/contacts/C-9999", WARRANTED), "deny");
    assertThat(events.last().fields()).containsEntry("sanctuary.basis.type", "judicial-warrant");

    assertThat(records.lookups.get()).isEqualTo(lookups);
  }

  @Test
  void getWhenARequestParameterNamesSomeoneTheWarrantDoesNotThenRefusedBeforeTheHandler() {
    int lookups = records.lookups.get();

    assertRefused(http.get("/contacts?client=C-9999", WARRANTED), "deny");
    assertRefused(http.get("/contacts/any?clients=C-1001,C-9999", WARRANTED), "deny");
    assertThat(events.all()).allSatisfy(event -> assertThat(event.subjectCount()).isGreaterThan(0));
    assertThat(records.lookups.get()).isEqualTo(lookups);

    HttpResponse<String> named = http.get("/contacts?client=" + Model.SUBJECT, WARRANTED);

    assertThat(named.statusCode()).isEqualTo(200);
    assertThat(records.lookups.get()).isEqualTo(lookups + 1);
  }

  @Test
  void getWhenTheResponseHoldsSomeoneTheWarrantDoesNotNameWithoutAnIdThenRefused() {
    HttpResponse<String> response = http.get("/contacts/C-1001/household", WARRANTED);

    assertRefused(response, "deny");
    assertThat(response.body()).doesNotContain("CANARY-MEMBER-NAME", "CANARY-MEMBER-ADDRESS", Model.NAME);
  }

  @Test
  void getWhenAGetterReturnsSomeoneTheWarrantDoesNotNameThenNothingProtectedOfThemIsReleased() {
    HttpResponse<String> warranted = http.get("/contacts/C-1001/neighbours", WARRANTED);
    HttpResponse<String> staff = http.get("/contacts/C-1001/neighbours", Http.basic("caseworker"));

    assertThat(warranted.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(warranted);
    assertThat(body.get("contact").get("name").asString()).isEqualTo(Model.NAME);
    assertThat(body.get("contact").get("homeAddress").asString()).isEqualTo(Model.ADDRESS);
    assertThat(body.get("nextDoor").get("clientId").asString()).isEqualTo(Neighbours.NEIGHBOUR);
    assertThat(warranted.body()).doesNotContain(Neighbours.NEIGHBOUR_NAME, Neighbours.NEIGHBOUR_ADDRESS);
    assertThat(events.all()).hasSize(2).allSatisfy(event -> assertThat(event.subjectCount()).isEqualTo(1));
    // the city's own staff are released only what the decision was made about, too
    assertThat(staff.body()).contains(Model.NAME).doesNotContain(Neighbours.NEIGHBOUR_NAME);
  }

  @Test
  void getWhenNoPathVariableNamesThePersonThenAWarrantIsCheckedForThePeopleItNames() {
    int lookups = records.lookups.get();

    HttpResponse<String> missing = http.get("/contacts/C-9999/unnamed", WARRANTED);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(records.lookups.get()).isEqualTo(lookups + 1);
  }

  @Test
  void getWhenImmigrationEnforcementAsksForContactDetailsThenDeniedWithRulesAndCitations() {
    HttpResponse<String> response = http.get("/contacts/C-1001", ICE);

    assertRefused(response, "deny");
    JsonNode reasons = Http.json(response).get("reasons");
    assertThat(reasons.findValuesAsString("rule")).contains("nyc.10-178.no-city-resources");
    assertThat(reasons.findValuesAsString("citation")).anyMatch(citation -> citation.contains("10-178"));
    assertThat(reasons.findValuesAsString("message")).allMatch(message -> !message.isBlank());
  }

  @Test
  void getWhenNothingIdentifiesTheRequesterThenUnknownAndDenied() {
    HttpResponse<String> response = http.get("/contacts/C-1001");

    assertRefused(response, "deny");
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "unknown")
        .containsEntry("sanctuary.recipient.class", "unknown");
  }

  @Test
  void getWhenAVerifiedWarrantIsNamedThenReleasedUnderIt() {
    HttpResponse<String> response = http.get("/contacts/C-1001", WARRANTED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.ADDRESS);
    assertThat(events.last().fields()).containsEntry("sanctuary.outcome", "allow")
        .containsEntry("sanctuary.basis.type", "judicial-warrant")
        .containsEntry("sanctuary.basis.docket", "26 Cr. 3120 (MO)")
        .containsEntry("sanctuary.basis.verified", true);
  }

  @Test
  void getWhenTheWarrantIsNotVerifiedThenItAwaitsCounsel() {
    HttpResponse<String> response = http.get("/contacts/C-1001", Http.concat(ICE,
        "Sanctuary-Guard-Basis", UNVERIFIED_WARRANT, "Sanctuary-Guard-Purpose", "criminal-immigration-enforcement"));

    assertRefused(response, "escalate");
  }

  @Test
  void getWhenSomeoneOtherThanItsPresenterNamesAWarrantThenAnsweredAsIfItWereNotRegistered() {
    HttpResponse<String> unregistered = http.get("/contacts/C-1001", "Sanctuary-Guard-Basis", "26-CR-9999");
    HttpResponse<String> unidentified = http.get("/contacts/C-1001", "Sanctuary-Guard-Basis", WARRANT);
    HttpResponse<String> police = http.get("/contacts/C-1001", Http.concat(Http.basic("detective"),
        "Sanctuary-Guard-Basis", WARRANT));

    for (HttpResponse<String> response : List.of(unidentified, police)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).doesNotContain(Model.NAME, Model.ADDRESS)
          .isEqualTo(unregistered.body().replace("26-CR-9999", WARRANT));
    }
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenTheBasisDocumentIsNotRegisteredThenBadRequestProblem() {
    HttpResponse<String> response = http.get("/offices/1", Http.concat(ICE, "Sanctuary-Guard-Basis", "26-CR-9999"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asString()).endsWith("#bad-disclosure-request");
    assertThat(problem.get("detail").asString()).contains("unknown basis document '26-CR-9999'")
        .doesNotContain(WARRANT, UNVERIFIED_WARRANT);
  }

  @Test
  void getWhenThePurposeIsUnknownThenBadRequestProblemNamingIt() {
    HttpResponse<String> response = http.get("/offices/1", Http.concat(ICE, "Sanctuary-Guard-Purpose", "curiosity"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asString()).contains("unknown purpose 'curiosity'");
  }

  /**
   * A user whose authorities identify two recipients (a detective on an HSI-led task force) is not
   * decided as whichever authority comes first: the guard cannot tell in which capacity they ask.
   */
  @Test
  void getWhenTheUsersAuthoritiesIdentifyTwoRecipientsThenBadRequestNamingThemAndNothingDecided() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.concat(Http.basic("assigned"),
        "Sanctuary-Guard-Purpose", "criminal-investigation"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asString())
        .contains("the user holds authorities that identify more than one recipient", "nypd", "hsi-task-force");
    assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenAHeaderOfTheGuardIsRepeatedWithDifferentValuesThenBadRequestNamingItAndNoValue() {
    HttpResponse<String> keys = http.get("/residents/C-1001", "X-API-Key", "not-a-key", "X-API-Key",
        CityServiceTest.ICE_KEY);
    HttpResponse<String> purposes = http.get("/residents/C-1001", Http.concat(Http.basic("detective"),
        "Sanctuary-Guard-Purpose", "criminal-investigation", "Sanctuary-Guard-Purpose", "other"));
    HttpResponse<String> documents = http.get("/residents/C-1001", Http.concat(ICE, "Sanctuary-Guard-Basis", WARRANT,
        "Sanctuary-Guard-Basis", UNVERIFIED_WARRANT));

    assertThat(Http.json(keys).get("detail").asString()).contains("the header X-API-Key more than once");
    assertThat(Http.json(purposes).get("detail").asString())
        .contains("the header Sanctuary-Guard-Purpose more than once");
    assertThat(Http.json(documents).get("detail").asString())
        .contains("the header Sanctuary-Guard-Basis more than once");
    for (HttpResponse<String> response : List.of(keys, purposes, documents)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).doesNotContain(CityServiceTest.ICE_KEY, "not-a-key", "criminal-investigation",
          WARRANT, UNVERIFIED_WARRANT, Model.NAME, Model.STATUS);
    }
    assertThat(events.all()).as("nothing was decided, nothing was released").isEmpty();
  }

  @Test
  void getWhenAHeaderOfTheGuardIsRepeatedWithTheSameValueThenItIsReadAsSentOnce() {
    HttpResponse<String> response = http.get("/residents/C-1001", Http.concat(Http.basic("detective"),
        "Sanctuary-Guard-Purpose", "criminal-investigation", "Sanctuary-Guard-Purpose", "criminal-investigation"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events.last().fields()).containsEntry("sanctuary.purpose", "criminal-investigation");
  }

  @Test
  void getWhenTheResponseHoldsNoProtectedValueThenItIsUntouchedAndNothingIsDecided() {
    HttpResponse<String> response = http.get("/offices/1", ICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Http.JSON.writeValueAsString(
        new Model.Office("Canal St Job Center", "Manhattan")));
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenAGeneratedDtoIsProtectedByPropertiesThenItIsGuardedLikeAnAnnotatedOne() {
    HttpResponse<String> staff = http.get("/clients/C-1001", Http.basic("caseworker"));
    HttpResponse<String> unknown = http.get("/clients/C-1001");

    assertThat(Http.json(staff).get("phone").asString()).isEqualTo(Model.PHONE);
    assertThat(events.all().get(0).subjectCount()).isEqualTo(1);
    assertRefused(unknown, "deny");
  }

  @Test
  void getWhenTheResponseIsAListThenEveryElementIsRedactedUnderOneDecision() {
    HttpResponse<String> response = http.get("/residents", Http.basic("detective"));

    JsonNode residents = Http.json(response);
    assertThat(residents).hasSize(2);
    residents.forEach(resident -> assertThat(resident.has("status")).isFalse());
    assertThat(response.body()).doesNotContain(Model.STATUS);
    assertThat(events.all()).hasSize(1);
    assertThat(events.last().subjectCount()).isEqualTo(2);
  }

  @Test
  void getWhenTheResponseIsWrittenAfterAnAsyncDispatchThenItIsRedactedToo() {
    HttpResponse<String> response = http.get("/residents/C-1001/later", Http.basic("detective"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void eventWhenRecordedThenSubjectsArePseudonymsAndNoProtectedValueIsInIt() {
    http.get("/residents/C-1001", Http.basic("detective"));

    GuardEvent event = events.last();
    assertThat(event.subjectPseudonyms()).hasSize(1).noneMatch(pseudonym -> pseudonym.contains(Model.SUBJECT));
    assertThat(event.fields().toString()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
  }

  /**
   * Asserts that ICE gets the same refusal for what finds someone and for what finds no one, and
   * that the handler looked nobody up.
   */
  private void assertSameRefusalWithoutLookingUp(String findsSomeone, String findsNoOne) {
    int lookups = records.lookups.get();

    HttpResponse<String> found = http.get(findsSomeone, ICE);
    HttpResponse<String> notFound = http.get(findsNoOne, ICE);

    assertRefused(notFound, "escalate");
    assertThat(found.statusCode()).isEqualTo(403);
    assertThat(Http.json(notFound).get("reasons")).isEqualTo(Http.json(found).get("reasons"));
    assertThat(records.lookups.get()).as("nobody was looked up").isEqualTo(lookups);
  }

  private void assertDecidedForEachRequester(String path) {
    Decided.assertDecidedForEachRequester(http, path, events);
  }

  private void assertRefused(HttpResponse<String> response, String outcome) {
    Decided.assertRefused(response, outcome, events);
  }
}
