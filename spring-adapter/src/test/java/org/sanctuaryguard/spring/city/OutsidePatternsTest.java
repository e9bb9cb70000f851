package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Responses outside the filter's URL patterns, where the guard does not know who asks: they release
 * no protected value, whether a message converter writes them or a view with a mapper of its own.
 */
@CityServiceTest
@TestPropertySource(properties = "sanctuary.guard.inbound.url-patterns=/offices/*")
class OutsidePatternsTest {

  private static final String[] ICE = {"X-API-Key", CityServiceTest.ICE_KEY};

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  private Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    events.clear();
  }

  @Test
  void getWhenABodyIsWrittenOutsideThePatternsThenWithoutItsProtectedValues() {
    HttpResponse<String> response = http.get("/contacts/C-1001", ICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Canal St").doesNotContain(Model.NAME, Model.ADDRESS);
  }

  @Test
  void getWhenAViewWithAMapperOfItsOwnRendersOutsideThePatternsThenWithoutItsProtectedValues() {
    HttpResponse<String> response = http.get("/views/residents/C-1001", ICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Canal St").doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "unknown")
        .containsEntry("sanctuary.outcome", "deny");
  }
}
