package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A body outside the filter's URL patterns written by a JSON converter of the application's, whose
 * mapper lacks the guard's module: the converter is given the redacted copy decided for an unknown
 * requester, so it writes no protected value.
 */
@CityServiceTest
@TestPropertySource(properties = "sanctuary.guard.inbound.url-patterns=/offices/*")
@Import(OwnConverterTest.OwnConverter.class)
class OutsidePatternsOwnConverterTest {

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Test
  void getWhenTheApplicationsConverterWritesABodyOutsideThePatternsThenWithoutItsProtectedValues() {
    Http http = new Http(port);

    for (HttpResponse<String> response : List.of(http.get("/residents/C-1001", "X-API-Key", CityServiceTest.ICE_KEY),
        http.get("/residents/C-1001", Http.basic("caseworker")))) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Canal St").doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "unknown")
        .containsEntry("sanctuary.outcome", "deny");
  }
}
