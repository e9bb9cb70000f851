package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Ways a Spring MVC handler can answer with a resident's record besides returning it ({@link
 * ResponseLeaks}), over the real server: what each requester gets of it, in the body and in the
 * headers.
 */
@CityServiceTest
class ResponseLeaksTest {

  @LocalServerPort
  int port;

  @Test
  void getWhenTheHandlerSetHeadersFromTheRecordAndTheBodyIsRefusedThenTheProblemCarriesNoneOfThem() {
    Http http = new Http(port);

    for (String shape : new String[] {"entity-header", "servlet-header"}) {
      HttpResponse<String> ice = http.get("/response-leaks/C-1001/" + shape, Decided.ICE);

      Http.assertRefused(ice, "escalate");
      assertThat(ice.headers().map()).as(shape).doesNotContainKeys("x-status", "x-name");
      assertThat(ice.headers().map().toString()).as(shape).doesNotContain(Model.NAME, Model.STATUS);
      // the headers Spring Security's chain set before the guard's filter stay
      assertThat(ice.headers().firstValue("X-Content-Type-Options")).as(shape).hasValue("nosniff");
    }
  }

  @Test
  void getWhenTheHandlerSetsAHeaderFromTheRecordAndTheBodyIsReleasedThenTheHeaderIsTheApplicationsOwn() {
    // a documented limit: the guard decides bodies, not headers
    HttpResponse<String> police = new Http(port).get("/response-leaks/C-1001/entity-header", Http.basic("detective"));

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).doesNotContain(Model.STATUS);
    assertThat(police.headers().firstValue("X-Status")).hasValue(Model.STATUS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"problem", "optional", "deferred", "callable", "flux", "events", "map-entity"})
  void getWhenSpringMvcUnwrapsTheRecordOrAProblemHoldsItThenEachRequesterGetsWhatTheirDecisionReleases(
      String shape) {
    Http http = new Http(port);

    HttpResponse<String> staff = http.get("/response-leaks/C-1001/" + shape, Http.basic("caseworker"));
    HttpResponse<String> police = http.get("/response-leaks/C-1001/" + shape, Http.basic("detective"));
    HttpResponse<String> ice = http.get("/response-leaks/C-1001/" + shape, Decided.ICE);

    assertThat(staff.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(police.statusCode()).isEqualTo(staff.statusCode()).isNotEqualTo(403);
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    Http.assertRefused(ice, "escalate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes", "resource", "streaming"})
  void getWhenTheHandlerWritesTheRecordWithTheApplicationsMapperThenNobodyGetsAProtectedValue(String shape) {
    Http http = new Http(port);

    for (String[] requester : new String[][] {Http.basic("caseworker"), Http.basic("detective"), Decided.ICE}) {
      HttpResponse<String> response = http.get("/response-leaks/C-1001/" + shape, requester);

      // written outside a decision, so without protected values, even to the city's staff; and the check before the
      // handler cannot see a body of bytes, so ICE learns that the record exists
      assertThat(response.statusCode()).as(shape).isEqualTo(200);
      assertThat(response.body()).as(shape).contains(Model.SUBJECT)
          .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }
}
