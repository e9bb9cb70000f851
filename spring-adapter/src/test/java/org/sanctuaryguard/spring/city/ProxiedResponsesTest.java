package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.sanctuaryguard.spring.city.ProxiedRecords.ResidentSummary;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.aop.SpringProxy;
import org.springframework.core.DecoratingProxy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Responses whose bodies are objects of classes made at run time ({@link ProxiedRecords}), over the
 * real server: a JDK proxy is decided for who asks, like the record its getters return; a subclass
 * a library generated to stand for another object is refused to everyone, as the guard cannot see
 * that object's values.
 */
@CityServiceTest
class ProxiedResponsesTest {

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Autowired
  ProxiedRecords records;

  @Autowired
  Guard guard;

  @Autowired
  HttpServletRequest injectedRequest;

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

  /** Spring's own interfaces of the proxy are not the view's. */
  @Test
  void releaseWhenASpringProxyFactoryMadeTheViewThenItsCopyIsAViewOfTheApplicationsInterfaceAlone() {
    ResidentSummary summary = records.summary(Model.SUBJECT);

    ResidentSummary copy = guard.release(summary, guard.request().recipient("nypd")
        .purpose(Purpose.OTHER)).copy();

    assertThat(summary).isInstanceOf(SpringProxy.class).isInstanceOf(DecoratingProxy.class);
    assertThat(copy.getClass().getInterfaces()).containsExactly(ResidentSummary.class);
    assertThat(copy.getClientId()).isEqualTo(Model.SUBJECT);
    assertThat(copy.getResident().name()).isEqualTo(Model.NAME);
    assertThat(copy.getResident().status()).isNull();
  }

  /**
   * A proxy that is not opaque implements {@code Advised}, whose properties Jackson writes, its
   * target among them (here the whole row), which the guard does not read: it is refused.
   */
  @Test
  void getWhenTheProjectionIsNotOpaqueThenRefusedToEveryoneWithoutAValue() {
    Decided.assertRefused(http.get("/run-time/residents/C-1001/advised", Decided.ICE), "escalate", events);
    for (String requester : new String[] {"caseworker", "detective"}) {
      HttpResponse<String> response = http.get("/run-time/residents/C-1001/advised", Http.basic(requester));
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }

  record Page(Resident resident, HttpServletRequest request) {}

  /**
   * A request that Spring injects is a JDK proxy of Jakarta's {@code HttpServletRequest}: machinery,
   * not a view, which the guard takes as it is, never calling its getters.
   */
  @Test
  void releaseWhenARecordHoldsTheInjectedRequestThenTheRequestIsTakenAsItIs() {
    Page copy = guard.release(new Page(Model.resident(), injectedRequest), guard.request().recipient("nypd")
        .purpose(Purpose.OTHER)).copy();

    assertThat(Proxy.isProxyClass(injectedRequest.getClass())).isTrue();
    assertThat(copy.request()).isSameAs(injectedRequest);
    assertThat(copy.resident().status()).isNull();
  }

  /**
   * A Spring AOP class proxy, or a lazy reference as Hibernate makes one, holds nothing in the
   * fields it inherits: its values are those of the object it stands for. It is refused (500, no
   * value), ICE before the handler as for the entity's class.
   */
  @Test
  void getWhenTheBodyIsAGeneratedSubclassStandingForAnEntityThenRefusedToEveryoneWithoutAValue() {
    for (String path : new String[] {"/run-time/residents/C-1001/entity", "/run-time/residents/C-1001/reference"}) {
      events.clear();
      int lookups = records.lookups.get();
      Decided.assertRefused(http.get(path, Decided.ICE), "escalate", events);
      assertThat(records.lookups.get()).isEqualTo(lookups);

      for (String requester : new String[] {"caseworker", "detective"}) {
        HttpResponse<String> response = http.get(path, Http.basic(requester));
        assertThat(response.statusCode()).as(path + " for " + requester).isEqualTo(500);
        assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS);
      }
    }
  }
}
