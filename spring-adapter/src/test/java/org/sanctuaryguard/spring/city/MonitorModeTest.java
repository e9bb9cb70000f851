package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A roll-out in monitor mode: the guard decides and records what it would have refused, and
 * releases everything.
 */
@SpringBootTest(classes = CityService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "sanctuary.guard.mode=monitor",
    "sanctuary.guard.holder=social-services",
    "sanctuary.guard.inbound.api-key.recipients.ice-ero=" + CityServiceTest.ICE_KEY_SHA256,
    "spring.main.banner-mode=off"})
class MonitorModeTest {

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Test
  void getWhenMonitoringThenEverythingIsReleasedAndTheBreachIsRecordedForReview() {
    HttpResponse<String> response = new Http(port).get("/residents/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.last().fields()).containsEntry("sanctuary.mode", "monitor")
        .containsEntry("sanctuary.outcome", "escalate")
        .hasEntrySatisfying("sanctuary.obligations",
            obligations -> assertThat(obligations.toString()).contains("breach-review"));
  }

  @Test
  void getWhenMonitoringAStreamThenEachElementIsReleasedAndItsBreachRecorded() {
    events.clear();

    HttpResponse<String> response =
        new Http(port).get("/residents/C-1001/updates", "X-API-Key", CityServiceTest.ICE_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.mode", "monitor").containsEntry("sanctuary.outcome", "escalate"));
  }
}
