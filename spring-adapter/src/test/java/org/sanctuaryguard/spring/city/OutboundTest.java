package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.spring.city.Destinations.ICE;
import static org.sanctuaryguard.spring.city.Destinations.NYPD;
import static org.sanctuaryguard.spring.city.Destinations.UNKNOWN;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.spring.Disclosure;
import org.sanctuaryguard.spring.Disclosures;
import org.sanctuaryguard.spring.city.RecordingServer.Received;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.GsonHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.BodyInserters;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.reactive.function.client.WebClient;
import java.util.Map;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the service makes through RestClient, RestTemplate and WebClient built from Spring Boot's
 * builders, received by a real HTTP server on loopback that records what arrives: a refused call
 * leaves it nothing, a redacted one no canary value.
 */
@CityServiceTest
class OutboundTest extends OutboundCalls {

  @Autowired
  ObjectProvider<RestClientCustomizer> customizers;

  @Autowired
  ObjectProvider<WebClientCustomizer> webClientCustomizers;

  @Autowired
  Disclosures disclosures;

  @Autowired
  JsonMapper jsonMapper;

  private RestClient restClient;

  @BeforeEach
  void setUp() {
    restClient = restClientBuilder.build();
  }

  @Test
  void restClientWhenPostingToThePoliceThenTheBodyIsRedactedToTheirDecision() {
    restClient.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();

    Received received = onlyReceived();
    assertThat(received.host()).isEqualTo("records.nypd.org");
    assertThat(received.contentType()).startsWith("application/json");
    JsonNode body = Http.JSON.readTree(received.body());
    assertThat(body.get("name").asString()).isEqualTo(Model.NAME);
    assertThat(body.get("homeAddress").asString()).isEqualTo(Model.ADDRESS);
    assertThat(body.has("status")).isFalse();
    assertThat(received.body()).doesNotContain(Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.outcome", "allow-redacted");
  }

  @Test
  void restClientWhenPostingProtectedDataToImmigrationEnforcementThenRefusedBeforeAByteLeaves() {
    assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
          assertThat(refused.decision().outcome()).isEqualTo(Outcome.ESCALATE);
          assertThat(refused.decision().auditEventId()).contains(events.last().id());
          assertThat(refused.getMessage()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
        });
    assertThat(server.received()).isEmpty();
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "ice");
  }

  @Test
  void restClientWhenTheBodyIsAStreamThenRefusedBeforeAByteLeavesWithAnErrorThatSaysToCollectIt() {
    assertThatThrownBy(() -> restClient.post().uri(NYPD).body(Stream.of(Model.resident())).retrieve()
        .toBodilessEntity())
        .isInstanceOfSatisfying(InvalidProtectionException.class, invalid -> assertThat(invalid)
            .hasMessageContaining("collect it into a list first").hasMessageNotContaining(Model.NAME));
    assertThat(server.received()).isEmpty();
    assertThat(events.all()).isEmpty();
  }

  @Test
  void restClientWhenPostingProtectedDataToAnUnknownHostThenRefused() {
    assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(Model.contact()).retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(DisclosureRefusedException.class,
            refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY));
    assertThat(server.received()).isEmpty();
  }

  @Test
  void restClientWhenTheRecordIsHeldAsAnyObjectThenDecidedAndToAnUnknownHostRefused() {
    CityService.Untyped answer = new CityService.Untyped("found", Model.resident());

    restClient.post().uri(NYPD).body(answer).retrieve().toBodilessEntity();
    assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).body(answer).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(onlyReceived().body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    assertThat(events.all()).hasSize(2);
  }

  @Test
  void restClientWhenTheBodyHoldsNothingProtectedThenItIsSentUntouchedWithoutADecision() {
    Model.Office office = new Model.Office("Canal St Job Center", "Manhattan");

    restClient.post().uri(UNKNOWN).body(office).retrieve().toBodilessEntity();

    assertThat(onlyReceived().body()).isEqualTo(Http.JSON.writeValueAsString(office));
    assertThat(events.all()).isEmpty();
  }

  @Test
  void restClientWhenCallingImmigrationEnforcementWithoutABodyThenRefused() {
    assertThatThrownBy(() -> restClient.get().uri(ICE).retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
          assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY);
          assertThat(refused.decision().withheld()).extracting(category -> category.key()).containsExactly("identity");
        });
    assertThat(server.received()).isEmpty();
  }

  @Test
  void restClientAndWebClientWhenTheUriHasNoHostTheGuardCanReadThenNotSent() {
    // full-width letters: URI finds no host in them, where Apache's client connects to ice.gov
    URI unreadable = URI.create("http://\uff49\uff43\uff45.gov/ero/records/" + Model.SUBJECT);

    assertThatThrownBy(() -> restClient.get().uri(unreadable).retrieve().toBodilessEntity())
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("no host")
        .hasMessageNotContaining(Model.SUBJECT);
    assertThatThrownBy(() -> webClientBuilder.build().get().uri(unreadable).retrieve().toBodilessEntity().block())
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("no host");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void restClientWhenAnExplicitDisclosureCarriesAVerifiedWarrantThenTheCallIsReleasedUnderIt() {
    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      restClient.post().uri(ICE).body(Model.contact()).retrieve().toBodilessEntity();

      assertThat(disclosure.decisions()).singleElement().satisfies(decision -> {
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.requires(ObligationKind.CAPTURE_DOCUMENTS)).isTrue();
      });
    }
    assertThat(onlyReceived().body()).contains(Model.NAME, Model.ADDRESS);
    assertThat(events.last().fields()).containsEntry("sanctuary.basis.type", "judicial-warrant");
  }

  @Test
  void restClientWhenAnExplicitDisclosureNamesWhatABodilessCallDisclosesThenItIsDecidedForThat() {
    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant())
        .subjects(Model.SUBJECT)
        .categories("identity.name"))) {
      restClient.get().uri(ICE).retrieve().toBodilessEntity();

      assertThat(disclosure.decisions()).singleElement()
          .satisfies(decision -> assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW));
    }
    assertThat(onlyReceived().method()).isEqualTo("GET");
  }

  /** The disclosure's request is code the application gives, run for each call: it cannot move a call to another recipient. */
  @Test
  void restClientWhenTheDisclosuresRequestNamesAnotherRecipientByTheTimeOfTheCallThenItIsDecidedForItsDestination() {
    String[] named = {"ice"};
    try (Disclosure disclosure = disclosures.open(request -> request.recipient(named[0]).purpose(Purpose.OTHER))) {
      named[0] = "city-agency";

      assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.resident()).retrieve().toBodilessEntity())
          .isInstanceOf(DisclosureRefusedException.class);
      assertThat(disclosure.decisions()).singleElement()
          .satisfies(decision -> assertThat(decision.permitsAny()).as(decision.toString()).isFalse());
    }
    assertThat(server.received()).isEmpty();
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "ice");
  }

  @Test
  void restClientWhenTheDisclosureIsToAnotherRecipientThenItDoesNotCoverTheCall() {
    try (Disclosure disclosure = disclosures.open(request -> request.recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION))) {
      assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.contact()).retrieve().toBodilessEntity())
          .isInstanceOf(DisclosureRefusedException.class);
      assertThat(disclosure.decisions()).isEmpty();
    }
    assertThat(server.received()).isEmpty();
  }

  /** A disclosure to the police opened inside one to ICE leaves the calls to ICE under ICE's. */
  @Test
  void restClientWhenADisclosureIsOpenedInsideAnotherThenEachCallIsDecidedUnderTheOneToItsRecipient() {
    try (Disclosure ice = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      try (Disclosure police = disclosures.open(request -> request.recipient("nypd")
          .purpose(Purpose.CRIMINAL_INVESTIGATION))) {
        restClient.post().uri(NYPD).body(Model.contact()).retrieve().toBodilessEntity();
        restClient.post().uri(ICE).body(Model.contact()).retrieve().toBodilessEntity();

        assertThat(police.decisions()).singleElement()
            .satisfies(decision -> assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW));
      }
      assertThat(ice.decisions()).singleElement().satisfies(decision -> {
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.requires(ObligationKind.CAPTURE_DOCUMENTS)).isTrue();
      });
    }
    assertThat(server.received()).extracting(Received::host).containsExactly("records.nypd.org", "ice.gov");
  }

  @Test
  void closeWhenOnAnotherThreadThenTheDisclosureIsClosedAllTheSameAndCoversNoLaterCall() throws Exception {
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Disclosure disclosure = worker.submit(() -> disclosures.open(request -> request
          .recipient("ice")
          .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
          .basis(Model.verifiedWarrant()))).get();

      assertThatThrownBy(disclosure::close).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("thread that opened it");
      assertThat(disclosure.isClosed()).isTrue();
      Future<?> later = worker.submit(() -> restClient.post().uri(ICE).body(Model.contact()).retrieve()
          .toBodilessEntity());
      assertThatThrownBy(later::get).hasCauseInstanceOf(DisclosureRefusedException.class);
      assertThat(disclosure.decisions()).isEmpty();
    } finally {
      worker.shutdownNow();
    }
    assertThat(server.received()).isEmpty();
  }

  @Test
  void openWhenTheRequestIsIncompleteOrUnknownThenFailsAtOnce() {
    assertThatThrownBy(() -> disclosures.open(request -> request.recipient("ice-eroo").purpose(Purpose.OTHER)))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessageContaining("ice-ero");
    assertThatThrownBy(() -> disclosures.open(request -> request.recipient("ice")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("purpose");
  }

  @Test
  void restClientWhenPostingAMultipartFormToThePoliceThenItsPartsAreWrittenUnderOneDecision() {
    restClient.post().uri(NYPD).contentType(MediaType.MULTIPART_FORM_DATA).body(form()).retrieve().toBodilessEntity();

    String received = onlyReceived().body();
    assertThat(received).contains("name=\"resident\"", "name=\"copy\"", Model.NAME, Model.ADDRESS, "a note")
        .doesNotContain(Model.STATUS);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "nypd").containsEntry("sanctuary.outcome", "allow-redacted"));
  }

  @Test
  void restClientWhenPostingAMultipartFormToAnUnknownHostThenRefusedBeforeAByteLeaves() {
    assertThatThrownBy(() -> restClient.post().uri(UNKNOWN).contentType(MediaType.MULTIPART_FORM_DATA).body(form())
        .retrieve().toBodilessEntity())
        .isInstanceOfSatisfying(DisclosureRefusedException.class,
            refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY));
    assertThat(server.received()).isEmpty();
  }

  @Test
  void restTemplateWhenPostingAMultipartFormThenDecidedLikeAJsonBody() {
    RestTemplate restTemplate = restTemplateBuilder.build();

    restTemplate.postForEntity(NYPD, form(), String.class);
    assertThatThrownBy(() -> restTemplate.postForEntity(ICE, form(), String.class))
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(onlyReceived().body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void restTemplateWhenItsJsonConverterHasAMapperWithoutTheModuleThenTheBodyIsStillRedactedToTheDecision() {
    RestTemplate restTemplate = restTemplateBuilder
        .messageConverters(new JacksonJsonHttpMessageConverter(JsonMapper.builder().build())).build();

    restTemplate.postForEntity(NYPD, Model.resident(), Void.class);
    assertThatThrownBy(() -> restTemplate.postForEntity(ICE, Model.resident(), Void.class))
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(onlyReceived().body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.all()).hasSize(2).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "nypd").containsEntry("sanctuary.outcome", "allow-redacted"));
  }

  @Test
  void restClientWhenItsJsonConverterHasAMapperWithoutTheModuleThenTheBodyIsStillRedactedToTheDecision() {
    RestClient ownConverter = restClientBuilder.configureMessageConverters(converters -> converters
        .withJsonConverter(new JacksonJsonHttpMessageConverter(JsonMapper.builder().build()))).build();

    ownConverter.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();
    assertThatThrownBy(() -> ownConverter.post().uri(ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);

    JsonNode body = Http.JSON.readTree(onlyReceived().body());
    assertThat(body.get("name").asString()).isEqualTo(Model.NAME);
    assertThat(body.has("status")).as("the converter writes with a copy of its mapper that holds the module").isFalse();
  }

  @Test
  void restClientWhenAMapperWithoutTheModuleIsRegisteredForASupertypeOfTheBodyThenTheBodyIsStillRedacted() {
    JacksonJsonHttpMessageConverter json = new JacksonJsonHttpMessageConverter(jsonMapper);
    json.registerMappersForType(Record.class,
        mappers -> mappers.put(MediaType.APPLICATION_JSON, JsonMapper.builder().build()));
    RestClient registered = restClientBuilder.configureMessageConverters(converters -> converters
        .withJsonConverter(json)).build();

    registered.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();

    assertThat(onlyReceived().body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void restTemplateWhenItsFormConverterWritesPartsWithAMapperWithoutTheModuleThenThePartsAreStillRedacted() {
    FormHttpMessageConverter formConverter = new FormHttpMessageConverter();
    formConverter.addPartConverter(new JacksonJsonHttpMessageConverter(JsonMapper.builder().build()));
    RestTemplate restTemplate = restTemplateBuilder.messageConverters(formConverter).build();

    restTemplate.postForEntity(NYPD, form(), Void.class);
    assertThatThrownBy(() -> restTemplate.postForEntity(ICE, form(), Void.class))
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(onlyReceived().body()).contains("name=\"resident\"", "name=\"copy\"", Model.NAME, "a note")
        .doesNotContain(Model.STATUS);
  }

  @Test
  void restClientAndRestTemplateWhenGsonWritesTheBodyThenItIsRedactedToThePoliceAndRefusedElsewhere() {
    RestClient gsonFirst = restClientBuilder.configureMessageConverters(converters -> converters
        .addCustomConverter(new GsonHttpMessageConverter())).build();

    postResidentEverywhere(uri -> gsonFirst.post().uri(uri).body(Model.resident()).retrieve().toBodilessEntity());
    postResidentEverywhere(uri -> restTemplateBuilder.messageConverters(new GsonHttpMessageConverter()).build()
        .postForEntity(uri, Model.resident(), Void.class));
    server.clear();
    // a generic converter is asked and given the body with its declared type, as the client would
    gsonFirst.post().uri(NYPD).body(List.of(Model.resident()), new ParameterizedTypeReference<List<Model.Resident>>() {})
        .retrieve().toBodilessEntity();

    assertThat(onlyReceived().body()).startsWith("[").contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void restClientAndRestTemplateWhenAConverterOfTheApplicationsWritesTheBodyThenItIsRedactedToThePoliceAndRefusedElsewhere() {
    RestClient ownFirst = restClientBuilder.configureMessageConverters(converters -> converters
        .addCustomConverter(new RecordAsText())).build();

    postResidentEverywhere(uri -> ownFirst.post().uri(uri).body(Model.resident()).retrieve().toBodilessEntity());
    postResidentEverywhere(uri -> restTemplateBuilder.messageConverters(new RecordAsText()).build()
        .postForEntity(uri, Model.resident(), Void.class));
  }

  /**
   * A {@code WebClient} whose encoder of the application's writes the record as text: a record given
   * as a value is decided before the call, one computed only when the request is written is decided
   * then, and the encoder is given the guard's redacted copy either way.
   */
  @Test
  void webClientWhenAnEncoderOfTheApplicationsWritesTheBodyThenItIsRedactedToThePoliceAndRefusedElsewhere() {
    WebClient ownFirst = webClientBuilder.clone()
        .codecs(codecs -> codecs.customCodecs().register(new RecordAsTextEncoder())).build();

    postResidentEverywhere(uri -> ownFirst.post().uri(uri).contentType(MediaType.TEXT_PLAIN)
        .bodyValue(Model.resident()).retrieve().toBodilessEntity().block());
    server.clear();
    events.clear();
    Consumer<String> computed = uri -> ownFirst.post().uri(uri).contentType(MediaType.TEXT_PLAIN)
        .body(Mono.fromSupplier(Model::resident), Model.Resident.class).retrieve().toBodilessEntity().block();

    computed.accept(NYPD);
    // ICE's call is refused before its body is computed, as no decision releases anything to it
    for (String refused : List.of(UNKNOWN, ICE)) {
      assertThatThrownBy(() -> computed.accept(refused)).as(refused).isInstanceOf(DisclosureRefusedException.class);
    }

    Received received = onlyReceived();
    assertThat(received.contentType()).startsWith("text/plain");
    assertThat(received.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.recipient.id"))
        .containsExactly("nypd", "unknown", "ice");
  }

  /** An application's encoder that writes a record as its {@code toString}, knowing nothing of the guard. */
  static final class RecordAsTextEncoder extends AbstractEncoder<Record> {

    RecordAsTextEncoder() {
      super(MimeTypeUtils.TEXT_PLAIN);
    }

    @Override
    public boolean canEncode(ResolvableType elementType, @Nullable MimeType mimeType) {
      return Record.class.isAssignableFrom(elementType.toClass()) && super.canEncode(elementType, mimeType);
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<? extends Record> records, DataBufferFactory buffers,
        ResolvableType elementType, @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
      return Flux.from(records).map(record -> buffers.wrap(record.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Posts a resident's record to the police, an unknown host and ICE: the police get it without its
   * status, written by the client's converter, and the others nothing, each call decided for its body.
   */
  private void postResidentEverywhere(Consumer<String> post) {
    server.clear();
    events.clear();

    post.accept(NYPD);
    assertThatThrownBy(() -> post.accept(UNKNOWN)).isInstanceOfSatisfying(DisclosureRefusedException.class,
        refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY));
    assertThatThrownBy(() -> post.accept(ICE)).isInstanceOfSatisfying(DisclosureRefusedException.class,
        refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.ESCALATE));

    assertThat(onlyReceived().body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.recipient.id"))
        .containsExactly("nypd", "unknown", "ice");
    assertThat(events.all().get(0).fields()).containsEntry("sanctuary.outcome", "allow-redacted");
  }

  /** An application's converter that writes a record as its {@code toString}, knowing nothing of the guard. */
  static final class RecordAsText extends AbstractHttpMessageConverter<Record> {

    RecordAsText() {
      super(MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
      return Record.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(@Nullable MediaType mediaType) {
      return false;
    }

    @Override
    protected Record readInternal(Class<? extends Record> clazz, HttpInputMessage inputMessage) {
      // never asked: canRead answers false, as a converter that only writes does
      throw new HttpMessageNotReadableException("RecordAsText writes records and reads none", inputMessage);
    }

    @Override
    protected void writeInternal(Record record, HttpOutputMessage outputMessage) throws IOException {
      outputMessage.getBody().write(record.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void restClientAndRestTemplateWhenAUrlEncodedFormHoldsARecordThenRefusedBeforeAnythingIsDecidedOrSent() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("resident", Model.resident());
    HttpHeaders urlEncoded = new HttpHeaders();
    urlEncoded.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      assertThatThrownBy(() -> restClient.post().uri(ICE).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
          .retrieve().toBodilessEntity())
          .isInstanceOfSatisfying(InvalidProtectionException.class, invalid -> assertThat(invalid)
              .hasMessageContaining(Model.Resident.class.getName()).hasMessageContaining("multipart/form-data")
              .hasMessageNotContaining(Model.NAME).hasMessageNotContaining(Model.STATUS));
      assertThatThrownBy(() -> restTemplateBuilder.build().postForEntity(NYPD, new HttpEntity<>(form, urlEncoded),
          Void.class)).isInstanceOf(InvalidProtectionException.class);
      assertThat(disclosure.decisions()).isEmpty();
    }
    assertThat(server.received()).isEmpty();
    assertThat(events.all()).isEmpty();
  }

  @Test
  void restClientWhenAUrlEncodedFormHoldsPlainValuesThenItIsSentAsBefore() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("office", "Canal St");
    form.add("visits", 3);

    restClient.post().uri(NYPD).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
        .toBodilessEntity();

    assertThat(onlyReceived().body()).isEqualTo("office=Canal+St&visits=3");
    assertThat(events.all()).isEmpty();
  }

  @Test
  void webClientWhenAUrlEncodedFormHoldsARecordThenTheCallFailsAndNothingIsSent() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("resident", Model.resident());

    // Spring's form writer takes only strings: the record fails the write before a byte of it leaves
    assertThatThrownBy(() -> webClientBuilder.build().post().uri(NYPD)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).retrieve().toBodilessEntity().block())
        .hasRootCauseInstanceOf(ClassCastException.class)
        .hasMessageNotContaining(Model.NAME).hasMessageNotContaining(Model.STATUS);
    assertThat(server.received()).isEmpty();
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void webClientWhenJacksonsEncoderLogsAtDebugThenItDoesNotLogTheRecordTheGuardDecides(CapturedOutput output) {
    Logger encoder = (Logger) LoggerFactory.getLogger("org.springframework.http.codec.json.JacksonJsonEncoder");
    Level level = encoder.getLevel();
    try {
      encoder.setLevel(Level.DEBUG);
      webClientBuilder.build().post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block();
    } finally {
      encoder.setLevel(level);
    }

    assertThat(onlyReceived().body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    assertThat(output).doesNotContain(Model.STATUS);
  }

  @Test
  void webClientWhenPostingAMultipartFormThenItsPartsAreWrittenUnderOneDecision() {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD).contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(form()).retrieve()
        .toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).contentType(MediaType.MULTIPART_FORM_DATA)
        .bodyValue(form()).retrieve().toBodilessEntity().block()).isInstanceOf(DisclosureRefusedException.class);

    assertThat(onlyReceived().body()).contains("a note", Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(events.all()).hasSize(2);
  }

  /**
   * A part computed only when the form is sent is not in the body the filter decided: it is decided
   * as it is written, for the call's recipient and disclosure, so that a record of a resident the
   * warrant does not name is refused, not sent under the decision made for the other parts.
   */
  @Test
  void webClientWhenAMultipartPartIsComputedWhenSentThenItIsDecidedAsItIsWritten() throws Exception {
    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      MultipartBodyBuilder form = new MultipartBodyBuilder();
      form.part("contact", Model.contact());
      // computed when sent, from nothing the supplier holds (a look-up, say)
      form.asyncPart("other", Mono.fromSupplier(() -> new Model.Contact("C-7777", Model.NAME, Model.ADDRESS, "Jamaica")),
          Model.Contact.class);

      assertThatThrownBy(() -> webClientBuilder.build().post().uri(ICE)
          .body(BodyInserters.fromMultipartData(form.build())).retrieve().toBodilessEntity()
          .block(Duration.ofSeconds(10))).isInstanceOf(DisclosureRefusedException.class);
      assertThat(disclosure.decisions()).extracting(Decision::outcome).containsExactly(Outcome.ALLOW, Outcome.DENY);
    }
    MultipartBodyBuilder toPolice = new MultipartBodyBuilder();
    toPolice.asyncPart("resident", Mono.fromSupplier(Model::resident), Model.Resident.class);
    webClientBuilder.build().post().uri(NYPD).body(BodyInserters.fromMultipartData(toPolice.build())).retrieve()
        .toBodilessEntity().block(Duration.ofSeconds(10));

    assertThat(server.received()).allSatisfy(call -> assertThat(call.body()).doesNotContain("C-7777"));
    assertThat(server.received()).filteredOn(call -> call.host().equals("records.nypd.org")).singleElement()
        .satisfies(call -> assertThat(call.body()).contains(Model.NAME).doesNotContain(Model.STATUS));
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.outcome", "allow-redacted");
  }

  @Test
  void webClientWhenTheBodyIsAFluxThenDecidedAsOneArrayBeforeAByteLeaves() {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD).body(residents(), Model.Resident.class).retrieve().toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).body(residents(), Model.Resident.class).retrieve()
        .toBodilessEntity().block()).isInstanceOf(DisclosureRefusedException.class);

    JsonNode sent = Http.JSON.readTree(onlyReceived().body());
    assertThat(sent).hasSize(2).allSatisfy(resident -> assertThat(resident.has("status")).isFalse());
    assertThat(sent.get(0).get("name").asString()).isEqualTo(Model.NAME);
    assertThat(events.all()).hasSize(2).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.outcome", "allow-redacted").containsEntry("sanctuary.subject_count", 2));
  }

  /** A body declared as {@code Object}, or as an interface, is decided by what its elements are. */
  @Test
  void webClientWhenTheFluxDeclaresObjectsThenDecidedByTheRecordsItHoldsBeforeAByteLeaves() throws Exception {
    WebClient webClient = webClientBuilder.build();

    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).body(residents(), Object.class).retrieve()
        .toBodilessEntity().block()).isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).contentType(MediaType.APPLICATION_NDJSON)
        .body(residents(), Record.class).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);
    webClient.post().uri(NYPD).body(residents(), Object.class).retrieve().toBodilessEntity().block();

    assertThat(server.awaitReceived(1)).singleElement().satisfies(call -> {
      assertThat(call.host()).isEqualTo("records.nypd.org");
      assertThat(call.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    });
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("deny", "deny", "allow-redacted");
  }

  /** An empty body declared as {@code Object}: the request is still sent, with its headers, as Spring's writers send it. */
  @Test
  void webClientWhenAnEmptyMonoDeclaresObjectThenTheRequestIsSentWithItsHeaders() throws Exception {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD).header("X-Case", "42").body(Mono.empty(), Object.class).retrieve().toBodilessEntity()
        .block(Duration.ofSeconds(10));

    assertThat(server.awaitReceived(1)).singleElement().satisfies(call -> {
      assertThat(call.headers()).containsEntry("x-case", "42");
      assertThat(call.body()).isEmpty();
    });
  }

  @Test
  void webClientWhenTheBodyIsStreamedAsNdjsonThenEachElementIsDecidedAsItIsWritten() throws Exception {
    WebClient webClient = webClientBuilder.build();

    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).contentType(MediaType.APPLICATION_NDJSON)
        .body(residents(), Model.Resident.class).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);
    webClient.post().uri(NYPD).contentType(MediaType.APPLICATION_NDJSON).body(residents(), Model.Resident.class)
        .retrieve().toBodilessEntity().block();

    // the first element is decided before the request is written: the unknown host gets nothing, not even headers
    List<Received> received = server.awaitReceived(2);
    assertThat(received).singleElement().satisfies(call -> assertThat(call.host()).isEqualTo("records.nypd.org"));
    List<String> lines = received.get(0).body().lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(Model.NAME).doesNotContain(Model.STATUS));
    assertThat(events.all()).hasSize(3).first().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "unknown").containsEntry("sanctuary.outcome", "deny"));
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.outcome", "allow-redacted");
  }

  @Test
  void webClientWhenAnNdjsonElementIsRefusedAfterOnesWithNothingProtectedThenOnlyThoseLeave() throws Exception {
    WebClient webClient = webClientBuilder.build();
    Flux<Model.Resident> placeholderThenResident = Flux.just(new Model.Resident(null, null, null, null, "Canal St"),
        Model.resident());

    assertThatThrownBy(() -> webClient.post().uri(UNKNOWN).contentType(MediaType.APPLICATION_NDJSON)
        .body(placeholderThenResident, Model.Resident.class).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);

    // an element without a protected value needs no decision, like a call without one; the refused one never leaves
    assertThat(server.awaitReceived(1)).singleElement().satisfies(call -> assertThat(call.body())
        .doesNotContain(Model.NAME, Model.ADDRESS, Model.STATUS, Model.SUBJECT));
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.fields())
        .containsEntry("sanctuary.recipient.id", "unknown").containsEntry("sanctuary.outcome", "deny"));
  }

  private static Flux<Model.Resident> residents() {
    return Flux.just(Model.resident(),
        new Model.Resident("C-1002", Model.NAME, Model.STATUS, Model.ADDRESS, "Jamaica"));
  }

  /** A multipart form: a resident's record as a part, the same as an entity with headers, and a note. */
  private static MultiValueMap<String, Object> form() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("resident", Model.resident());
    form.add("copy", new HttpEntity<>(Model.resident(), json));
    form.add("note", "a note");
    return form;
  }

  @Test
  void restTemplateWhenPostingToThePoliceThenRedactedAndToImmigrationEnforcementThenRefused() {
    RestTemplate restTemplate = restTemplateBuilder.build();

    restTemplate.postForEntity(NYPD, Model.resident(), String.class);
    assertThatThrownBy(() -> restTemplate.postForEntity(ICE, Model.resident(), String.class))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> restTemplate.getForEntity(ICE, String.class))
        .isInstanceOf(DisclosureRefusedException.class);

    Received received = onlyReceived();
    assertThat(received.host()).isEqualTo("records.nypd.org");
    assertThat(received.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  /**
   * Spring Boot's customizers applied twice to one client (a template configured again by the
   * builder, a builder configured again by the application): the guard's interceptor is added once,
   * so the call is not taken for one in which an interceptor runs after the guard's; a WebClient
   * with the guard's filter twice is guarded as well.
   */
  @Test
  void clientsWhenTheGuardsCustomizersRunTwiceThenEachCallIsGuardedAndSent() throws InterruptedException {
    RestTemplate restTemplate = restTemplateBuilder.configure(restTemplateBuilder.build());
    RestClient.Builder builder = restClientBuilder.clone();
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    RestClient restClient = builder.build();

    restTemplate.postForEntity(NYPD, Model.resident(), String.class);
    restClient.post().uri(NYPD).body(Model.resident()).retrieve().toBodilessEntity();
    assertThatThrownBy(() -> restClient.post().uri(ICE).body(Model.resident()).retrieve().toBodilessEntity())
        .isInstanceOf(DisclosureRefusedException.class);

    assertThat(restTemplate.getInterceptors()).filteredOn(i -> i.getClass().getSimpleName().equals("GuardingInterceptor"))
        .hasSize(1);
    WebClient.Builder webBuilder = webClientBuilder.clone();
    webClientCustomizers.orderedStream().forEach(customizer -> customizer.customize(webBuilder));
    WebClient webClient = webBuilder.build();
    webClient.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(ICE).bodyValue(Model.resident()).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);
    List<Received> received = server.awaitReceived(3);
    assertThat(received).extracting(Received::host).containsOnly("records.nypd.org");
    assertThat(received).allSatisfy(call -> assertThat(call.body()).contains(Model.NAME).doesNotContain(Model.STATUS));
  }

  @Test
  void webClientWhenPostingToThePoliceThenRedactedAndToImmigrationEnforcementThenRefused() {
    WebClient webClient = webClientBuilder.build();

    webClient.post().uri(NYPD).bodyValue(Model.resident()).retrieve().toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(ICE).bodyValue(Model.resident()).retrieve().toBodilessEntity().block())
        .isInstanceOfSatisfying(DisclosureRefusedException.class,
            refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.ESCALATE));
    assertThatThrownBy(() -> webClient.get().uri(ICE).retrieve().toBodilessEntity().block())
        .isInstanceOf(DisclosureRefusedException.class);

    Received received = onlyReceived();
    assertThat(received.host()).isEqualTo("records.nypd.org");
    JsonNode body = Http.JSON.readTree(received.body());
    assertThat(body.get("name").asString()).isEqualTo(Model.NAME);
    assertThat(body.has("status")).isFalse();
  }

  @Test
  void webClientWhenTheBodyIsComputedOnlyWhenSentThenItIsDecidedAsItIsWritten() {
    WebClient webClient = webClientBuilder.build();
    AtomicInteger computed = new AtomicInteger();

    webClient.post().uri(NYPD).body(Mono.fromSupplier(() -> {
      computed.incrementAndGet();
      return Model.resident();
    }), Model.Resident.class).retrieve().toBodilessEntity().block();
    assertThatThrownBy(() -> webClient.post().uri(ICE).body(Mono.fromSupplier(Model::contact), Model.Contact.class)
        .retrieve().toBodilessEntity().block())
        .isInstanceOfSatisfying(DisclosureRefusedException.class,
            refused -> assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY));

    assertThat(computed).hasValue(1);
    Received received = onlyReceived();
    assertThat(received.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
  }

  @Test
  void webClientWhenBuiltInsideAnExplicitDisclosureThenItsCallsAreDecidedUnderIt() {
    WebClient webClient = webClientBuilder.build();

    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("ice")
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
        .basis(Model.verifiedWarrant()))) {
      webClient.post().uri(ICE).bodyValue(Model.contact()).retrieve().toBodilessEntity().block();

      assertThat(disclosure.decisions()).singleElement()
          .satisfies(decision -> assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW));
    }
    assertThat(onlyReceived().body()).contains(Model.NAME, Model.ADDRESS);
  }

  private Received onlyReceived() {
    assertThat(server.received()).hasSize(1);
    return server.received().get(0);
  }
}
