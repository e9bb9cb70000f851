package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MimeType;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@code WebClient} writer of JSON values that may hold protected properties, ahead of the
 * default Jackson writer: it writes a value under the decision {@link GuardingExchangeFilter} made
 * for it before the call, or decides it now if the filter could not see it, and encodes it at once
 * in that decision's {@link DecisionScope}. A {@code Flux} body written as one JSON array is
 * collected and decided as the array; one streamed as NDJSON is decided element by element, as each
 * is written, and the request is written only once its first element is decided. A part of a
 * multipart body is encoded under the decision the filter made for the whole body, which it finds
 * in the exchange's context, or, if it is computed only when the form is sent, under a decision of
 * its own.
 *
 * <p>One also stands in, for a request, for Spring's JSON encoder of a client whose mapper lacks the
 * guard's module (one the application set by hand, {@code
 * codecs.defaultCodecs().jacksonJsonEncoder(...)}): see {@link #inPlaceOf}.
 */
final class GuardedJsonWriter implements HttpMessageWriter<Object> {

  private static final byte[] NEWLINE = {'\n'};

  private final JacksonJsonEncoder encoder;
  private final EncoderHttpMessageWriter<Object> streams;
  private final OutboundGuard outbound;
  /** The encoder this writer stands in for, whose mapper lacks the module; null for the guard's own writer. */
  private final @Nullable JacksonJsonEncoder replaced;

  GuardedJsonWriter(JacksonJsonEncoder encoder, OutboundGuard outbound) {
    this(encoder, outbound, null);
  }

  private GuardedJsonWriter(JacksonJsonEncoder encoder, OutboundGuard outbound, @Nullable JacksonJsonEncoder replaced) {
    this.encoder = encoder;
    this.streams = new EncoderHttpMessageWriter<>(encoder);
    this.outbound = outbound;
    this.replaced = replaced;
  }

  /**
   * Returns a writer to put ahead of Spring's JSON encoder whose mapper lacks the guard's module:
   * the guard's own writer takes only values that may hold protected properties, and leaves the
   * others to that encoder, which would write whatever their getters return, a resident's record
   * that a computed getter looks up included, to a destination no decision was made for. This one
   * writes every value the encoder would, as the guard's writer does, with a copy of the encoder's
   * mapper that holds the module (its settings kept), as a {@code RestClient}'s JSON converter
   * whose mapper lacks it writes ({@link GuardedMessageConverter}); a value of a type for which the
   * encoder has a mapper of its own registered ({@code registerMappersForType}) is left to it, and
   * is given the guard's redacted copy ({@link ReleasingWriter}).
   *
   * @return the writer, or null if the writer given is not such an encoder's
   */
  static @Nullable GuardedJsonWriter inPlaceOf(HttpMessageWriter<?> writer, SanctuaryGuardModule module,
      OutboundGuard outbound) {
    if (!(writer instanceof EncoderHttpMessageWriter<?> encoding
        && encoding.getEncoder() instanceof JacksonJsonEncoder json && json.getClass() == JacksonJsonEncoder.class
        && !SanctuaryGuardModule.isRegisteredIn(json.getMapper()))) {
      return null;
    }
    JacksonJsonEncoder withModule = new JacksonJsonEncoder(module.addedTo(json.getMapper()),
        json.getEncodableMimeTypes().toArray(MimeType[]::new));
    withModule.setStreamingMediaTypes(json.getStreamingMediaTypes());
    return new GuardedJsonWriter(withModule, outbound, json);
  }

  /** The destination the filter judged; the connection's own if no filter saw the call. */
  private static URI destinationOf(ClientHttpRequest request) {
    return request.getAttributes().get(OutboundGuard.DESTINATION) instanceof URI judged ? judged : request.getURI();
  }

  @Override
  public List<MediaType> getWritableMediaTypes() {
    return encoder.getEncodableMimeTypes().stream().map(MediaType::asMediaType).toList();
  }

  @Override
  public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
    if (replaced != null) {
      return encoder.canEncode(elementType, mediaType) && GuardedMessageConverter.supertypes(elementType.toClass())
          .stream().allMatch(type -> replaced.getMappersForType(type).isEmpty());
    }
    return encoder.canEncode(elementType, mediaType) && mayHoldProtected(elementType.toClass());
  }

  /**
   * Whether an element declared as the class may hold protected values: by what its class holds, or,
   * for a class that does not tell what its values are ({@code Object}, an interface such as a
   * Spring Data projection's, an abstract class), whatever each element turns out to be, which is
   * decided as it is written.
   */
  private boolean mayHoldProtected(Class<?> declared) {
    return RedactingSerializerModifier.isOpen(declared) || outbound.guard().mayHoldProtected(declared);
  }

  @Override
  public Mono<Void> write(Publisher<?> input, ResolvableType elementType, @Nullable MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> given) {
    // Jackson's encoder logs the value it is given at DEBUG: the original, before the decision
    Map<String, Object> hints = Hints.merge(given, Hints.SUPPRESS_LOGGING_HINT, true);
    if (!(message instanceof ClientHttpRequest request)) {
      return part(input, elementType, mediaType, message, hints);
    }
    MediaType contentType = message.getHeaders().getContentType() != null ? message.getHeaders().getContentType()
        : mediaType != null && mediaType.isConcrete() ? mediaType : MediaType.APPLICATION_JSON;
    message.getHeaders().setContentType(contentType);
    if (input instanceof Mono<?> single) {
      return writeSingle(single.map(value -> encoded(value, elementType, contentType, request, hints)), message);
    }
    if (encoder.getStreamingMediaTypes().stream().anyMatch(contentType::isCompatibleWith)) {
      // each element is decided as it is written, and one that is refused fails the call before it leaves;
      // the request itself is written once the first element is decided, so a refused first one sends nothing
      Flux<DataBuffer> lines = Flux.from(input).concatMap(element -> Flux.just(
          encoded(element, elementType, contentType, request, hints), message.bufferFactory().wrap(NEWLINE)));
      return lines.switchOnFirst((first, all) -> first.isOnError() ? all.then() : message.writeWith(all))
          .doOnDiscard(DataBuffer.class, DataBufferUtils::release).then();
    }
    // a stream written as one JSON array is decided as the array, before a byte of it is written
    ResolvableType listType = ResolvableType.forClassWithGenerics(List.class, elementType);
    return Flux.from(input).collectList()
        .flatMap(list -> writeWhole(encoded(list, listType, contentType, request, hints), message));
  }

  /**
   * Encodes a value under the decision the filter made for it before the call, or, if the filter
   * could not see it, under a decision made now.
   */
  private DataBuffer encoded(Object value, ResolvableType type, MediaType contentType, ClientHttpRequest request,
      Map<String, Object> hints) {
    return encoded(value, decisionOf(value, request, outbound), type, contentType, request.bufferFactory(), hints);
  }

  /**
   * The decision a value written in a request's body is written under: the one the filter made for
   * the body before the call, or, if the filter could not see it, one made now for the destination
   * the filter judged; null if the value holds nothing protected. Either was made for the recipient
   * the filter saw, which a filter of the application's after the guard's may have changed while
   * keeping the attributes (a mirror that copies the request with a body inserter of its own, so
   * that the guard's inserter, which checks the final URI, is not the one writing): a value is
   * written under a decision only if the request being written goes to the decision's recipient,
   * which the guard's inserter has already checked if it is writing this very request for that
   * recipient ({@link ReleasingWriter#CONFIRMED}; a mirror's request, which the inserter never
   * saw, is checked here).
   *
   * @throws org.sanctuaryguard.DisclosureRefusedException if a decision made now releases nothing
   * @throws SanctuaryGuardException if the request goes to another recipient than the decision's
   */
  static @Nullable BodyDecision decisionOf(Object value, ClientHttpRequest request, OutboundGuard outbound) {
    Map<String, Object> attributes = request.getAttributes();
    BodyDecision decided = OutboundGuard.bodyDecisionOf(attributes);
    if (decided == null) {
      decided = outbound.decideBody(destinationOf(request), value, OutboundGuard.disclosureOf(attributes));
    }
    if (decided != null && !ReleasingWriter.confirmed(request, decided.recipient())) {
      outbound.confirm(request.getURI(), decided.recipient());
    }
    return decided;
  }

  /**
   * Encodes a value in the scope of its decision; if it holds nothing protected, in a scope that
   * releases nothing, not in whatever scope the thread is in (see {@link
   * GuardedMessageConverter#writeDecided}).
   */
  private DataBuffer encoded(Object value, @Nullable BodyDecision decided, ResolvableType type, MediaType contentType,
      DataBufferFactory buffers, Map<String, Object> hints) {
    DecisionScope scope = decided == null ? DecisionScope.openWithholding() : DecisionScope.open(decided.decision());
    try {
      return encoder.encodeValue(value, buffers, type, contentType, hints);
    } finally {
      scope.close();
    }
  }

  /**
   * Writes a part of a multipart body, which has no request of its own but finds in the exchange's
   * context what {@link GuardingExchangeFilter} checked. A part given as a value ({@code Mono.just},
   * as Spring gives every part that is not a publisher) was in the body the filter decided, and is
   * encoded under that decision; a part computed only when the form is sent ({@code
   * Mono.fromSupplier}) is decided for the destination and the disclosure of the call, as the body
   * of a call would be: before anything of the request is written, by {@link DecidedPartsWriter},
   * which gives it here as its value, or else now. Either is written only inside the guard's body
   * inserter, which checked the request the parts go to: a filter of the application's after the
   * guard's that replaced it may send them elsewhere. A stream is encoded as Jackson would, outside
   * any decision, so without its protected properties.
   */
  private Mono<Void> part(Publisher<?> input, ResolvableType elementType, @Nullable MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    if (!(input instanceof Mono<?> single)) {
      return streams.write(input, elementType, mediaType, message, hints);
    }
    return Mono.deferContextual(context -> {
      BodyDecision form = context.getOrDefault(OutboundGuard.BODY_DECISION, null);
      DecidedPartsWriter.Decided early = DecidedPartsWriter.decidedPart(context, input);
      boolean seen = single instanceof Fuseable.ScalarCallable<?>;
      if (seen && form == null && early == null) {
        return streams.write(input, elementType, mediaType, message, hints); // it holds nothing protected
      }
      DestinationCheck.Checked checked = context.getOrDefault(DestinationCheck.CHECKED, null);
      if (checked == null) {
        return Mono.error(new SanctuaryGuardException("a part of a multipart body computed only when it is sent was"
            + " written by a WebClient without the guard's filter, so the guard cannot tell where it goes; it is not"
            + " sent: build the WebClient from Spring's builder"));
      }
      if (!context.hasKey(ReleasingWriter.INSERTED)) {
        return Mono.error(new SanctuaryGuardException("a part of a multipart body was written by a body inserter that"
            + " is not the guard's (a WebClient filter after the guard's replaced it), so the guard cannot tell where"
            + " it goes; it is not sent"));
      }
      Disclosure disclosure = context.getOrDefault(OutboundGuard.DISCLOSURE, null);
      MediaType contentType = mediaType != null && mediaType.isConcrete() ? mediaType : MediaType.APPLICATION_JSON;
      message.getHeaders().setContentType(contentType);
      return writeSingle(single.map(value -> encoded(value,
          early != null ? early.decision() : seen ? form : outbound.decideBody(checked.uri(), value, disclosure),
          elementType, contentType, message.bufferFactory(), hints)), message);
    });
  }

  /**
   * Writes a single value's bytes, or, if there is none, the message with its headers and no body,
   * as Spring's own writers do.
   */
  private static Mono<Void> writeSingle(Mono<DataBuffer> encoded, ReactiveHttpOutputMessage message) {
    return encoded
        .switchIfEmpty(Mono.defer(() -> {
          message.getHeaders().setContentLength(0);
          return message.setComplete().then(Mono.empty());
        }))
        .flatMap(buffer -> writeWhole(buffer, message));
  }

  private static Mono<Void> writeWhole(DataBuffer buffer, ReactiveHttpOutputMessage message) {
    message.getHeaders().setContentLength(buffer.readableByteCount());
    return message.writeWith(Mono.just(buffer));
  }
}
