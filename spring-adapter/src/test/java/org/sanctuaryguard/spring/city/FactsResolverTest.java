package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.FactsResolver;
import org.sanctuaryguard.spring.LegalBasisRegistry;
import org.sanctuaryguard.spring.Requester;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.apache.catalina.core.StandardContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A service that tells the guard what it knows of the resident in each response, through a {@link
 * FactsResolver} of its own: whether the resident confirmed their written consent with a caseworker
 * in person ({@code consent-confirmed-with-subject}), which Executive Order 41 and the Identifying
 * Information Law rules of the {@code nyc} pack need before consent lifts them. The same requests,
 * with and without the confirmation, over the real embedded server: bodies, streamed elements and
 * views, the check before the handler, and a resolver that fails.
 */
@CityServiceTest
@Import(FactsResolverTest.ConsentFacts.class)
@TestPropertySource(properties = "sanctuary.guard.inbound.api-key.recipients.public=" + FactsResolverTest.PRESS_KEY_SHA256)
@ExtendWith(OutputCaptureExtension.class)
class FactsResolverTest {

  /** The key of a newspaper's intake, which publishes residents' stories with their consent. */
  static final String PRESS_KEY = "press-test-key";
  static final String PRESS_KEY_SHA256 = "916cf6cba47edd455021b0cacad3b3e905729e08c6ea413afa61dbfe5135ecb5";

  private static final String POLICE_CONSENT = "consent-C-1001-nypd";
  private static final String PRESS_CONSENT = "consent-C-1001-press";
  private static final String[] POLICE = Http.concat(Http.basic("detective"),
      "Sanctuary-Guard-Purpose", "service-delivery", "Sanctuary-Guard-Basis", POLICE_CONSENT);
  private static final String[] PRESS = {"X-API-Key", PRESS_KEY, "Sanctuary-Guard-Basis", PRESS_CONSENT};

  /** The city's record of whose consent a caseworker confirmed with them, and what goes wrong with it. */
  static final class ConsentLedger {
    final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    final AtomicInteger calls = new AtomicInteger();
    /** A fact name the resolver returns instead of the right one: a programming error. */
    volatile @Nullable String misspelled;
    /** Whether the resolver fails, with a resident's name in its message. */
    volatile boolean broken;

    void reset() {
      confirmed.clear();
      calls.set(0);
      misspelled = null;
      broken = false;
    }
  }

  /**
   * The application's resolver: consent is confirmed when it is for every resident in the payload,
   * and a payload of several residents is a bulk disclosure.
   */
  static final class LedgerFacts implements FactsResolver {

    private final ConsentLedger ledger;

    LedgerFacts(ConsentLedger ledger) {
      this.ledger = ledger;
    }

    @Override
    public Map<String, Boolean> resolve(HttpServletRequest request, Requester requester, Object payload) {
      ledger.calls.incrementAndGet();
      if (ledger.broken) {
        throw new IllegalStateException("no ledger entry for " + Model.NAME + " at " + Model.ADDRESS);
      }
      String misspelled = ledger.misspelled;
      if (misspelled != null) {
        return Map.of(misspelled, true);
      }
      List<String> residents = residents(payload);
      Map<String, Boolean> facts = new HashMap<>();
      facts.put(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, !residents.isEmpty() && ledger.confirmed.containsAll(residents));
      if (residents.size() > 1) {
        facts.put(Facts.BULK, true);
      }
      return facts;
    }

    /** The residents of a body, a list of them, or a view's model. */
    private static List<String> residents(Object payload) {
      if (payload instanceof Resident resident) {
        return List.of(resident.clientId());
      }
      if (payload instanceof Map<?, ?> model) {
        return residents(model.values());
      }
      if (payload instanceof Collection<?> all) {
        return all.stream().flatMap(one -> residents(one).stream()).toList();
      }
      return List.of();
    }
  }

  static class ConsentFacts {

    @Bean
    ConsentLedger consentLedger() {
      return new ConsentLedger();
    }

