package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
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
 * in the exchange's context.
 */
final class GuardedJsonWriter implements HttpMessageWriter<Object> {

  private static final byte[] NEWLINE = {'\n'};

  private final JacksonJsonEncoder encoder;
  private final EncoderHttpMessageWriter<Object> streams;
  private final OutboundGuard outbound;

  GuardedJsonWriter(JacksonJsonEncoder encoder, OutboundGuard outbound) {
    this.encoder = encoder;
    this.streams = new EncoderHttpMessageWriter<>(encoder);
    this.outbound = outbound;
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
      return single.map(value -> encoded(value, elementType, contentType, request, hints))
          .switchIfEmpty(Mono.defer(() -> {
            // no body: the request is still sent, with its headers, as Spring's own writers send it
            message.getHeaders().setContentLength(0);
            return message.setComplete().then(Mono.empty());
          }))
          .flatMap(buffer -> writeWhole(buffer, message));
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
    BodyDecision decided = request.getAttributes().get(OutboundGuard.BODY_DECISION) instanceof BodyDecision found
        ? found : outbound.decideBody(destinationOf(request), value, OutboundGuard.disclosureOf(request.getAttributes()));
    if (decided == null) {
      return encoder.encodeValue(value, request.bufferFactory(), type, contentType, hints);
    }
    DecisionScope scope = DecisionScope.open(decided.decision());
    try {
      return encoder.encodeValue(value, request.bufferFactory(), type, contentType, hints);
    } finally {
      scope.close();
    }
  }

  /**
   * Writes a part of a multipart body, which has no request of its own: a single value is encoded
   * under the decision {@link GuardingExchangeFilter} made for the whole body and put in the
   * exchange's context; without one, or for a stream, as Jackson would, outside any scope.
   */
  private Mono<Void> part(Publisher<?> input, ResolvableType elementType, @Nullable MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    if (!(input instanceof Mono<?> single)) {
      return streams.write(input, elementType, mediaType, message, hints);
    }
    return Mono.deferContextual(context -> {
      if (!(context.getOrDefault(OutboundGuard.BODY_DECISION, null) instanceof BodyDecision decided)) {
        return streams.write(input, elementType, mediaType, message, hints);
      }
      MediaType contentType = mediaType != null && mediaType.isConcrete() ? mediaType : MediaType.APPLICATION_JSON;
      message.getHeaders().setContentType(contentType);
      return single.flatMap(value -> {
        DecisionScope scope = DecisionScope.open(decided.decision());
        try {
          return writeWhole(encoder.encodeValue(value, message.bufferFactory(), elementType, contentType, hints),
              message);
        } finally {
          scope.close();
        }
      });
    });
  }

  private static Mono<Void> writeWhole(DataBuffer buffer, ReactiveHttpOutputMessage message) {
    message.getHeaders().setContentLength(buffer.readableByteCount());
    return message.writeWith(Mono.just(buffer));
  }
}
