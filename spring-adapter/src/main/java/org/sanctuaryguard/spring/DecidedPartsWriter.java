package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.multipart.MultipartHttpMessageWriter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A {@code WebClient}'s multipart writer as the guard's body inserter gives it ({@link
 * ReleasingWriter.Writers}): before Spring's writer writes anything of the request, it computes each
 * part that is computed only when the form is sent ({@code MultipartBodyBuilder.asyncPart} of a
 * {@code Mono.fromSupplier}) and decides it for the recipient and the disclosure of the call, so
 * that a part that is refused fails the call before its line and headers are written. The part is
 * then written from the value computed, once, under that decision ({@link #decidedPart}). Parts
 * given as values were decided with the body before the call; a part given as a stream ({@code
 * Flux}) is written as it comes, without its protected values (see {@link GuardedJsonWriter}).
 */
final class DecidedPartsWriter implements HttpMessageWriter<MultiValueMap<String, ?>> {

  /** The Reactor context key under which the parts decided here wait for the guard's JSON writer. */
  private static final String DECIDED = DecidedPartsWriter.class.getName() + ".decided";

  /** The decision of a part decided here; null if it holds nothing protected. */
  record Decided(@Nullable BodyDecision decision) {}

  private final MultipartHttpMessageWriter delegate;
  private final OutboundGuard outbound;

  DecidedPartsWriter(MultipartHttpMessageWriter delegate, OutboundGuard outbound) {
    this.delegate = delegate;
    this.outbound = outbound;
  }

  /**
   * The decision made here for a part as the multipart writer gives it to the part's writer, or
   * null if it was not decided here.
   */
  static @Nullable Decided decidedPart(ContextView context, Publisher<?> part) {
    Map<Publisher<?>, Decided> decided = context.getOrDefault(DECIDED, null);
    return decided == null ? null : decided.get(part);
  }

  @Override
  public List<MediaType> getWritableMediaTypes() {
    return delegate.getWritableMediaTypes();
  }

  @Override
  public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
    return delegate.canWrite(elementType, mediaType);
  }

  @Override
  public Mono<Void> write(Publisher<? extends MultiValueMap<String, ?>> input, ResolvableType elementType,
      @Nullable MediaType mediaType, ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    return Mono.deferContextual(context -> {
      DestinationCheck.Checked checked = context.getOrDefault(DestinationCheck.CHECKED, null);
      if (checked == null) {
        return delegate.write(input, elementType, mediaType, message, hints); // the JSON writer refuses such parts
      }
      Disclosure disclosure = context.getOrDefault(OutboundGuard.DISCLOSURE, null);
      Map<Publisher<?>, Decided> decided = Collections.synchronizedMap(new IdentityHashMap<>());
      return Mono.from(input).flatMap(form -> resolved(form, checked.uri(), disclosure, decided))
          .map(Mono::just).defaultIfEmpty(Mono.empty())
          .flatMap(form -> delegate.write(form, elementType, mediaType, message, hints))
          .contextWrite(writing -> writing.put(DECIDED, decided));
    });
  }

  /** The form, each part computed when it is sent replaced by its value, decided; the form itself if it has none. */
  private Mono<MultiValueMap<String, ?>> resolved(MultiValueMap<String, ?> form, URI destination,
      @Nullable Disclosure disclosure, Map<Publisher<?>, Decided> decided) {
    if (form.values().stream().flatMap(List::stream).noneMatch(DecidedPartsWriter::computed)) {
      return Mono.just(form);
    }
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>(form.size());
    List<Mono<Void>> steps = new ArrayList<>();
    form.forEach((name, values) -> values.forEach(value -> steps.add(!computed(value)
        ? Mono.fromRunnable(() -> parts.add(name, value))
        : Mono.from((Publisher<?>) ((HttpEntity<?>) value).getBody()).<Part>map(computedValue -> {
          Mono<Object> part = Mono.just(computedValue);
          decided.put(part, new Decided(outbound.decideBody(destination, computedValue, disclosure)));
          return new Part(part, (HttpEntity<?>) value);
        }).defaultIfEmpty(new Part(Mono.empty(), (HttpEntity<?>) value))
        .doOnNext(part -> parts.add(name, part)).then())));
    return Flux.concat(steps).then(Mono.just(parts));
  }

  /** Whether a part is one computed only when the form is sent: an entity of a single value not yet known. */
  private static boolean computed(@Nullable Object part) {
    return part instanceof HttpEntity<?> entity && entity instanceof ResolvableTypeProvider
        && entity.getBody() instanceof Mono<?> single && !(single instanceof Fuseable.ScalarCallable<?>);
  }

  /** A part computed when the form is sent, as its value: its headers and type kept. */
  private static final class Part extends HttpEntity<Publisher<?>> implements ResolvableTypeProvider {

    private final @Nullable ResolvableType type;

    Part(Mono<?> value, HttpEntity<?> computed) {
      super(value, computed.getHeaders());
      this.type = ((ResolvableTypeProvider) computed).getResolvableType();
    }

    @Override
    public @Nullable ResolvableType getResolvableType() {
      return type;
    }
  }

  @Override
  public String toString() {
    return "DecidedPartsWriter[" + delegate + "]";
  }
}
