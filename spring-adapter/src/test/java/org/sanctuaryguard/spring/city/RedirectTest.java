package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.city.RecordingServer.Received;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Redirects of the service's calls, answered by the recording server on loopback: the guard follows
 * them hop by hop, each hop checked before a byte of it leaves, so that a partner's redirect cannot
 * carry a resident's record, or a call at all, to immigration enforcement unseen.
 */
@CityServiceTest
class RedirectTest extends OutboundCalls {

  /** The police's intake, which redirects the call to ICE with the status that keeps its body. */
  private static final String NYPD_TO_ICE = "http://records.nypd.org/redirect/307/http/ice.gov/ero/records";
  /** The police's intake, which redirects to another of its own addresses. */
  private static final String NYPD_TO_NYPD = "http://records.nypd.org/redirect/308/http/records.nypd.org/intake";
  /** The police's intake, which sends the caller to look at ICE (a 302 turns a POST into a GET). */
  private static final String NYPD_SEE_ICE = "http://records.nypd.org/redirect/302/http/ice.gov/ero/records";
  /** The police's intake, which sends the caller to look at another host. */
  private static final String NYPD_SEE_OTHER = "http://records.nypd.org/redirect/303/http/intake.example.org/status";

  @Test
  void restClientWhenThePoliceRedirectTheRecordToImmigrationEnforcementThenTheHopIsNotSent() {
    RestClient restClient = restClientBuilder.build();

    assertThatThrownBy(() -> restClient.post().uri(NYPD_TO_ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(SanctuaryGuardException.class, refused -> assertThat(refused)
            .hasMessageContaining("from nypd to ice").hasMessageNotContainingAny(Model.NAME, Model.ADDRESS));

    assertOnlyThePoliceReceivedTheRecord();
  }

  @Test
  void restClientWhenThePoliceRedirectToThemselvesThenTheRecordFollowsRedactedAsDecided() {
    restClientBuilder.build().post().uri(NYPD_TO_NYPD).body(Model.resident()).retrieve().toBodilessEntity();

    assertThat(server.received()).hasSize(2).allSatisfy(redacted()).last().satisfies(hop -> {
      assertThat(hop.method()).isEqualTo("POST");
      assertThat(hop.path()).isEqualTo("/intake");
    });
    assertThat(events.all()).singleElement()
        .satisfies(event -> assertThat(event.fields()).containsEntry("sanctuary.recipient.id", "nypd"));
  }

  @Test
  void restClientWhenARedirectToImmigrationEnforcementDropsTheBodyThenTheHopIsDecidedAsACallAndRefused() {
    RestClient restClient = restClientBuilder.build();

    assertThatThrownBy(() -> restClient.post().uri(NYPD_SEE_ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(DisclosureRefusedException.class,
            refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY));
    assertThatThrownBy(() -> restClient.get().uri(NYPD_SEE_ICE).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(server.received()).hasSize(2).noneMatch(received -> received.host().equals("ice.gov"));
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "ice");
  }

  @Test
  void restClientWhenRedirectedElsewhereToLookThenTheHopCarriesNeitherTheBodyNorTheCredentials() {
    restClientBuilder.build().post().uri(NYPD_SEE_OTHER).header("Authorization", "Bearer city-token")
        .body(Model.resident()).retrieve().toBodilessEntity();

    assertThat(server.received()).hasSize(2).first().satisfies(call -> {
      assertThat(call.authorization()).isEqualTo("Bearer city-token");
      assertThat(call.body()).contains(Model.NAME);
    });
    assertThat(server.received().get(1)).satisfies(hop -> {
      assertThat(hop.host()).isEqualTo("intake.example.org");
      assertThat(hop.method()).isEqualTo("GET");
      assertThat(hop.body()).isEmpty();
      assertThat(hop.contentType()).isEqualTo("null");
      assertThat(hop.authorization()).isEqualTo("null");
    });
  }

  @Test
  void restClientRestTemplateAndWebClientWhenRedirectedToAnotherOriginThenTheHopCarriesNoHeaderOfTheCallsOwn() {
    restClientBuilder.build().get().uri(NYPD_SEE_OTHER).headers(RedirectTest::partnerHeaders)
        .cookie("session", "partner-session").retrieve().toBodilessEntity();
    restTemplateBuilder.defaultHeader("X-API-Key", "partner-key").build().getForEntity(NYPD_SEE_OTHER, String.class);
    webClientBuilder.build().get().uri(NYPD_SEE_OTHER).headers(RedirectTest::partnerHeaders)
        .cookie("session", "partner-session").retrieve().toBodilessEntity().block();

    List<Received> received = server.received();
    assertThat(received).hasSize(6);
    for (int call = 0; call < 6; call += 2) {
      assertThat(received.get(call).headers()).containsEntry("x-api-key", "partner-key");
      assertThat(received.get(call + 1)).satisfies(hop -> {
        assertThat(hop.host()).isEqualTo("intake.example.org");
        assertThat(hop.headers()).doesNotContainKeys("x-api-key", "x-auth-token", "authorization", "cookie")
            .containsKey("accept");
      });
    }
  }

  @Test
  void restClientWhenRedirectedWithinTheOriginThenTheHopCarriesTheCallsHeaders() {
    restClientBuilder.build().post().uri(NYPD_TO_NYPD).headers(RedirectTest::partnerHeaders).body(Model.resident())
        .retrieve().toBodilessEntity();

    assertThat(server.received()).hasSize(2).allSatisfy(call -> assertThat(call.headers())
        .containsEntry("x-api-key", "partner-key").containsEntry("x-auth-token", "partner-token"));
  }

  /** Headers a partner's API asks for: its key, a token, and what the city accepts. */
  private static void partnerHeaders(HttpHeaders headers) {
    headers.set("X-API-Key", "partner-key");
    headers.set("X-Auth-Token", "partner-token");
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
  }

  @Test
  void restTemplateWhenThePoliceRedirectTheRecordToImmigrationEnforcementThenTheHopIsNotSent() {
    assertThatThrownBy(() -> restTemplateBuilder.build().postForEntity(NYPD_TO_ICE, Model.resident(), String.class))
        .isInstanceOf(SanctuaryGuardException.class);

    assertOnlyThePoliceReceivedTheRecord();
  }

  @Test
  void webClientWhenThePoliceRedirectTheRecordToImmigrationEnforcementThenTheHopIsNotSent() {
    WebClient webClient = webClientBuilder.build();

    assertThatThrownBy(() -> webClient.post().uri(NYPD_TO_ICE).bodyValue(Model.resident()).retrieve()
        .toBodilessEntity().block())
        .isInstanceOfSatisfying(SanctuaryGuardException.class,
            refused -> assertThat(refused).hasMessageContaining("from nypd to ice"));

    assertOnlyThePoliceReceivedTheRecord();
  }

  @Test
  void webClientWhenRedirectedThenEachHopIsCheckedAndOnlyTheRecipientsOwnHopsCarryTheRecord() {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD_TO_NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block();
    assertThat(server.received()).hasSize(2).allSatisfy(redacted());
    server.clear();
    assertThatThrownBy(() -> webClient.get().uri(NYPD_SEE_ICE).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);
    assertThat(server.received()).singleElement().satisfies(call -> assertThat(call.host()).isEqualTo("records.nypd.org"));
  }

  @Test
  void webClientWhenABodyDecidedAsItIsWrittenIsRedirectedElsewhereThenItIsDecidedAgainForTheHopAndRefused() {
    WebClient webClient = webClientBuilder.build();
    String toUnknown = "http://records.nypd.org/redirect/307/http/intake.example.org/records";
    AtomicInteger computed = new AtomicInteger();

    assertThatThrownBy(() -> webClient.post().uri(toUnknown).body(Mono.fromSupplier(() -> {
      computed.incrementAndGet();
      return Model.resident();
    }), Model.Resident.class).retrieve().toBodilessEntity().block()).isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(toUnknown).contentType(MediaType.APPLICATION_NDJSON)
        .body(Flux.just(Model.resident()), Model.Resident.class).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(computed).as("the body is computed again for the hop").hasValue(2);
    assertThat(server.received()).hasSize(2).allSatisfy(redacted());
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.recipient.id") + " "
        + event.fields().get("sanctuary.outcome"))
        .containsExactly("nypd allow-redacted", "unknown deny", "nypd allow-redacted", "unknown deny");
  }

  @Test
  void webClientWhenTheRedirectIsOneNotToFollowThenTheCallerGetsIt() {
    var response = webClientBuilder.build().post().uri("http://records.nypd.org/redirect/307/ftp/ice.gov/records")
        .bodyValue(Model.resident()).retrieve().toBodilessEntity().block();

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
    assertThat(server.received()).singleElement().satisfies(redacted());
  }

  private void assertOnlyThePoliceReceivedTheRecord() {
    assertThat(server.received()).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.path()).startsWith("/redirect/");
    });
    assertThat(events.all()).singleElement()
        .satisfies(event -> assertThat(event.fields()).containsEntry("sanctuary.recipient.id", "nypd"));
  }

  private static Consumer<Received> redacted() {
    return received -> {
      assertThat(received.host()).isEqualTo("records.nypd.org");
      assertThat(received.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    };
  }
}
