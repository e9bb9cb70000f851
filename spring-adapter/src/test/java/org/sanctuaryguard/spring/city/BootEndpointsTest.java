package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Spring Boot Actuator's own endpoints, every one exposed, in a guarded service: the guard looks
 * into their bodies as into any other, and must neither break them nor find residents there.
 */
@CityServiceTest
@TestPropertySource(properties = "management.endpoints.web.exposure.include=*")
class BootEndpointsTest {

  @LocalServerPort
  int port;

  @Test
  void getWhenStaffReadActuatorsOwnEndpointsThenEachAnswersAsWithoutTheGuard() {
    Http http = new Http(port);

    for (String endpoint : List.of("beans", "conditions", "configprops", "env", "health", "info", "loggers",
        "mappings", "metrics", "scheduledtasks", "threaddump", "sanctuaryguard")) {
      HttpResponse<String> response = http.get("/actuator/" + endpoint, Http.basic("caseworker"));

      assertThat(response.statusCode()).as("/actuator/" + endpoint).isEqualTo(200);
      assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }
}
