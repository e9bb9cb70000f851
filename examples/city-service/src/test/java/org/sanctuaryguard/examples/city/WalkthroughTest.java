package org.sanctuaryguard.examples.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanctuaryguard.audit.GuardLogVerifier;
import org.sanctuaryguard.examples.city.Walkthrough.Step;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request of the walk-through, over the real server: the decision the shipped packs give it,
 * what the requester got back, and that no value of a category withheld from it is in any answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughTest extends RunningService {

  @Autowired
  Residents residents;

  @Autowired
  SaveService save;

  private final List<Step> steps = new ArrayList<>();

  @BeforeAll
  void play() {
    save.clear();
    for (Supplier<Step> step : new Walkthrough(base()).steps()) {
      steps.add(step.get());
    }
  }

  @Test
  void stepsWhenPlayedThenEachGetsTheDecisionOfTheShippedPacks() {
    assertThat(steps).extracting(Step::outcome).containsExactly(
        "allow", "allow-redacted", "deny", "deny", "deny", "allow-redacted", "escalate", "allow-redacted", "escalate",
        "escalate");
    assertThat(steps).allSatisfy(step -> assertThat(step.outcome()).isEqualTo(step.expected()));
    assertThat(steps).allSatisfy(step -> assertThat(step.decision().path("auditEventId").asString()).isNotBlank());
  }

  @Test
  void caseworkerWhenDeliveringAServiceThenGetsTheWholeRecord() {
    Step step = steps.get(0);

    assertThat(step.status()).isEqualTo(200);
    assertThat(step.body().path("immigrationStatus").asString()).isEqualTo("Asylum applicant (pending)");
    assertThat(categories(step, "withheld")).isEmpty();
  }

  @Test
  void nypdWhenNotInvestigatingACrimeThenStatusBenefitsAndSealedRecordAreWithheld() {
    Step step = steps.get(1);

    assertThat(step.status()).isEqualTo(200);
    assertThat(categories(step, "withheld"))
        .containsExactly("benefits.receipt", "immigration.status", "justice.sealed-record");
    assertThat(step.body().has("immigrationStatus")).isFalse();
    assertThat(step.body().path("homeAddress").asString()).isEqualTo("3 Demo Court, Queens");
    assertThat(rules(step)).contains("nyc.eo-41.immigration-status-police", "new-york-state.cpl-160-50.sealed-records");
  }

  @Test
  void iceWhenPresentingAnAdministrativeWarrantThenNothingAndCounsel() {
    Step step = steps.get(2);

    assertThat(step.body().path("recipientClass").asString()).isEqualTo("immigration-enforcement");
    assertThat(categories(step, "withheld")).containsExactly("location.home-address", "location.shelter");
    assertThat(step.body().path("release")).isEmpty();
    assertThat(obligations(step)).contains("escalate-to-counsel", "capture-documents", "log-request");
    assertThat(step.decision().path("reasons").toString()).contains("Form I-200 is an administrative warrant");
  }

  @Test
  void hsiWhenFramingItAsMoneyLaunderingThenStillImmigrationEnforcementAndTheSealedRecordStays() {
    Step step = steps.get(3);

    assertThat(step.body().path("received").asString()).contains("ICE Homeland Security Investigations");
    assertThat(categories(step, "withheld")).containsExactly("justice.sealed-record", "location.home-address");
    assertThat(rules(step)).contains("new-york-state.cpl-160-50.sealed-records", "nyc.10-178.no-city-resources");
    assertThat(obligations(step)).contains("escalate-to-counsel");
  }

  @Test
  void dataBrokerWhenAskingForEveryoneThenForbiddenProblem() {
    Step step = steps.get(4);

    assertRefusedProblem(step, "deny");
    assertThat(categories(step, "released")).isEmpty();
    assertThat(rules(step)).contains("nyc.10-178.no-city-resources");
  }

  @Test
  void cbpWhenItsWarrantIsVerifiedThenWhatTheWarrantCoversWithObligations() {
    Step step = steps.get(5);

    assertThat(step.status()).isEqualTo(200);
    assertThat(categories(step, "released")).containsExactly("identity.name", "location.home-address");
    assertThat(categories(step, "withheld")).containsExactly("contact.phone", "location.shelter");
    assertThat(step.body().path("homeAddress").asString()).isEqualTo("250 Specimen St, Staten Island");
    assertThat(step.body().has("shelter")).isFalse();
    assertThat(obligations(step)).contains("capture-documents", "escalate-to-counsel", "report-periodic");
    assertThat(step.decision().path("reasons").get(0).path("citation").asString()).isNotBlank();
  }

  @Test
  void statusOnlyWhenAskedByIceThenForbiddenProblemAwaitingCounsel() {
    Step step = steps.get(6);

    assertRefusedProblem(step, "escalate");
    assertThat(categories(step, "escalated")).containsExactly("immigration.status");
    assertThat(obligations(step)).contains("escalate-to-counsel", "strip-non-status-fields");
    assertThat(rules(step)).contains("federal.1373.status-to-counsel");
  }

  @Test
  void saveCheckWhenSentThenTheAddressStaysBehind() {
    Step step = steps.get(7);

    assertThat(step.status()).isEqualTo(200);
    assertThat(categories(step, "withheld")).containsExactly("location.home-address");
    assertThat(save.received()).singleElement().satisfies(received -> {
      // the absolute form of a proxied request: the call left through the egress the tests watch
      assertThat(received.target()).startsWith("http://127.0.0.1:").endsWith(SaveService.PATH);
      assertThat(received.body()).contains("Fatima Testwell", "A-000-111-005").doesNotContain("Mockingbird");
    });
  }

  @Test
  void tipLineWhenCalledThenRefusedAndNothingLeaves() {
    Step step = steps.get(8);

    assertThat(step.status()).isEqualTo(403);
    assertThat(step.body().path("sent").asBoolean()).isFalse();
    assertThat(save.received()).noneMatch(received -> received.target().contains("ice.gov"));
  }

  @Test
  void iceWhenAskingForSomeoneTheCityHasNoRecordOfThenTheSameRefusalAsForSomeoneItHas() throws Exception {
    Step step = steps.get(9);
    HttpResponse<String> existing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve(
            "/residents/C-1001")).header("X-API-Key", "demo-key-ice-ero")
        .header("Sanctuary-Guard-Purpose", "civil-immigration-enforcement").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(step.status()).isEqualTo(existing.statusCode()).isEqualTo(403);
    assertThat(step.body().path("reasons")).isNotEmpty()
        .isEqualTo(JsonMapper.builder().build().readTree(existing.body()).path("reasons"));
  }

  @Test
  void answersWhenAnythingIsWithheldThenNoneHoldsAWithheldValue() {
    for (Step step : steps) {
      List<String> kept = new ArrayList<>(categories(step, "withheld"));
      kept.addAll(categories(step, "escalated"));
      String answer = step.body().toString() + step.decision();
      for (Resident resident : residents.all()) {
        protectedValues(resident).forEach((category, value) -> {
          if (kept.contains(category)) {
            assertThat(answer).as("step '%s', %s of %s", step.title(), category, resident.id()).doesNotContain(value);
          }
        });
      }
      if (step.status() == 403) {
        residents.all().forEach(resident -> assertThat(answer).doesNotContain(protectedValues(resident).values()));
      }
    }
  }

  @Test
  void guardLogWhenWrittenThenVerifiesWithThePublicKey() {
    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic())
        .verify(DIRECTORY.resolve("log"));

    assertThat(result.breaks()).isEmpty();
    assertThat(result.intact()).isTrue();
    assertThat(result.events()).isGreaterThanOrEqualTo(steps.size());
    assertThat(result.checkpoints()).isPositive();
  }

  private static void assertRefusedProblem(Step step, String outcome) {
    assertThat(step.status()).isEqualTo(403);
    assertThat(step.body().path("type").asString()).endsWith("#disclosure-refused");
    assertThat(step.body().path("outcome").asString()).isEqualTo(outcome);
    assertThat(step.body().path("reasons")).isNotEmpty();
    assertThat(step.body().path("auditEventId").asString()).isEqualTo(step.decision().path("auditEventId").asString());
  }

  private static List<String> categories(Step step, String disposition) {
    List<String> keys = new ArrayList<>();
    step.decision().path(disposition).forEach(category -> keys.add(category.path("category").asString()));
    return keys;
  }

  private static List<String> rules(Step step) {
    return step.decision().path("reasons").findValuesAsString("rule");
  }

  private static List<String> obligations(Step step) {
    return step.decision().path("obligations").findValuesAsString("obligation");
  }

  /** The resident's protected values by category, as they would appear in JSON. */
  static Map<String, String> protectedValues(Resident resident) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("identity.name", resident.name());
    values.put("identity.date-of-birth", resident.dateOfBirth());
    values.put("identity.government-id", resident.alienNumber());
    values.put("immigration.status", resident.immigrationStatus());
    values.put("immigration.place-of-birth", resident.placeOfBirth());
    values.put("location.home-address", resident.homeAddress());
    values.put("location.shelter", resident.shelter());
    values.put("contact.phone", resident.phone());
    values.put("benefits.receipt", resident.benefits());
    values.put("justice.sealed-record", resident.sealedRecord());
    values.put("court.appearance", resident.nextCourtDate());
    Map<String, String> present = new LinkedHashMap<>();
    values.forEach((category, value) -> {
      if (value != null) {
        present.put(category, value instanceof LocalDate date ? date.toString() : (String) value);
      }
    });
    return present;
  }
}
