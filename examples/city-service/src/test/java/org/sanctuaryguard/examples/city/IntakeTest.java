package org.sanctuaryguard.examples.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff's intake over the real server: bad requests are answered with a problem that names each
 * field at fault, and a request's decision says what to do and by when.
 */
class IntakeTest extends RunningService {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void intakeWhenFieldsBreakConstraintsThenProblemNamingEach() throws Exception {
    HttpResponse<String> response = intake("caseworker", """
        {"channel": "fax", "agency": "ice-ero", "officer": {"name": ""}, "purpose": "other", "residents": []}""");

    assertInvalid(response, "channel", "officer.name", "residents");
  }

  @Test
  void intakeWhenAnIdIsUnknownThenProblemNamingTheFieldAndTheNearestId() throws Exception {
    HttpResponse<String> purpose = intake("caseworker", form("ice-ero", "curiosity", "C-1001", ""));
    HttpResponse<String> agency = intake("caseworker", form("ice-eroo", "other", "C-1001", ""));
    HttpResponse<String> resident = intake("caseworker", form("ice-ero", "other", "C-9999", ""));

    assertInvalid(purpose, "purpose");
    assertInvalid(agency, "agency");
    assertThat(JSON.readTree(agency.body()).path("detail").asString()).contains("did you mean 'ice-ero'");
    assertInvalid(resident, "residents[0]");
  }

  @Test
  void intakeWhenADateIsNotADateThenProblemNamingItWithoutEchoingIt() throws Exception {
    HttpResponse<String> response = intake("caseworker", form("ice-ero", "other", "C-1001",
        ", \"document\": {\"type\": \"judicial-warrant\", \"issued\": \"Rosa Ejemplo\"}"));

    assertInvalid(response, "document.issued");
    assertThat(response.body()).doesNotContain("Rosa");
  }

  @Test
  void intakeWhenNotLoggedInThenUnauthorized() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base().resolve("/intake"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form("ice-ero", "other", "C-1001", ""))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void intakeWhenDmvRecordsAreAskedWithAVerifiedArticleIiiWarrantThenReleasedAndTheResidentToldWithinThreeDays()
      throws Exception {
    LocalDate today = LocalDate.now();
    HttpResponse<String> response = intake("caseworker", """
        {"channel": "door", "agency": "cbp", "officer": {"name": "Officer A. Whitcombe"},
         "purpose": "criminal-investigation", "residents": ["C-1004"], "holder": "motor-vehicles",
         "categories": ["identity.name", "location.home-address"],
         "document": {"type": "judicial-warrant",
           "issuer": "United States District Court for the Eastern District of New York",
           "signer": {"name": "Hon. Miriam Okafor", "role": "article-iii-judge"},
           "issued": "%s", "expires": "%s", "residents": ["C-1004"],
           "categories": ["identity.name", "location.home-address"],
           "verified": true, "verifiedBy": "Agency counsel, by call to the clerk"}}"""
        .formatted(today.minusDays(1), today.plusDays(10)));

    JsonNode decision = JSON.readTree(response.body()).path("decision");
    assertThat(decision.path("outcome").asString()).isEqualTo("allow");
    JsonNode notify = decision.path("obligations").findParents("obligation").stream()
        .filter(obligation -> obligation.path("obligation").asString().equals("notify-subject")).findFirst().orElseThrow();
    assertThat(Instant.parse(notify.path("due").asString())).isBetween(Instant.now().plus(Duration.ofDays(2)),
        Instant.now().plus(Duration.ofDays(4)));
    assertThat(JSON.readTree(response.body()).path("release").get(0).path("homeAddress").asString())
        .isEqualTo("250 Specimen St, Staten Island");
    assertThat(JSON.readTree(response.body()).path("release").get(0).has("immigrationStatus")).isFalse();
  }

  @Test
  void documentsWhenACaseworkerRegistersOneThenForbidden() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base().resolve("/documents"))
        .header("Authorization", Walkthrough.basic("caseworker")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"X-1\", \"document\": {\"type\": \"none\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void documentsWhenCounselRegistersAFederalDocketNumberThenCreatedAndWithdrawnByIt() throws Exception {
    String docket = "1:26-mj-04471";
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(base().resolve("/documents"))
        .header("Authorization", Walkthrough.basic("counsel")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + docket + "\", \"presentedBy\": \"ice-hsi\","
            + " \"document\": {\"type\": \"none\"}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> withdrawn = HTTP.send(HttpRequest.newBuilder(base().resolve("/documents/" + docket))
        .header("Authorization", Walkthrough.basic("counsel")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("id").asString()).isEqualTo(docket);
    assertThat(withdrawn.statusCode()).isEqualTo(204);
  }

  @Test
  void documentsWhenPresentedByNoAgencyOfTheDirectoryThenInvalidNamingTheField() throws Exception {
    for (String presentedBy : new String[] {"unknown", "ice-eroo"}) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base().resolve("/documents"))
          .header("Authorization", Walkthrough.basic("counsel")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"26-CR-1\", \"presentedBy\": \"" + presentedBy
              + "\", \"document\": {\"type\": \"none\"}}"))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertInvalid(response, "presentedBy");
    }
  }

  private static void assertInvalid(HttpResponse<String> response, String... fields) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("type").asString()).endsWith("#invalid-request");
    assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(fields);
  }

  private static String form(String agency, String purpose, String resident, String more) {
    return """
        {"channel": "phone", "agency": "%s", "officer": {"name": "Officer J. Doe"}, "purpose": "%s",
         "residents": ["%s"]%s}""".formatted(agency, purpose, resident, more);
  }

  private HttpResponse<String> intake(String user, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base().resolve("/intake"))
        .header("Authorization", Walkthrough.basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
