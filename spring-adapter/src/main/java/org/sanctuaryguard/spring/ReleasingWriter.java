package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.codec.FormHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.multipart.MultipartHttpMessageWriter;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@code WebClient} writer other than the guard's JSON one (an encoder of the application's, one
 * of another format), guarded as a client's converter is ({@link GuardedMessageConverter}): each
 * value it is given that holds protected values is decided for the destination's recipient, under
 * the decision {@link GuardingExchangeFilter} made before the call or, for a value computed only as
 * the request is written ({@code Mono.fromSupplier}), one made now; a refusal fails the call before
 * anything is written, and the writer is given the guard's redacted copy. A stream is given to the
 * writer once its first element is decided, as the guard's JSON writer streams NDJSON: the request
 * is not written to a destination the first element may not go to. Forms and multipart
 * bodies are left to their writers: the guard's JSON writer writes their JSON parts under the
 * body's decision, or under that of a part computed when the form is sent, which {@link
 * DecidedPartsWriter} makes before anything is written.
 */
final class ReleasingWriter implements HttpMessageWriter<Object> {

  /**
   * The Reactor context key under which the guard's body inserter says it checked the request a
   * multipart body's parts are written to, which they cannot see.
   */
  static final String INSERTED = ReleasingWriter.class.getName() + ".inserted";
  /**
   * The attribute of the request the connector opened under which the guard's body inserter says it
   * checked that very request, and for which recipient (see {@link GuardedJsonWriter#decisionOf}).
   */
  static final String CONFIRMED = ReleasingWriter.class.getName() + ".confirmed";

  /** The request the guard's body inserter checked, and the recipient it goes to. */
  private record Confirmed(ClientHttpRequest request, String recipient) {}

  /** Whether the guard's body inserter checked this very request for the recipient ({@link #CONFIRMED}). */
  static boolean confirmed(ClientHttpRequest request, String recipient) {
    return request.getAttributes().get(CONFIRMED) instanceof Confirmed confirmed && confirmed.request() == request
        && confirmed.recipient().equals(recipient);
  }

  private final HttpMessageWriter<Object> delegate;
  private final OutboundGuard outbound;

  @SuppressWarnings("unchecked")
  private ReleasingWriter(HttpMessageWriter<?> delegate, OutboundGuard outbound) {
    this.delegate = (HttpMessageWriter<Object>) delegate;
    this.outbound = outbound;
  }

  /**
   * Returns a request's body inserter that writes with the client's writers guarded ({@link
   * Writers#of}). Before anything of the request is written, body or not, it checks that the request
   * the connector opened goes to the recipient {@link GuardingExchangeFilter} checked (its attributes
   * say, or, for a request a later filter built anew with this body, the exchange's context; where
   * neither does, it is checked as a call the guard did not see): a filter of the application's
   * after the guard's may have sent it elsewhere, and the connector, which may be one the
   * application built itself, sees only the URI; and that its library does not follow redirects
   * itself ({@link DestinationCheck#refuseFollowing}). It notes on the request that it checked it
   * ({@link #CONFIRMED}), so that the guard's writers do not check it again for each value.
   */
  static BodyInserter<?, ? super ClientHttpRequest> guarded(BodyInserter<?, ? super ClientHttpRequest> body,
      OutboundGuard outbound, Writers writers) {
    return body instanceof GuardedInserter ? body : new GuardedInserter(body, outbound, writers);
  }

  /**
   * The guarded writers of each list of writers a client holds, made once for as long as the client
   * is in use, not for each call: a writer that stands in for an encoder ({@link
   * GuardedJsonWriter#inPlaceOf}) holds the copy of its mapper with the module, which the module
   * keeps only while something writes with it ({@link SanctuaryGuardModule#addedTo}), and a copy
   * made again for a call has none of its serializers yet. A list the client no longer holds is not
   * kept. Thread-safe.
   */
  static final class Writers {

    private final OutboundGuard outbound;
    private final SanctuaryGuardModule module;
    private final Map<List<HttpMessageWriter<?>>, List<HttpMessageWriter<?>>> guarded =
        Collections.synchronizedMap(new WeakHashMap<>());

    Writers(OutboundGuard outbound, SanctuaryGuardModule module) {
      this.outbound = outbound;
      this.module = module;
    }