    @Bean
    FactsResolver consentLedgerFacts(ConsentLedger ledger) {
      return new LedgerFacts(ledger);
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Autowired
  LegalBasisRegistry registry;

  @Autowired
  ConsentLedger ledger;

  @Autowired
  CityService.Records records;

  @Autowired
  ServletWebServerApplicationContext context;

  private Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    events.clear();
    ledger.reset();
    registry.register(POLICE_CONSENT, "nypd", Model.consent("nypd", Purpose.SERVICE_DELIVERY));
    registry.register(PRESS_CONSENT, "public", Model.consent("public", Purpose.OTHER));
  }

  @AfterEach
  void tearDown() {
    registry.remove(POLICE_CONSENT);
    registry.remove(PRESS_CONSENT);
    ledger.reset();
  }

  @Test
  void getWhenTheCityConfirmedTheResidentsConsentThenPoliceGetTheStatusItCovers() {
    ledger.confirmed.add(Model.SUBJECT);

    HttpResponse<String> response = http.get("/residents/C-1001", POLICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("status").asString()).isEqualTo(Model.STATUS);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.basis.type", "written-consent")
        .containsEntry("sanctuary.outcome", "allow")
        .containsEntry("sanctuary.released", List.of("identity.name", "immigration.status", "location.home-address"))
        .containsEntry("sanctuary.withheld", List.of())
        .containsEntry("sanctuary.rules", List.of("nyc.eo-41.immigration-status-police"))
        .as("the release rested on the city's word that the resident confirmed consent")
        .containsEntry("sanctuary.facts", List.of(Facts.CONSENT_CONFIRMED_WITH_SUBJECT)));
  }

  @Test
  void getWhenTheResidentsConsentIsNotConfirmedThenPoliceGetTheRecordWithoutTheStatus() {
    HttpResponse<String> response = http.get("/residents/C-1001", POLICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow-redacted")
        .containsEntry("sanctuary.withheld", List.of("immigration.status"))
        .as("consent given as false is not listed").doesNotContainKey("sanctuary.facts"));
    assertThat(ledger.calls).hasValue(1);
  }

  @Test
  void getWhenPoliceFollowServerSentEventsThenEachRecordCarriesTheFactsFoundForIt() {
    HttpResponse<String> unconfirmed = http.get("/residents/C-1001/updates", POLICE);
    ledger.confirmed.add(Model.SUBJECT);
    HttpResponse<String> confirmed = http.get("/residents/C-1001/updates", POLICE);

    assertThat(unconfirmed.statusCode()).isEqualTo(200);
    assertThat(unconfirmed.body()).contains(Model.NAME, "Canal St Job Center").doesNotContain(Model.STATUS);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains(Model.NAME, Model.STATUS, "Canal St Job Center");
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("allow-redacted", "allow");
    assertThat(ledger.calls).as("once per record sent; the office holds nothing protected").hasValue(2);
  }

