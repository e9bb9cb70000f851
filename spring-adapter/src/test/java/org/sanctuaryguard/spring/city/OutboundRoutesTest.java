package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.spring.city.Destinations.ICE;
import static org.sanctuaryguard.spring.city.Destinations.NYPD;
import static org.sanctuaryguard.spring.city.Destinations.UNKNOWN;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EventObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.DecisionScope;
import org.sanctuaryguard.spring.Disclosure;
import org.sanctuaryguard.spring.Disclosures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.GsonHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes by which a resident's record could reach immigration enforcement, or an unknown host,
 * without a released decision: bodies of many shapes, destinations written in many ways, redirects
 * and scopes. Each call goes to the recording server on loopback, which must receive no canary.
 */
@CityServiceTest
class OutboundRoutesTest extends OutboundCalls {

  @LocalServerPort
  int port;

  @Autowired
  Disclosures disclosures;

  @Autowired
  Guard guard;

  @Autowired
  AutowireCapableBeanFactory beans;

  @Test
  void restClientWhenTheBodyIsAContainerOfRecordsThenToAnUnknownHostRefused() {
    RestClient restClient = restClientBuilder.build();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("resident", Model.resident());
    List<Object> bodies = List.of(List.of(Model.resident()), map, new Model.Resident[] {Model.resident()},
        Optional.of(Model.resident()), new HttpEntity<>(Model.resident()));

    for (Object body : bodies) {
      assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(body).retrieve().toBodilessEntity())
          .as(body.getClass().getName()).isInstanceOf(DisclosureRefusedException.class);
    }
    assertThatThrownBy(() -> restClient.post().uri(UNKNOWN)
        .body(List.of(Model.resident()), new ParameterizedTypeReference<List<Model.Resident>>() {})
        .retrieve().toBodilessEntity()).isInstanceOf(DisclosureRefusedException.class);
    assertNothingReceived();
  }

  @Test
  void restTemplateWhenTheBodyIsAnEntityOfARecordThenToAnUnknownHostOrImmigrationEnforcementRefused() {
    HttpHeaders json = contentType(MediaType.APPLICATION_JSON);

    for (String uri : List.of(UNKNOWN, ICE)) {
      assertThatThrownBy(() -> restTemplateBuilder.build().postForEntity(uri, new HttpEntity<>(Model.resident(), json),
          Void.class)).as(uri).isInstanceOf(DisclosureRefusedException.class);
    }
    assertNothingReceived();
  }

  @Test
  void restTemplateWhenAMultipartPartIsAnEntityWrittenByGsonThenToAnUnknownHostRefused() {
    FormHttpMessageConverter formConverter = new FormHttpMessageConverter();
    formConverter.addPartConverter(new GsonHttpMessageConverter());
    HttpHeaders json = contentType(MediaType.APPLICATION_JSON);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("copy", new HttpEntity<>(Model.resident(), json));

    assertThatThrownBy(() -> restTemplateBuilder.messageConverters(formConverter).build()
        .postForEntity(UNKNOWN, form, Void.class)).isInstanceOf(DisclosureRefusedException.class);
    assertNothingReceived();
  }

  /**
   * An application that adds a converter to a {@code RestClient}'s list through the builder, as
   * Spring's API allows ({@code configureMessageConvertersList}), once Spring Boot's customizers ran:
   * Spring runs the list's configurers in the order they were added, the guard's first, so the
   * converter is not guarded, though it is among those the client holds when the builder builds it.
   */
  @Test
  void restClientWhenAConverterIsAddedToTheListAfterTheGuardsThenTheClientIsNotBuilt() {
    RestClient strings = restClientBuilder.clone().configureMessageConverters(converters -> converters
        .configureMessageConvertersList(list -> list.add(0, new StringHttpMessageConverter(StandardCharsets.UTF_8))))
        .build();
    RestClient.Builder ownFirst = restClientBuilder.configureMessageConverters(converters -> converters
        .configureMessageConvertersList(list -> list.add(0, new OutboundTest.RecordAsText())));

    strings.post().uri(NYPD).contentType(MediaType.TEXT_PLAIN).body("a note").retrieve().toBodilessEntity();
    assertThatThrownBy(() -> ownFirst.build().post().uri(UNKNOWN).contentType(MediaType.TEXT_PLAIN)
        .body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining(OutboundTest.RecordAsText.class.getName())
        .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThatThrownBy(() -> strings.mutate().configureMessageConverters(converters -> converters
        .configureMessageConvertersList(list -> list.add(0, new OutboundTest.RecordAsText()))).build())
        .isInstanceOf(SanctuaryGuardException.class);

    assertThat(server.received()).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).isEqualTo("a note");
    });
  }

  /**
   * A {@code RestClient} built from a guarded {@code RestTemplate} ({@code RestClient.builder(restTemplate)})
   * holds the template's guarded converters and its interceptor, but not the {@code RestClient.Builder}'s
   * guard: a converter the application adds to its list writes the record outside any decision.
   */
  @Test
  void restClientWhenBuiltFromAGuardedRestTemplateWithAConverterAddedThenABodyItMayHaveWrittenIsNotSent() {
    RestClient restClient = RestClient.builder(restTemplateBuilder.build())
        .configureMessageConverters(converters -> converters
            .configureMessageConvertersList(list -> list.add(0, new OutboundTest.RecordAsText())))
        .build();

    for (String uri : List.of(UNKNOWN, ICE, NYPD)) {
      assertThatThrownBy(() -> restClient.post().uri(uri).contentType(MediaType.TEXT_PLAIN).body(Model.resident())
          .retrieve().toBodilessEntity()).as(uri).isInstanceOf(SanctuaryGuardException.class)
          .hasMessageContaining("RestClient.builder(restTemplate)")
          .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    }
    restClient.post().uri(NYPD).contentType(MediaType.APPLICATION_JSON).body(Model.resident()).retrieve()
        .toBodilessEntity();
    restClient.post().uri(NYPD).contentType(MediaType.TEXT_PLAIN).body("a note").retrieve().toBodilessEntity();

    assertThat(server.received()).hasSize(2).allSatisfy(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).doesNotContain(Model.STATUS);
    });
  }

  /**
   * An interceptor of the application's, after the guard's, that sends the call elsewhere (a router,
   * a mirror), with a request factory the application built itself, as the recording server's is,
   * which checks nothing: the guard runs after it, and decides on where the bytes go.
   */
  @Test
  void restClientAndRestTemplateWhenALaterInterceptorSendsTheCallElsewhereThenNothingIsSentThere() {
    RestClient restClient = restClientBuilder.clone().requestInterceptor(sendingTo(UNKNOWN)).build();
    RestTemplate restTemplate = restTemplateBuilder.additionalInterceptors(sendingTo(UNKNOWN)).build();
    RestTemplate addedLater = restTemplateBuilder.build();
    addedLater.getInterceptors().add(sendingTo(UNKNOWN));
    RestClient toIce = restClientBuilder.clone().requestInterceptor(sendingTo(ICE)).build();

    assertPostsRefused(List.of(restClient), List.of(restTemplate, addedLater), "changed from nypd to unknown");
    assertThatThrownBy(() -> toIce.get().uri(NYPD).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);
    assertNothingReceived();
  }

  /**
   * A RestTemplate sorts its interceptors by their order when they are set: one of the
   * application's that has an order (a tracing interceptor, say) would come before the guard's,
   * which would then no longer compose those after it, and a router after it would run after the
   * guard.
   */
  @Test
  void restTemplateWhenAnOrderedInterceptorComesBeforeARouterThenTheGuardStillRunsLast() {
    ClientHttpRequestInterceptor tracing = new OrderedInterceptor(0);
    RestTemplate restTemplate = restTemplateBuilder.additionalInterceptors(tracing, sendingTo(UNKNOWN)).build();
    RestTemplate toIce = restTemplateBuilder.additionalInterceptors(tracing, sendingTo(ICE)).build();

    assertThatThrownBy(() -> restTemplate.postForEntity(NYPD, Model.resident(), Void.class))
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("changed from nypd to unknown")
        .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    assertThatThrownBy(() -> toIce.getForEntity(NYPD, String.class)).isInstanceOf(DisclosureRefusedException.class);
    assertNothingReceived();
  }

  /**
   * An interceptor the application puts ahead of the guard's once the guard's customizer ran: at
   * the head of a {@code RestClient.Builder}'s list (of the builder, or of a client's {@code
   * mutate()}), with {@code add(0, ...)} on a built template's {@code getInterceptors()}, or one
   * that is {@code PriorityOrdered}, which a template sorts ahead of the guard's. Spring composes a
   * list from its first, so the guard's no longer runs last: a router after it in the list (added
   * before or after) would send the call, checked for the police, to another host, through the
   * application's own request factory (the recording server's), which checks nothing. Such a call
   * is refused before anything is sent; one with nothing after the guard's is sent as before.
   */
  @Test
  void restClientAndRestTemplateWhenAnInterceptorIsPutAheadOfTheGuardsThenARouterAfterItSendsNothing() {
    ClientHttpRequestInterceptor ahead = (request, body, execution) -> execution.execute(request, body);
    RestClient headOfBuilder = restClientBuilder.clone().requestInterceptor(sendingTo(UNKNOWN))
        .requestInterceptors(interceptors -> interceptors.add(0, ahead)).build();
    RestClient headOfMutated = restClientBuilder.clone().requestInterceptor(sendingTo(UNKNOWN)).build().mutate()
        .requestInterceptors(interceptors -> interceptors.add(0, ahead)).build();
    RestTemplate headOfTemplate = restTemplateBuilder.additionalInterceptors(sendingTo(UNKNOWN)).build();
    headOfTemplate.getInterceptors().add(0, ahead);
    RestTemplate prioritized = restTemplateBuilder.additionalInterceptors(new PrioritizedInterceptor(),
        sendingTo(UNKNOWN)).build();
    RestTemplate toIce = restTemplateBuilder.additionalInterceptors(sendingTo(ICE)).build();
    toIce.getInterceptors().add(0, ahead);
    RestClient aheadAlone = restClientBuilder.clone().requestInterceptors(interceptors -> interceptors.add(0, ahead))
        .build();

    assertPostsRefused(List.of(headOfBuilder, headOfMutated), List.of(headOfTemplate, prioritized),
        "runs after the guard's");
    assertThatThrownBy(() -> toIce.getForEntity(NYPD, String.class)).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("runs after the guard's");
    assertNothingReceived();
    aheadAlone.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();
    assertThat(server.received()).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    });
  }

  /**
   * A list of interceptors set anew without the guard's ({@code requestInterceptors(List::clear)},
   * {@code setInterceptors(...)}), with a router in it, over the request factory Spring Boot builds,
   * as the adapter wraps it: the guard's interceptor no longer checks the call, but the guard's
   * converter still decides the body for the police, and the factory refuses to send it to another
   * host. Before, the factory checked the call as one without a body, and the record reached the
   * recording server as sent to intake.example.org. A call to the police is still sent, redacted.
   */
  @Test
  void restClientAndRestTemplateWhenTheirInterceptorsAreSetAnewWithoutTheGuardsThenBootsFactorySendsNoBodyElsewhere() {
    ClientHttpRequestFactory boots = bootsRequestFactory();
    RestClient cleared = restClientBuilder.clone().requestFactory(boots).requestInterceptors(List::clear)
        .requestInterceptor(sendingTo(UNKNOWN)).build();
    RestTemplate replaced = restTemplateBuilder.build();
    replaced.setRequestFactory(boots);
    replaced.setInterceptors(List.of(sendingTo(UNKNOWN)));
    RestClient unrouted = restClientBuilder.clone().requestFactory(boots).requestInterceptors(List::clear)
        .requestInterceptor((request, body, execution) -> execution.execute(request, body)).build();

    assertPostsRefused(List.of(cleared), List.of(replaced), "changed from nypd to unknown");
    assertNothingReceived();
    unrouted.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();
    assertThat(server.received()).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    });
  }

  /**
   * The request factory Spring Boot builds for the clients, as the adapter wraps it (its {@code
   * ClientHttpRequestFactoryBuilder} bean, post-processed), whose library sends every call to the
   * recording server.
   */
  private ClientHttpRequestFactory bootsRequestFactory() {
    ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> loopback =
        settings -> Loopback.addressedRequestFactory(server);
    Object wrapped = beans.initializeBean(loopback, "clientHttpRequestFactoryBuilder");
    assertThat(wrapped).as("wrapped by the adapter").isNotSameAs(loopback);
    return ((ClientHttpRequestFactoryBuilder<?>) wrapped).build();
  }

  /**
   * Posts a resident's record to the police with each client, whose interceptors would send it
   * elsewhere: each call is refused, saying why, naming no value of the record.
   */
  private static void assertPostsRefused(List<RestClient> restClients, List<RestTemplate> restTemplates, String why) {
    for (RestClient restClient : restClients) {
      assertThatThrownBy(() -> restClient.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity())
          .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining(why)
          .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    }
    for (RestTemplate restTemplate : restTemplates) {
      assertThatThrownBy(() -> restTemplate.postForEntity(NYPD, Model.resident(), Void.class))
          .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining(why)
          .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    }
  }

  /** An interceptor of the application's with an order of its own, which passes the call on. */
  private static class OrderedInterceptor implements ClientHttpRequestInterceptor, Ordered {

    private final int order;

    OrderedInterceptor(int order) {
      this.order = order;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
        throws IOException {
      return execution.execute(request, body);
    }

    @Override
    public int getOrder() {
      return order;
    }
  }

  /** One that a template sorts ahead of any that is only {@code Ordered}, whatever its order. */
  private static final class PrioritizedInterceptor extends OrderedInterceptor implements PriorityOrdered {

    PrioritizedInterceptor() {
      super(Ordered.LOWEST_PRECEDENCE);
    }
  }

  private static ClientHttpRequestInterceptor sendingTo(String destination) {
    return (request, body, execution) -> execution.execute(new HttpRequestWrapper(request) {
      @Override
      public URI getURI() {
        return URI.create(destination);
      }
    }, body);
  }

  /**
   * A filter of the application's, after the guard's, that sends the call elsewhere (a router, a
   * mirror), with a connector the application built itself, as the recording server's is: the body
   * was decided for the police, and the bytes would go to another host.
   */
  @Test
  void webClientWhenALaterFilterSendsTheCallElsewhereThenNothingIsWrittenThere() {
    assertRerouteRefused((request, destination) -> ClientRequest.from(request).url(destination).build());
  }

  /**
   * A later filter that builds a new request rather than changing the guard's (ClientRequest.create
   * with the guard's body): the new request carries none of the guard's attributes, so the guard's
   * body inserter finds what its filter checked in the Reactor context.
   */
  @Test
  void webClientWhenALaterFilterBuildsANewRequestElsewhereThenNothingIsWrittenThere() {
    assertRerouteRefused((request, destination) -> ClientRequest.create(request.method(), destination)
        .headers(headers -> headers.addAll(request.headers())).body(request.body()).build());
  }

  /**
   * Sends, through a filter after the guard's that reroutes each call to another destination, a
   * resident's record to the police (rerouted to an unknown host) and a call without a body to the
   * police (rerouted to ICE): each is refused, naming the recipients and no value, and nothing
   * reaches the recording server.
   */
  private void assertRerouteRefused(BiFunction<ClientRequest, URI, ClientRequest> reroute) {
    WebClient toUnknown = webClientBuilder.clone()
        .filter((request, next) -> next.exchange(reroute.apply(request, URI.create(UNKNOWN)))).build();
    WebClient toIce = webClientBuilder.clone()
        .filter((request, next) -> next.exchange(reroute.apply(request, URI.create(ICE)))).build();

    assertThatThrownBy(() -> toUnknown.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10))).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("changed from nypd to unknown")
        .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    assertThatThrownBy(() -> toIce.get().uri(NYPD).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("changed from nypd to ice");
    assertNothingReceived();
  }

  /**
   * A filter of the application's, after the guard's, that sends the call elsewhere with a body
   * inserter of its own (a mirror that copies the request and its attributes), so that the guard's
   * inserter, which checks the final URI, is not the one writing: the guard's JSON writer finds the
   * decision made for the police, or the destination the guard's filter judged, in the attributes,
   * and must not write under it to another host.
   */
  @Test
  void webClientWhenALaterFilterReplacesTheBodyAndSendsItElsewhereThenNothingIsWrittenThere() throws InterruptedException {
    WebClient mirror = webClientBuilder.clone()
        .filter((request, next) -> next.exchange(ClientRequest.from(request).url(URI.create(UNKNOWN))
            .body(BodyInserters.fromValue(Model.resident())).build()))
        .build();
    WebClient mirrorLater = webClientBuilder.clone()
        .filter((request, next) -> next.exchange(ClientRequest.from(request).url(URI.create(UNKNOWN))
            .body(BodyInserters.fromPublisher(Mono.fromCallable(Model::resident), Model.Resident.class)).build()))
        .build();

    for (WebClient webClient : List.of(mirror, mirrorLater)) {
      assertThatThrownBy(() -> webClient.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity()
          .block(Duration.ofSeconds(10))).isInstanceOf(SanctuaryGuardException.class)
          .hasMessageContaining("changed from nypd to unknown")
          .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    }
    assertThatThrownBy(() -> mirrorLater.post().uri(NYPD).body(Mono.fromCallable(Model::resident),
        Model.Resident.class).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("changed from nypd to unknown");
    assertNothingReceived();
    // a multipart part has no request of its own to tell where it goes: it is refused as it is written, after
    // Spring's multipart writer may have sent the request's line and headers, but before any of the record
    WebClient mirrorForm = webClientBuilder.clone()
        .filter((request, next) -> next.exchange(ClientRequest.from(request).url(URI.create(UNKNOWN))
            .body(BodyInserters.fromMultipartData("resident", Model.resident())).build()))
        .build();
    assertThatThrownBy(() -> mirrorForm.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10))).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("not the guard's")
        .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
    // the request whose line and headers left is recorded only once the server read to its end: wait for it, so
    // that it is checked here and does not land in a later test's recordings
    assertThat(server.awaitReceived(1)).allSatisfy(received -> assertThat(String.valueOf(received.body()))
        .doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT));
  }

  /**
   * A multipart form whose part holding a resident's record goes to an unknown host: RestClient and
   * RestTemplate decide the form as they write it, before the request is sent; WebClient decides a
   * part computed only when the form is sent ({@code MultipartBodyBuilder.asyncPart}) before Spring's
   * multipart writer writes anything. The host gets no request, not even its line and headers.
   */
  @Test
  void restClientRestTemplateAndWebClientWhenAMultipartPartIsRefusedThenNoRequestLeaves()
      throws InterruptedException {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("note", "a note");
    form.add("resident", Model.resident());
    MultipartBodyBuilder computed = new MultipartBodyBuilder();
    computed.part("note", "a note");
    computed.asyncPart("resident", Mono.fromSupplier(Model::resident), Model.Resident.class);

    assertThatThrownBy(() -> restClientBuilder.build().post().uri(UNKNOWN).contentType(MediaType.MULTIPART_FORM_DATA)
        .body(form).retrieve().toBodilessEntity()).isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> restTemplateBuilder.build().postForEntity(UNKNOWN, form, Void.class))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClientBuilder.build().post().uri(UNKNOWN)
        .body(BodyInserters.fromMultipartData(computed.build())).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10))).isInstanceOf(DisclosureRefusedException.class);

    // a request whose client gave up on its body is recorded only once the server read to its end: wait for one
    assertThat(server.awaitReceived(1)).isEmpty();
  }

  /**
   * A connector the application builds itself, whose library follows redirects (Jetty's does unless
   * told not to): a partner's 307 would send the call on, body and all, where the guard cannot see
   * it. Here the partner and the hop are the recording server, which must receive neither.
   */
  @Test
  void webClientWhenItsConnectorFollowsRedirectsItselfThenNothingIsSent() {
    String redirect = "http://127.0.0.1:" + server.port() + "/redirect/307/http/127.0.0.1:" + server.port()
        + "/ero/records";
    List<ClientHttpConnector> connectors = List.of(
        new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create().followRedirect(true)),
        new JettyClientHttpConnector());

    for (ClientHttpConnector connector : connectors) {
      WebClient webClient = webClientBuilder.clone().clientConnector(connector).build();
      assertThatThrownBy(() -> webClient.post().uri(redirect).bodyValue("a note").retrieve().toBodilessEntity()
          .block(Duration.ofSeconds(10))).as(connector.getClass().getName())
          .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("follows redirects itself");
    }
    assertNothingReceived();
  }

  /**
   * The README's own pattern: application code opens a scope for what it released to the police (to
   * write it to a queue) and, in the same block, calls a partner with a body that holds no protected
   * value the guard can see: a referral whose resident a getter looks up.
   */
  @Test
  @SuppressWarnings("try")
  void restClientWhenAScopeOfTheApplicationsIsOpenThenABodyWithoutADecisionIsNotWrittenUnderIt() throws Exception {
    Release<Model.Resident> release = guard.release(Model.resident(), guard.request().recipient("nypd")
        .purpose(Purpose.CRIMINAL_INVESTIGATION));
    RestClient restClient = restClientBuilder.build();

    try (DecisionScope scope = DecisionScope.open(release.decision().orElseThrow())) {
      restClient.post().uri(UNKNOWN).body(new Model.Referral("Canal St")).retrieve().toBodilessEntity();
      // an event's source is decided (for the unknown host, which gets no protected value), not taken from the scope
      assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(new EventObject(Model.resident())).retrieve()
          .toBodilessEntity()).isInstanceOf(DisclosureRefusedException.class);
      restTemplateBuilder.build().postForEntity(UNKNOWN, new Model.Referral("Canal St"), Void.class);
      MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
      form.add("referral", new Model.Referral("Canal St"));
      restClient.post().uri(UNKNOWN).contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
          .toBodilessEntity();
    }

    assertThat(server.awaitReceived(3)).hasSize(3).allSatisfy(call -> assertThat(call.body())
        .doesNotContain(Model.NAME, Model.ADDRESS, Model.STATUS));
  }

  /**
   * No scope of the application's: an interceptor of its own posts a referral to a partner once the
   * caseworker's response was written, on the request's thread, where the response's decision (the
   * caseworker may see everything) is still the thread's.
   */
  @Test
  void restClientWhenACallIsMadeAfterTheResponseWasWrittenThenItsBodyIsNotWrittenUnderTheResponsesDecision()
      throws Exception {
    HttpResponse<String> response = new Http(port).get("/residents/C-1001/referred", Http.basic("caseworker"));

    assertThat(response.body()).contains(Model.STATUS);
    assertThat(server.awaitReceived(1)).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("intake.example.org");
      assertThat(call.body()).contains("Canal St").doesNotContain(Model.NAME, Model.ADDRESS, Model.STATUS);
    });
  }

  /**
   * A customizer that the application gives Spring Boot's builder runs after the guard's, as Spring
   * Boot runs additional customizers after the context's: a converter it adds is among those the
   * template holds when the builder builds it. So is one added to the template's list afterwards.
   */
  @Test
  void restTemplateWhenAConverterIsAddedAfterTheGuardsThenACallWhoseBodyItMayHaveWrittenIsNotSent() {
    RestTemplate added = restTemplateBuilder.additionalCustomizers(template -> template.getMessageConverters()
        .add(0, new OutboundTest.RecordAsText())).build();
    RestTemplate addedLater = restTemplateBuilder.build();
    addedLater.getMessageConverters().add(0, new OutboundTest.RecordAsText());
    HttpHeaders text = contentType(MediaType.TEXT_PLAIN);
    HttpHeaders json = contentType(MediaType.APPLICATION_JSON);

    for (RestTemplate restTemplate : List.of(added, addedLater)) {
      for (String uri : List.of(UNKNOWN, NYPD)) {
        assertThatThrownBy(() -> restTemplate.postForEntity(uri, new HttpEntity<>(Model.resident(), text),
            Void.class)).as(uri).isInstanceOf(SanctuaryGuardException.class)
            .hasMessageContaining(OutboundTest.RecordAsText.class.getName())
            .hasMessageNotContainingAny(Model.NAME, Model.STATUS, Model.ADDRESS);
      }
    }
    added.postForEntity(NYPD, new HttpEntity<>(Model.resident(), json), Void.class);
    added.getForEntity(NYPD, String.class);

    assertThat(server.received()).hasSize(2).allSatisfy(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).doesNotContain(Model.STATUS);
    });
  }

  @Test
  void webClientWhenTheBodyIsComputedOrStreamedThenToAnUnknownHostNothingLeaves() throws Exception {
    WebClient webClient = webClientBuilder.build();

    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).body(Mono.fromCallable(Model::resident),
        Model.Resident.class).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).body(BodyInserters.fromPublisher(
        Flux.just(Model.resident()), Model.Resident.class)).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10))).isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).body(CompletableFuture.supplyAsync(Model::resident),
        Model.Resident.class).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(ICE).bodyValue(Model.resident())
        .exchangeToMono(response -> response.releaseBody()).block(Duration.ofSeconds(10)))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).bodyValue(List.of(Model.resident()))
        .retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
        .isInstanceOf(DisclosureRefusedException.class);

    Thread.sleep(300);
    assertNothingReceived();
  }

  /**
   * A {@code Flux} that an encoder of the application's writes is decided element by element as it
   * is written: the first element must be decided before the request's line and headers go out, as
   * the guard's own NDJSON writer does, so that a destination the first may not go to gets no
   * request.
   */
  @Test
  void webClientWhenAnEncoderOfTheApplicationsWritesAFluxThenADestinationItsFirstElementMayNotGoToGetsNoRequest()
      throws Exception {
    WebClient ownFirst = webClientBuilder.clone()
        .codecs(codecs -> codecs.customCodecs().register(new OutboundTest.RecordAsTextEncoder())).build();

    assertThatThrownBy(() -> ownFirst.post().uri(UNKNOWN).contentType(MediaType.TEXT_PLAIN)
        .body(Flux.just(Model.resident()), Model.Resident.class).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10))).isInstanceOf(DisclosureRefusedException.class);
    ownFirst.post().uri(NYPD).contentType(MediaType.TEXT_PLAIN).body(Flux.just(Model.resident()), Model.Resident.class)
        .retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
    ownFirst.post().uri(NYPD).contentType(MediaType.TEXT_PLAIN).header("X-Case", "42")
        .body(Flux.empty(), Model.Resident.class).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));

    server.awaitReceived(2);
    Thread.sleep(300);
    assertThat(server.received()).hasSize(2)
        .allSatisfy(call -> assertThat(call.host()).isEqualTo("records.nypd.org"));
    assertThat(server.received().get(0).body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    assertThat(server.received().get(1).headers()).containsEntry("x-case", "42");
  }

  /**
   * Spring's JSON encoder that the application sets on a {@code WebClient} by hand, with a mapper of
   * its own, lacks the guard's module, as Spring's JSON converter of a {@code RestClient} may: a
   * record that a body reaches only through a computed getter is not written with it, whatever the
   * destination, and the mapper's own settings (its naming) still apply.
   */
  @Test
  void webClientWhenItsJsonEncoderHasAMapperWithoutTheModuleThenARecordBehindAGetterIsNotWritten() throws Exception {
    JsonMapper own = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE).build();
    WebClient plain = webClientBuilder.clone()
        .codecs(codecs -> codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(own))).build();
    RestClient converter = restClientBuilder.clone().configureMessageConverters(converters -> converters
        .withJsonConverter(new JacksonJsonHttpMessageConverter(own))).build();

    plain.post().uri(UNKNOWN).bodyValue(new Model.Referral("Canal St")).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10));
    plain.post().uri(UNKNOWN).contentType(MediaType.APPLICATION_NDJSON)
        .body(Flux.just(new Model.Referral("Jamaica")), Model.Referral.class).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10));
    converter.post().uri(UNKNOWN).body(new Model.Referral("Flushing")).retrieve().toBodilessEntity();
    plain.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));

    List<RecordingServer.Received> received = server.awaitReceived(4);
    assertThat(received).hasSize(4);
    assertThat(received.subList(0, 3)).allSatisfy(call -> assertThat(call.body()).contains("\"Office\"")
        .doesNotContain(Model.NAME, Model.ADDRESS, Model.STATUS));
    assertThat(received.get(3).body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void restClientAndWebClientWhenImmigrationEnforcementsHostIsWrittenOtherwiseThenRefused() {
    RestClient restClient = restClientBuilder.build();
    WebClient webClient = webClientBuilder.build();
    List<String> written = List.of("http://ICE.GOV./ero/records", "http://Ice.Gov/ero", "http://records.ice.gov/ero",
        "http://records.nypd.org@ice.gov/ero", "http://ice.gov:8443/ero", "https://ice.gov/ero",
        "http://ero.ICE.gov./records");

    for (String uri : written) {
      assertThatThrownBy(() -> restClient.get().uri(uri).retrieve().toBodilessEntity()).as(uri)
          .isInstanceOf(DisclosureRefusedException.class);
      assertThatThrownBy(() -> restClient.post().uri(uri).body(Model.resident()).retrieve().toBodilessEntity())
          .as(uri).isInstanceOf(DisclosureRefusedException.class);
      assertThatThrownBy(() -> webClient.post().uri(uri).bodyValue(Model.resident()).retrieve().toBodilessEntity()
          .block(Duration.ofSeconds(10))).as(uri).isInstanceOf(DisclosureRefusedException.class);
    }
    assertNothingReceived();
  }

  @Test
  void restClientWhenABaseUrlIsThePolicesThenAnAbsoluteUriToImmigrationEnforcementIsStillRefused() {
    RestClient restClient = restClientBuilder.clone().baseUrl(NYPD).build();

    assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.contact()).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> restClient.post().uri("//ice.gov/ero").body(Model.contact()).retrieve()
        .toBodilessEntity()).isInstanceOf(SanctuaryGuardException.class);
    assertNothingReceived();
  }

  @Test
  void restClientWhenTheHostIsAnIpLiteralThenTheRecordIsRefusedAsToAnUnknownHost() {
    RestClient restClient = restClientBuilder.build();

    for (String uri : List.of("http://[::1]/records", "http://127.0.0.1/records", "http://[::ffff:7f00:1]/records")) {
      assertThatThrownBy(() -> restClient.post().uri(uri).body(Model.contact()).retrieve().toBodilessEntity())
          .as(uri).isInstanceOf(DisclosureRefusedException.class);
    }
    assertNothingReceived();
  }

  @Test
  void restClientWhenThePoliceRedirectToImmigrationEnforcementWrittenOtherwiseThenTheHopIsNotSent() {
    RestClient restClient = restClientBuilder.build();
    List<String> redirects = List.of("http://records.nypd.org/redirect/307/http/ICE.GOV./ero",
        "http://records.nypd.org/redirect/303/http/records.nypd.org@ice.gov/ero",
        "http://records.nypd.org/redirect/308/HTTP/ice.gov/ero");

    for (String uri : redirects) {
      assertThatThrownBy(() -> restClient.post().uri(uri).body(Model.resident()).retrieve().toBodilessEntity())
          .as(uri).isInstanceOf(SanctuaryGuardException.class);
    }
    assertThat(server.received()).hasSize(3).allSatisfy(call -> assertThat(call.host()).isEqualTo("records.nypd.org"));
  }

  @Test
  void restClientWhenTheDisclosureIsOpenOnAnotherThreadThenItCoversNoCallOfThisOne() throws Exception {
    RestClient restClient = restClientBuilder.build();

    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      CompletableFuture<?> elsewhere = CompletableFuture.supplyAsync(() -> restClient.post().uri(ICE)
          .body(Model.contact()).retrieve().toBodilessEntity());
      assertThatThrownBy(elsewhere::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DisclosureRefusedException.class);
      assertThat(disclosure.decisions()).isEmpty();
    }
    assertNothingReceived();
  }

  @Test
  @SuppressWarnings("try")
  void webClientWhenItsRequestIsSentAfterTheDisclosureClosedThenTheDisclosureNoLongerCoversIt() {
    WebClient webClient = webClientBuilder.build();
    Mono<?> later;
    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      later = webClient.post().uri(ICE).bodyValue(Model.contact()).retrieve().toBodilessEntity();
    }

    assertThatThrownBy(() -> later.block(Duration.ofSeconds(10))).isInstanceOf(DisclosureRefusedException.class);
    assertNothingReceived();
  }

  @Test
  void restClientWhenADisclosureIsLeftOpenThenItCoversOnlyCallsToItsRecipient() {
    RestClient restClient = restClientBuilder.build();
    Disclosure left = disclosures.open(request -> request.recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION));
    try {
      assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.contact()).retrieve().toBodilessEntity())
          .isInstanceOf(DisclosureRefusedException.class);
      assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(Model.contact()).retrieve().toBodilessEntity())
          .isInstanceOf(DisclosureRefusedException.class);
    } finally {
      left.close();
    }
    assertNothingReceived();
  }

  private static HttpHeaders contentType(MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return headers;
  }

  private void assertNothingReceived() {
    assertThat(server.received()).isEmpty();
  }
}