    /**
     * The writers of the client, each guarded but the guard's own JSON writer and that of forms;
     * the multipart writer decides the parts computed when the form is sent before it writes
     * anything ({@link DecidedPartsWriter}); Spring's JSON encoder whose mapper lacks the guard's
     * module comes after a writer that stands in for it ({@link GuardedJsonWriter#inPlaceOf}).
     */
    List<HttpMessageWriter<?>> of(List<HttpMessageWriter<?>> writers) {
      return guarded.computeIfAbsent(writers, this::guard);
    }

    private List<HttpMessageWriter<?>> guard(List<HttpMessageWriter<?>> writers) {
      List<HttpMessageWriter<?>> all = new ArrayList<>(writers.size() + 1);
      for (HttpMessageWriter<?> writer : writers) {
        if (writer instanceof MultipartHttpMessageWriter multipart) {
          all.add(new DecidedPartsWriter(multipart, outbound));
          continue;
        }
        if (writer instanceof GuardedJsonWriter || writer instanceof FormHttpMessageWriter) {
          all.add(writer);
          continue;
        }
        GuardedJsonWriter standIn = GuardedJsonWriter.inPlaceOf(writer, module, outbound);
        if (standIn != null) {
          all.add(standIn);
        }
        all.add(new ReleasingWriter(writer, outbound));
      }
      return List.copyOf(all);
    }
  }

  private record GuardedInserter(BodyInserter<?, ? super ClientHttpRequest> body, OutboundGuard outbound,
      Writers writers) implements BodyInserter<Object, ClientHttpRequest> {

    @Override
    public Mono<Void> insert(ClientHttpRequest request, Context context) {
      // a later filter may have built a new request with this body, without the filter's attributes
      return Mono.deferContextual(reactor -> {
        DestinationCheck.Checked checked =
            request.getAttributes().get(DestinationCheck.CHECKED) instanceof DestinationCheck.Checked found
                ? found : reactor.getOrDefault(DestinationCheck.CHECKED, null);
        String recipient;
        try {
          DestinationCheck.refuseFollowing(request);
          recipient = checked != null && checked.uri().equals(request.getURI()) ? checked.recipient()
              : outbound.confirm(request.getURI(), checked == null ? null : checked.recipient());
        } catch (SanctuaryGuardException refused) {
          return Mono.error(refused);
        }
        request.getAttributes().put(CONFIRMED, new Confirmed(request, recipient));
        if (body == BodyInserters.empty()) {
          return body.insert(request, context);
        }
        return body.insert(request, new WriterContext(writers.of(context.messageWriters()), context.serverRequest(),
            context.hints())).contextWrite(inserted -> inserted.put(INSERTED, Boolean.TRUE));
      });
    }
  }

  @Override
  public List<MediaType> getWritableMediaTypes() {
    return delegate.getWritableMediaTypes();
  }

  @Override
  public List<MediaType> getWritableMediaTypes(ResolvableType elementType) {
    return delegate.getWritableMediaTypes(elementType);
  }

  @Override
  public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
    return delegate.canWrite(elementType, mediaType);
  }

  @Override
  public Mono<Void> write(Publisher<?> input, ResolvableType elementType, @Nullable MediaType mediaType,
      ReactiveHttpOutputMessage message, Map<String, Object> hints) {
    if (!(message instanceof ClientHttpRequest request)) {
      return delegate.write(input, elementType, mediaType, message, hints);
    }
    if (input instanceof Mono<?> single) {
      return delegate.write(single.map(value -> released(value, request)), elementType, mediaType, message, hints);
    }
    // the delegate writes the request's line and headers as soon as it is given the stream: it is given it only
    // once the first element is decided, so that a destination the first may not go to gets no request
    return Flux.from(input).<Object>map(value -> released(value, request))
        .switchOnFirst((first, all) -> first.isOnError() ? all.then()
            : delegate.write(all, elementType, mediaType, message, hints))
        .then();
  }

  /**
   * The guard's redacted copy of a value, decided for the request's destination; the value itself if
   * it holds nothing protected.
   */
  private Object released(Object value, ClientHttpRequest request) {
    BodyDecision decided = GuardedJsonWriter.decisionOf(value, request, outbound);
    return decided == null ? value : outbound.released(value, decided.decision());
  }

  @Override
  public String toString() {
    return "ReleasingWriter[" + delegate + "]";
  }
}
