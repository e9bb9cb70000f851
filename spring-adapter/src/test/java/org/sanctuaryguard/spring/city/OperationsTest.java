package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The guard's Actuator endpoint and Micrometer meters, read over the real server. */
@CityServiceTest
class OperationsTest {

  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry meters;

  private Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void endpointWhenReadThenShowsModePacksDirectoryAndDecisionCountsByOutcome() {
    JsonNode before = Http.json(http.get("/actuator/sanctuaryguard"));
    http.get("/contacts/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);
    http.get("/residents/C-1001", Http.basic("caseworker"));

    HttpResponse<String> response = http.get("/actuator/sanctuaryguard");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode guard = Http.json(response);
    assertThat(guard.get("mode").asString()).isEqualTo("enforce");
    assertThat(guard.get("holder").asString()).isEqualTo("social-services");
    assertThat(guard.get("packs").findValuesAsString("id")).containsExactly("nyc", "new-york-state", "federal");
    assertThat(guard.get("packs").findValuesAsString("version")).allMatch(version -> !version.isBlank());
    JsonNode iceEro = null;
    for (JsonNode recipient : guard.get("directory")) {
      if (recipient.get("id").asString().equals("ice-ero")) {
        iceEro = recipient;
      }
    }
    assertThat(iceEro).isNotNull();
    assertThat(iceEro.get("recipientClass").asString()).isEqualTo("immigration-enforcement");
    assertThat(iceEro.get("parent").asString()).isEqualTo("ice");
    assertThat(count(guard, "deny") - count(before, "deny")).isEqualTo(1);
    assertThat(count(guard, "allow") - count(before, "allow")).isEqualTo(1);
    assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
  }

  @Test
  void metricsWhenDecisionsAreMadeThenCountedAndTimedByOutcomeRecipientClassAndHolder() {
    http.get("/contacts/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);

    JsonNode decisions = Http.json(http.get("/actuator/metrics/sanctuary.guard.decisions"));
    JsonNode timer = Http.json(http.get("/actuator/metrics/sanctuary.guard.decision"
        + "?tag=outcome:deny&tag=recipient.class:immigration-enforcement&tag=direction:inbound"));

    assertThat(decisions.get("availableTags").findValuesAsString("tag"))
        .containsExactlyInAnyOrder("outcome", "recipient.class", "holder", "mode");
    assertThat(timer.get("measurements").findValuesAsString("statistic")).contains("COUNT", "TOTAL_TIME");
    assertThat(timer.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void metersWhenTaggedThenNoTagHoldsASubjectOrAProtectedValue() {
    http.get("/residents/C-1001", Http.basic("detective"));
    http.get("/residents/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);

    List<String> values = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      if (meter.getId().getName().startsWith("sanctuary.guard")) {
        meter.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
      }
    }
    assertThat(values).isNotEmpty().noneMatch(value -> value.contains(Model.SUBJECT) || value.contains("CANARY")
        || value.contains("detective"));
  }

  private static long count(JsonNode guard, String outcome) {
    return guard.get("decisions").get(outcome).asLong();
  }
}
