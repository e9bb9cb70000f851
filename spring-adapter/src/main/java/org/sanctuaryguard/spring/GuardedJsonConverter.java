package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring MVC's JSON converter, with the application's mapper (given the guard's module if it lacks
 * it, see {@link SanctuaryGuardModule#addedTo}), that also decides each element of a streamed body
 * ({@code SseEmitter}, {@code ResponseBodyEmitter}, a {@code Flux} of server-sent events or
 * NDJSON): Spring MVC writes those through the converters without the response advice, on
 * whichever thread sends them. Each element that holds protected values is decided and recorded for
 * the request's requester, purpose and basis, with the facts the application's {@link
 * FactsResolver} finds for the element, like a body; one the decision releases nothing of is not
 * written, and its send fails with a {@link StreamedElementException}.
 *
 * <p>It also decides a response body that holds protected values and that the response advice did
 * not see: the body of a functional endpoint ({@code RouterFunction}), which Spring MVC writes
 * through the converters without the advice. It is decided for the request's requester, like any
 * body, and one the decision releases nothing of fails with a {@link ResponseRefusedException}
 * before a byte of it is written, which answers 403. Every other write is Jackson's converter's own.
 */
final class GuardedJsonConverter extends JacksonJsonHttpMessageConverter {

  private final Decisions decisions;
  private final StreamedResponses streamed;

  GuardedJsonConverter(JsonMapper mapper, Decisions decisions, StreamedResponses streamed) {
    super(mapper);
    this.decisions = decisions;
    this.streamed = streamed;
  }

  /**
   * Registers mappers for a type, as Jackson's converter does, but only mappers that hold the
   * guard's module: a body of that type would be written with the mapper registered for it, and one
   * without the module would write every protected value, whatever the decision (Spring Boot
   * Actuator registers its own mapper so, which the adapter gives the module).
   *
   * @throws IllegalStateException if a mapper registered for the type lacks the module, naming the
   *     type and the media type
   */
  @Override
  public void registerMappersForType(Class<?> type, Consumer<Map<MediaType, JsonMapper>> registrar) {
    // checked before they are registered, so that a refused mapper is not left in place
    Map<MediaType, JsonMapper> proposed = new LinkedHashMap<>(getMappersForType(type));
    registrar.accept(proposed);
    proposed.forEach((mediaType, mapper) -> {
      if (!SanctuaryGuardModule.isRegisteredIn(mapper)) {
        throw new IllegalStateException("a JsonMapper registered on the JSON converter for " + type.getName() + " ("
            + mediaType + ") lacks the guard's SanctuaryGuardModule, so it would write the protected values of such a"
            + " body whatever the guard decided; add the module (JsonMapper.builder().addModule(sanctuaryGuardModule))");
      }
    });
    super.registerMappersForType(type, mappers -> {
      mappers.clear();
      mappers.putAll(proposed);
    });
  }

  @Override
  protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage message,
      @Nullable Map<String, Object> hints) throws IOException {
    InboundRequest streamedFor = streamed.of(message);
    InboundRequest inbound = streamedFor != null ? streamedFor : undecidedBody(object);
    Decision decision;
    try {
      // a streamed element is its own request's, whatever the thread that sends it decided for another
      decision = inbound == null || streamedFor == null && decidedBody() ? null : decisions.decideBody(inbound, object);
    } catch (RuntimeException e) {
      // an emitter wraps any other exception in a message that holds the element's toString
      if (streamedFor != null) {
        throw failed(message, StreamedElementException.undecided(e));
      }
      throw new IOException("the guard could not decide a response's body (" + e.getClass().getName() + ")", e);
    }
    if (decision == null) {
      super.writeInternal(object, type, message, hints);
      return;
    }
    if (!decision.permitsAny()) {
      ResponseRefusedException refused = new ResponseRefusedException(decision);
      if (streamedFor != null) {
        throw failed(message, StreamedElementException.refused(refused));
      }
      throw refused;
    }
    DecisionScope element = DecisionScope.open(decision);
    try {
      super.writeInternal(object, type, message, hints);
    } finally {
      element.close();
    }
  }

  /** Ends the element's stream with its failure, which is thrown to whoever sent it too. */
  private StreamedElementException failed(HttpOutputMessage message, StreamedElementException failure) {
    streamed.fail(message, failure);
    return failure;
  }

  /**
   * Who asks for a response body that may hold protected values and that nothing decided yet (the
   * response advice did not see it), or null: Spring MVC writes a functional endpoint's body so.
   */
  private @Nullable InboundRequest undecidedBody(Object body) {
    DecisionScope scope = DecisionScope.current();
    if (scope == null || !scope.isResponse() || scope.wasExamined()
        || !decisions.guard().mayHoldProtected(body.getClass())) {
      return null;
    }
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        && attributes.getRequest().getAttribute(InboundRequest.ATTRIBUTE) instanceof InboundRequest inbound
        ? inbound : null;
  }

  /** Whether this write is a response's body, which the response advice decided before it. */
  private static boolean decidedBody() {
    DecisionScope scope = DecisionScope.current();
    return scope != null && scope.isResponse() && scope.decision() != null;
  }
}
