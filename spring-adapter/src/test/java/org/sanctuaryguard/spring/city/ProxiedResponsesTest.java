package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Responses whose bodies are objects of classes made at run time ({@link ProxiedRecords}), over the
 * real server: each is decided for who asks, like a record, whatever made its class.
 */
@CityServiceTest
class ProxiedResponsesTest {

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Autowired
  ProxiedRecords records;

  private Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    events.clear();
  }

  @Test
  void getWhenTheBodyIsAnInterfaceProjectionThenItIsDecidedForEachRequesterAndImmigrationEnforcementRefusedEarly() {
    int lookups = records.lookups.get();

    Decided.assertRefused(http.get("/run-time/residents/C-1001/summary", Decided.ICE), "escalate", events);
    Decided.assertRefused(http.get("/run-time/residents/C-4040/summary", Decided.ICE), "escalate", events);
    assertThat(records.lookups.get()).as("refused before the handler looks the resident up").isEqualTo(lookups);
    events.clear();
    Decided.assertDecidedForEachRequester(http, "/run-time/residents/C-1001/summary", events);
  }

  @Test
  void getWhenTheBodyIsAListOfJdkProxyViewsThenEachIsDecidedLikeTheRecordItReturns() {
    int lookups = records.lookups.get();
    Decided.assertRefused(http.get("/run-time/residents/C-1001/views", Decided.ICE), "escalate", events);
    assertThat(records.lookups.get()).isEqualTo(lookups);
    events.clear();

    Decided.assertDecidedForEachRequester(http, "/run-time/residents/C-1001/views", events);
  }

  /**
   * A Spring AOP class proxy is read as the entity it extends, through its getters. The police get
   * the properties of their released categories only: Jackson writes every property of a proxy
   * through the proxy's generated overrides, which the module cannot read, so each is written only
   * when the decision releases every category of the entity (the README says so).
   */
  @Test
  void getWhenTheBodyIsASpringClassProxyOfAnEntityThenItIsDecidedForEachRequester() {
    Decided.assertDecidedForEachRequester(http, "/run-time/residents/C-1001/entity", events);

    HttpResponse<String> police = http.get("/run-time/residents/C-1001/entity", Http.basic("detective"));
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS, "Canal St");
  }

  @Test
  void getWhenTheBodyIsALazyReferenceNotLoadedYetThenItsGettersLoadItAndItIsDecidedForEachRequester() {
    int lookups = records.lookups.get();
    Decided.assertRefused(http.get("/run-time/residents/C-1001/reference", Decided.ICE), "escalate", events);
    assertThat(records.lookups.get()).isEqualTo(lookups);
    events.clear();

    Decided.assertDecidedForEachRequester(http, "/run-time/residents/C-1001/reference", events);
  }

  /** Jackson writes a lambda as an empty object; what it captured is decided all the same. */
  @Test
  void getWhenTheBodyHoldsALambdaThatCapturedARecordThenItIsDecidedAndNothingOfTheRecordWritten() {
    HttpResponse<String> staff = http.get("/run-time/residents/C-1001/later", Http.basic("caseworker"));
    HttpResponse<String> police = http.get("/run-time/residents/C-1001/later", Http.basic("detective"));
    HttpResponse<String> ice = http.get("/run-time/residents/C-1001/later", Decided.ICE);

    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(Http.json(staff).get("record").isEmpty()).isTrue();
    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(staff.body() + police.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    Decided.assertRefused(ice, "escalate", events);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("allow", "allow-redacted", "escalate");
  }
}
