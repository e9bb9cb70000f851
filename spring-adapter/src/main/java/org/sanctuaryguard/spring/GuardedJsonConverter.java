package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring MVC's JSON converter, with the application's mapper, that also decides each element of a
 * streamed body ({@code SseEmitter}, {@code ResponseBodyEmitter}, a {@code Flux} of server-sent
 * events or NDJSON): Spring MVC writes those through the converters without the response advice, on
 * whichever thread sends them. Each element that holds protected values is decided and recorded for
 * the request's requester, purpose and basis, like a body; one the decision releases nothing of is
 * not written, and its send fails with a {@link StreamedElementRefusedException}. Every other write
 * is Jackson's converter's own.
 */
final class GuardedJsonConverter extends JacksonJsonHttpMessageConverter {

  private final Decisions decisions;
  private final StreamedResponses streamed;

  GuardedJsonConverter(JsonMapper mapper, Decisions decisions, StreamedResponses streamed) {
    super(mapper);
    this.decisions = decisions;
    this.streamed = streamed;
  }

  @Override
  protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage message,
      @Nullable Map<String, Object> hints) throws IOException {
    InboundRequest inbound = streamed.of(message);
    Decision decision;
    try {
      decision = inbound == null || decidedBody() ? null : decisions.decideBody(inbound, object);
    } catch (RuntimeException e) {
      // an emitter wraps any other exception in a message that holds the element's toString
      throw new IOException("the guard could not decide a streamed element (" + e.getClass().getName() + ")", e);
    }
    if (decision == null) {
      super.writeInternal(object, type, message, hints);
      return;
    }
    if (!decision.permitsAny()) {
      throw new StreamedElementRefusedException(new ResponseRefusedException(decision));
    }
    DecisionScope element = DecisionScope.open(decision);
    try {
      super.writeInternal(object, type, message, hints);
    } finally {
      element.close();
    }
  }

  /** Whether this write is a response's body, which the response advice decided before it. */
  private static boolean decidedBody() {
    DecisionScope scope = DecisionScope.current();
    return scope != null && scope.isResponse() && scope.decision() != null;
  }
}
