package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.LegalBasisRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.web.exchanges.HttpExchangeRepository;
import org.springframework.boot.actuate.web.exchanges.InMemoryHttpExchangeRepository;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A service that records HTTP exchanges for Actuator's {@code httpexchanges} endpoint: an agency's
 * API key and the id of the document it named are not among the request headers recorded, which
 * anyone who may read the endpoint would read, as Spring Boot leaves out the Authorization header.
 */
@CityServiceTest
@Import(HttpExchangesTest.Exchanges.class)
@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,httpexchanges")
class HttpExchangesTest {

  private static final String WARRANT = "26-CR-3120";

  @LocalServerPort
  int port;

  @Autowired
  LegalBasisRegistry registry;

  @Autowired
  HttpExchangeRepository repository;

  @Test
  void getWhenAnAgencySendsItsKeyAndADocumentThenTheRecordedExchangeHoldsNeither() {
    Http http = new Http(port);
    registry.register(WARRANT, "ice", Model.verifiedWarrant());
    try {
      http.get("/offices/1", Http.concat(Decided.ICE, "Sanctuary-Guard-Basis", WARRANT, "X-Trace", "kept"));
    } finally {
      registry.remove(WARRANT);
    }

    HttpResponse<String> exchanges = http.get("/actuator/httpexchanges", Http.basic("caseworker"));

    assertThat(exchanges.statusCode()).isEqualTo(200);
    assertThat(exchanges.body()).contains("/offices/1", "X-Trace", "kept")
        .doesNotContain(CityServiceTest.ICE_KEY, WARRANT);
    assertThat(repository).isInstanceOf(InMemoryHttpExchangeRepository.class);
  }

  @Configuration(proxyBeanMethods = false)
  static class Exchanges {

    @Bean
    InMemoryHttpExchangeRepository exchanges() {
      return new InMemoryHttpExchangeRepository();
    }
  }
}
