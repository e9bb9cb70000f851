package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * Finds the value a {@code WebClient} request will write, before the request is sent, by running
 * its body inserter against a request that writes nothing and a writer that only keeps what it is
 * given. A value given as such ({@code bodyValue}, {@code Mono.just}) is found; a publisher that
 * would compute its value ({@code Mono.fromSupplier}) is never subscribed here, and its value is
 * decided when it is written.
 */
final class BodyProbe {

  private BodyProbe() {}

  /** Returns the value the request's body inserter writes, if it is known without subscribing to anything. */
  static Optional<Object> valueOf(ClientRequest request) {
    ProbeWriter writer = new ProbeWriter();
    BodyInserter.Context context = new WriterContext(List.of(writer), Optional.empty(), Map.of());
    try {
      request.body().insert(new ProbeRequest(request.method(), request.url()), context).subscribe(null, error -> { });
      return writer.input instanceof Mono<?> && writer.input instanceof Fuseable.ScalarCallable<?> scalar
          ? Optional.ofNullable(scalar.call())
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Keeps the publisher it is asked to write and writes nothing. */
  private static final class ProbeWriter implements HttpMessageWriter<Object> {

    private @Nullable Publisher<?> input;

    @Override
    public List<MediaType> getWritableMediaTypes() {
      return List.of(MediaType.ALL);
    }

    @Override
    public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
      return true;
    }

    @Override
    public Mono<Void> write(Publisher<?> inputStream, ResolvableType elementType, @Nullable MediaType mediaType,
        ReactiveHttpOutputMessage message, Map<String, Object> hints) {
      input = inputStream;
      return Mono.empty();
    }
  }

  /** A request that is never sent. */
  private static final class ProbeRequest extends AbstractClientHttpRequest {

    private final HttpMethod method;
    private final URI uri;

    ProbeRequest(HttpMethod method, URI uri) {
      this.method = method;
      this.uri = uri;
    }

    @Override
    public HttpMethod getMethod() {
      return method;
    }

    @Override
    public URI getURI() {
      return uri;
    }

    @Override
    public DataBufferFactory bufferFactory() {
      return DefaultDataBufferFactory.sharedInstance;
    }

    @Override
    public <T> T getNativeRequest() {
      throw new UnsupportedOperationException("a probe is never sent");
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return Mono.empty();
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return Mono.empty();
    }

    @Override
    public Mono<Void> setComplete() {
      return Mono.empty();
    }

    @Override
    protected void applyHeaders() {
    }

    @Override
    protected void applyCookies() {
    }
  }
}
