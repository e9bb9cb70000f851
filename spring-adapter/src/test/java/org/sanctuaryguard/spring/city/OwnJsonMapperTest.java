package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.spring.city.Destinations.ICE;
import static org.sanctuaryguard.spring.city.Destinations.NYPD;
import static org.sanctuaryguard.spring.city.Destinations.UNKNOWN;

import java.net.http.HttpResponse;
import java.util.EventObject;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.Disclosure;
import org.sanctuaryguard.spring.Disclosures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service that declares a {@code JsonMapper} bean of its own, built by hand without the guard's
 * module, so that Spring Boot builds none: Spring MVC's converter, the clients' converters and the
 * {@code WebClient}'s writer are all made from it, and bodies are still written as decided.
 */
@CityServiceTest
@Import(OwnJsonMapperTest.OwnMapper.class)
class OwnJsonMapperTest extends OutboundCalls {

  static class OwnMapper {

    @Bean
    JsonMapper jsonMapper() {
      return JsonMapper.builder().build();
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  Disclosures disclosures;

  @Test
  void getWhenTheApplicationsMapperLacksTheModuleThenTheRecordIsStillRedactedToTheDecision() {
    Http http = new Http(port);

    HttpResponse<String> police = http.get("/residents/C-1001", Http.basic("detective"));
    HttpResponse<String> ice = http.get("/residents/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(ice.statusCode()).isEqualTo(403);
    assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
  }

  @Test
  void restClientWhenTheApplicationsMapperLacksTheModuleThenBodiesAndPartsAreStillRedactedToTheDecision() {
    RestClient restClient = restClientBuilder.build();
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("resident", Model.resident());

    restClient.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();
    restClient.post().uri(NYPD).contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
    assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(server.received()).hasSize(2)
        .allSatisfy(received -> assertThat(received.body()).contains(Model.NAME).doesNotContain(Model.STATUS));
    assertThat(events.all()).hasSize(3).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "nypd").containsEntry("sanctuary.outcome", "allow-redacted"));
  }

  /**
   * What the guard's copy of a body cannot redact: a record behind a computed getter, one held by a
   * JDK class (an event's source, which the guard decides but cannot copy). The clients' converters
   * write them with the module, as the WebClient's writer does; an event whose source nothing is
   * released of, to an unknown host, is refused like the record itself.
   */
  @Test
  void clientsWhenTheApplicationsMapperLacksTheModuleThenRecordsTheGuardCannotCopyAreStillRedacted() {
    RestClient restClient = restClientBuilder.build();
    RestTemplate restTemplate = restTemplateBuilder.build();

    restClient.post().uri(NYPD).body(new Model.Caller(Model.SUBJECT, Model.NAME)).retrieve().toBodilessEntity();
    restTemplate.postForEntity(NYPD, new Model.Caller(Model.SUBJECT, Model.NAME), Void.class);
    restClient.post().uri(NYPD).body(new EventObject(Model.resident())).retrieve().toBodilessEntity();
    restTemplate.postForEntity(NYPD, new EventObject(Model.resident()), Void.class);
    assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(new EventObject(Model.resident())).retrieve()
        .toBodilessEntity()).isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> restTemplate.postForEntity(UNKNOWN, new EventObject(Model.resident()), Void.class))
        .isInstanceOf(DisclosureRefusedException.class);
    try (Disclosure disclosure = disclosures.open(request -> request.recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT).basis(Model.verifiedWarrant()))) {
      restClient.post().uri(ICE).body(new Model.Neighbours(Model.contact())).retrieve().toBodilessEntity();
      assertThat(disclosure.decisions()).singleElement()
          .satisfies(decision -> assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW));
    }

    assertThat(server.received()).hasSize(5).allSatisfy(received -> assertThat(received.body()).as(received.host())
        .doesNotContain(Model.STATUS, Model.Neighbours.NEIGHBOUR_NAME, Model.Neighbours.NEIGHBOUR_ADDRESS));
    assertThat(server.received()).filteredOn(received -> received.host().equals("intake.example.org")).isEmpty();
    assertThat(server.received()).filteredOn(received -> received.body().contains("source")).hasSize(2)
        .allSatisfy(received -> assertThat(received.body()).as("the event's source, decided for the police")
            .contains(Model.NAME, Model.ADDRESS));
    assertThat(server.received()).filteredOn(received -> received.host().equals("ice.gov")).singleElement()
        .satisfies(received -> assertThat(received.body()).contains(Model.NAME, Model.ADDRESS));
  }

  @Test
  void webClientWhenTheApplicationsMapperLacksTheModuleThenTheBodyIsStillRedactedToTheDecision() {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(ICE).bodyValue(Model.resident()).retrieve().toBodilessEntity()
        .block()).isInstanceOf(DisclosureRefusedException.class);

    assertThat(server.received()).singleElement()
        .satisfies(received -> assertThat(received.body()).contains(Model.NAME).doesNotContain(Model.STATUS));
  }
}
