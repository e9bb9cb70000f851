package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service that picks Gson as its JSON mapper, for which Spring Boot builds no Jackson converter
 * for the adapter to replace: Gson writes the body the response advice redacted, and each streamed
 * element and a functional endpoint's body are decided as Gson's guarded converter writes them.
 */
@SpringBootTest(classes = CityService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "sanctuary.guard.holder=social-services",
    "sanctuary.guard.inbound.api-key.recipients.ice-ero=" + CityServiceTest.ICE_KEY_SHA256,
    "sanctuary.guard.inbound.authorities.recipients.nypd=ROLE_NYPD",
    "spring.http.converters.preferred-json-mapper=gson",
    "spring.main.banner-mode=off"})
class GsonServiceTest {

  @LocalServerPort
  int port;

  @Test
  void getWhenGsonWritesThenBodiesStreamsAndFunctionalEndpointsAreRedactedToTheirDecisions() {
    Http http = new Http(port);

    for (String path : new String[] {"/residents/C-1001", "/residents/C-1001/updates", "/functional/residents/C-1001"}) {
      HttpResponse<String> ice = http.get(path, Decided.ICE);
      HttpResponse<String> police = http.get(path, Http.basic("detective"));

      assertThat(ice.statusCode()).as(path + " for ICE").isEqualTo(403);
      assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      assertThat(police.statusCode()).as(path + " for the police").isEqualTo(200);
      assertThat(police.body()).as(path + " for the police").contains(Model.NAME, Model.ADDRESS)
          .doesNotContain(Model.STATUS);
    }
  }
}