  @Test
  void getWhenAViewRendersTheRecordThenItsModelCarriesTheFactsFoundForIt() {
    HttpResponse<String> unconfirmed = http.get("/views/residents/C-1001", POLICE);
    ledger.confirmed.add(Model.SUBJECT);
    HttpResponse<String> confirmed = http.get("/views/residents/C-1001", POLICE);

    assertThat(unconfirmed.statusCode()).isEqualTo(200);
    assertThat(unconfirmed.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(Http.json(confirmed).get("resident").get("status").asString()).isEqualTo(Model.STATUS);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("allow-redacted", "allow");
  }

  /**
   * Without the confirmation nothing of the record goes to the press (the Identifying Information
   * Law rule sends it to the privacy officer), so the check before the handler would refuse it; a
   * fact the resolver may find in the record could open it, so the handler runs and the body's
   * decision, with its facts, answers.
   */
  @Test
  void getWhenOnlyAConfirmedConsentOpensTheRecordThenTheHandlerRunsAndTheBodysFactsDecide() {
    int lookups = records.lookups.get();

    HttpResponse<String> unconfirmed = http.get("/residents/C-1001", PRESS);
    ledger.confirmed.add(Model.SUBJECT);
    HttpResponse<String> confirmed = http.get("/residents/C-1001", PRESS);

    Http.assertRefused(unconfirmed, "escalate");
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(records.lookups.get()).as("both were looked up").isEqualTo(lookups + 2);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("escalate", "allow");
  }

  @Test
  void getWhenNoFactCouldOpenTheRecordThenRefusedBeforeTheHandlerAsWithoutAResolver() {
    ledger.confirmed.add(Model.SUBJECT);
    int lookups = records.lookups.get();

    HttpResponse<String> found = http.get("/residents/C-1001", "X-API-Key", PRESS_KEY);
    HttpResponse<String> notFound = http.get("/residents/C-9999", "X-API-Key", PRESS_KEY);

    Http.assertRefused(found, "escalate");
    Http.assertRefused(notFound, "escalate");
    assertThat(Http.json(notFound).get("reasons")).isEqualTo(Http.json(found).get("reasons"));
    assertThat(records.lookups.get()).as("nobody was looked up").isEqualTo(lookups);
    assertThat(ledger.calls).hasValue(0);
  }

  @Test
  void getWhenTheResolverGivesFactsThenTheGuardEventRecordsThoseGivenAsTrue() {
    ledger.confirmed.add(Model.SUBJECT);

    http.get("/residents", Http.basic("caseworker"));
    http.get("/residents/C-1001", Http.basic("caseworker"));

    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.bulk")).containsExactly(true, false);
    assertThat(events.all()).as("C-1002's consent is not confirmed: the list's is given as false")
        .extracting(event -> event.fields().get("sanctuary.facts"))
        .containsExactly(List.of(Facts.BULK), List.of(Facts.CONSENT_CONFIRMED_WITH_SUBJECT));
    assertThat(events.all().get(1).facts()).containsExactly(Facts.CONSENT_CONFIRMED_WITH_SUBJECT);
  }

  @Test
  void getWhenTheBodyHoldsNothingProtectedThenTheResolverIsNotCalled() {
    HttpResponse<String> response = http.get("/offices/1", Http.basic("detective"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ledger.calls).hasValue(0);
    assertThat(events.all()).isEmpty();
  }

  @Test
  void getWhenTheResolverNamesAnUnknownFactThenNothingIsSentAndTheErrorNamesTheResolverAndTheNearestKnownFact(
      CapturedOutput output) {
    ledger.confirmed.add(Model.SUBJECT);
    ledger.misspelled = "consent-confirmed";

    HttpResponse<String> body = http.get("/residents/C-1001", POLICE);
    HttpResponse<String> view = http.get("/views/residents/C-1001", POLICE);
    HttpResponse<String> stream = http.get("/residents/C-1001/updates", POLICE);

    assertThat(body.statusCode()).isEqualTo(500);
    assertThat(view.statusCode()).isEqualTo(500);
    for (HttpResponse<String> response : List.of(body, view, stream)) {
      assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, "consent-confirmed");
    }
    assertThat(output).contains("the FactsResolver " + LedgerFacts.class.getName() + " returned a fact that neither"
        + " the standard facts nor a pack declares (not repeated here, as it may come from the record; the nearest"
        + " known: 'consent-confirmed-with-subject')").doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS,
        "'consent-confirmed'");
    assertThat(events.all()).as("nothing was decided").isEmpty();
  }

  /**
   * A stream whose element cannot be decided ends with a 500 problem, and its asynchronous request
   * ends with it, whether the element was sent after the handler returned its emitter or before
   * (when Spring MVC sends it as it starts the stream, and nothing else would end the request: the
   * server would keep it open, and wait for it as it shuts down).
   */
  @Test
  void getWhenAStreamedElementCannotBeDecidedThenTheStreamEndsWithA500AndItsRequestWithIt(CapturedOutput output)
      throws InterruptedException {
    ledger.broken = true;

    HttpResponse<String> sentLater = http.get("/residents/C-1001/updates", POLICE);
    HttpResponse<String> sentFirst = http.get("/residents/C-1001/snapshot", POLICE);

    for (HttpResponse<String> response : List.of(sentLater, sentFirst)) {
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(Http.json(response).get("detail").asString())
          .isEqualTo("The guard could not decide this response: nothing of it is released.");
      assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
    assertThat(inProgress()).as("streams still open").isZero();
    assertThat(output).contains("a streamed element could not be decided, so the stream ends: the FactsResolver "
        + LedgerFacts.class.getName() + " failed (java.lang.IllegalStateException)")
        .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.all()).isEmpty();
  }

