package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import reactor.core.publisher.Mono;

/**
 * A {@code WebClient} writer of JSON values that may hold protected properties, ahead of the
 * default Jackson writer: it writes a value under the decision {@link GuardingExchangeFilter} made
 * for it before the call, or decides it now if the filter could not see it, and encodes it at once
 * in that decision's {@link DecisionScope}. Streams ({@code Flux} bodies) are encoded as Jackson
 * would, outside any scope: they carry no protected value.
 */
final class GuardedJsonWriter implements HttpMessageWriter<Object> {

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
    if (!encoder.canEncode(elementType, mediaType) || !outbound.guard().mayHoldProtected(elementType.toClass())) {
      return false;
    }
    return mediaType == null || encoder.getStreamingMediaTypes().stream().noneMatch(mediaType::isCompatibleWith);
  }

  @Override
  public Mono<Void> write(Publisher<?> input, ResolvableType elementType, @Nullable MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    if (!(input instanceof Mono<?> single) || !(message instanceof ClientHttpRequest request)) {
      return streams.write(input, elementType, mediaType, message, hints);
    }
    return single.flatMap(value -> {
      BodyDecision decided = request.getAttributes().get(OutboundGuard.BODY_DECISION) instanceof BodyDecision found
          ? found : outbound.decideBody(destinationOf(request), value, OutboundGuard.disclosureOf(request.getAttributes()));
      MediaType contentType = message.getHeaders().getContentType() != null ? message.getHeaders().getContentType()
          : mediaType != null && mediaType.isConcrete() ? mediaType : MediaType.APPLICATION_JSON;
      DataBuffer buffer;
      if (decided == null) {
        buffer = encoder.encodeValue(value, message.bufferFactory(), elementType, contentType, hints);
      } else {
        DecisionScope scope = DecisionScope.open(decided.decision());
        try {
          buffer = encoder.encodeValue(value, message.bufferFactory(), elementType, contentType, hints);
        } finally {
          scope.close();
        }
      }
      message.getHeaders().setContentType(contentType);
      message.getHeaders().setContentLength(buffer.readableByteCount());
      return message.writeWith(Mono.just(buffer));
    });
  }
}