  /**
   * A stream that began (an office, nothing protected, was written) and whose later element is
   * refused, or cannot be decided, is cut short: the server aborts the response rather than end it
   * as a stream the service completed, so that the client can tell, and the request ends; whether
   * the element was sent after the handler returned its emitter or before, when Spring MVC writes
   * both as it starts the stream. The container's dispatch to its error page that follows writes
   * nothing, so Spring MVC does not warn twice per stream that it could not write Spring Boot's error
   * page to it, and the guard says once per stream why it could not decide the element.
   */
  @Test
  void getWhenAStreamThatBeganHasAnElementRefusedOrUndecidedThenItIsCutShortNotEnded(CapturedOutput output)
      throws Exception {
    int before = output.length();
    String refused = raw("/residents/C-1001/office-first", PRESS);
    String refusedAtOnce = raw("/residents/C-1001/office-first/at-once", PRESS);
    ledger.broken = true;
    String undecided = raw("/residents/C-1001/office-first", PRESS);
    String undecidedAtOnce = raw("/residents/C-1001/office-first/at-once", PRESS);

    for (String response : List.of(refused, refusedAtOnce, undecided, undecidedAtOnce)) {
      assertThat(response).startsWith("HTTP/1.1 200").contains("Canal St Job Center")
          .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      assertThat(response).as("the last chunk of a stream that ended").doesNotEndWith("\r\n0\r\n\r\n");
    }
    assertThat(inProgress()).isZero();
    String logged = output.toString().substring(before);
    assertThat(logged).doesNotContain("DefaultHandlerExceptionResolver", "No converter for")
        .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(logged.split("guard escalate: public \\(public\\)", -1))
        .as("the guard's event of each of the two elements it refused").hasSize(3);
    assertThat(logged.split("a streamed element could not be decided, so the stream ends", -1))
        .as("one line of the guard's for each of the two elements it could not decide").hasSize(3);
  }

  /** The raw bytes of a GET over HTTP/1.1, read until the server closes the connection. */
  private String raw(String path, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The server's asynchronous requests still in progress, once those that end have ended. */
  private int inProgress() throws InterruptedException {
    StandardContext server = (StandardContext) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
        .findChildren()[0];
    for (int waited = 0; server.getInProgressAsyncCount() > 0 && waited < 50; waited++) {
      Thread.sleep(100);
    }
    return (int) server.getInProgressAsyncCount();
  }

  @Test
  void getWhenTheResolverFailsThenNothingIsSentAndNothingRepeatsWhatItsExceptionSaid(CapturedOutput output) {
    ledger.confirmed.add(Model.SUBJECT);
    ledger.broken = true;

    HttpResponse<String> body = http.get("/residents/C-1001", POLICE);
    HttpResponse<String> stream = http.get("/residents/C-1001/updates", POLICE);

    assertThat(body.statusCode()).isEqualTo(500);
    assertThat(body.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(stream.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(output).contains("the FactsResolver " + LedgerFacts.class.getName() + " failed"
        + " (java.lang.IllegalStateException)").doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(events.all()).isEmpty();
  }

  /**
   * A handler that set a header from the record it returns, whose body the guard cannot decide:
   * the 500 withholds the record, and so carries none of the headers set from it.
   */
  @Test
  void getWhenTheResolverFailsForABodyWhoseHandlerSetAHeaderFromTheRecordThenThe500CarriesNoneOfIt() {
    ledger.confirmed.add(Model.SUBJECT);
    ledger.broken = true;

    for (String shape : List.of("entity-header", "servlet-header")) {
      HttpResponse<String> response = http.get("/response-leaks/C-1001/" + shape, POLICE);

      assertThat(response.statusCode()).as(shape).isEqualTo(500);
      assertThat(response.headers().map()).as(shape).doesNotContainKeys("x-status", "x-name");
      assertThat(response.headers().map() + response.body()).as(shape)
          .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      // the headers Spring Security's chain set before the guard's filter stay
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(shape).hasValue("nosniff");
    }
  }
}
