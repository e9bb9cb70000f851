package org.sanctuaryguard.spring;

import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.SanctuaryGuardException;
import org.springframework.http.HttpOutputMessage;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Decides what a converter of the server writes that the response advice did not see: each element
 * of a streamed body ({@code SseEmitter}, {@code ResponseBodyEmitter}, a {@code Flux} of server-sent
 * events or NDJSON), which Spring MVC writes through the converters on whichever thread sends it,
 * and the body of a functional endpoint ({@code RouterFunction}). Each is decided and recorded for
 * the request's requester, purpose and basis, like a body, with the facts the application's {@link
 * FactsResolver} finds for it. A streamed element that the decision releases nothing of fails its
 * send with a {@link StreamedElementException}, which ends its stream; such a body fails with a
 * {@link ResponseRefusedException} before a byte of it is written, which answers 403. A body or an
 * element decided here whose write then fails before the response was committed has its decision
 * withdrawn ({@link #writeDecided}).
 */
final class UnadvisedBodies {

  private static final Log LOG = LogFactory.getLog(UnadvisedBodies.class);

  private final Decisions decisions;
  private final StreamedResponses streamed;

  UnadvisedBodies(Decisions decisions, StreamedResponses streamed) {
    this.decisions = decisions;
    this.streamed = streamed;
  }

  /**
   * Decides a body about to be written to a message, if the response advice did not see it.
   *
   * @return the decision, which releases something; or null if the body needs none: the advice
   *     decided it, or it holds no protected value
   * @throws StreamedElementException if it is a streamed element that the decision releases nothing
   *     of, or that could not be decided
   * @throws ResponseRefusedException if it is a body that the decision releases nothing of
   * @throws IOException if such a body could not be decided
   */
  @Nullable Decision decide(Object body, HttpOutputMessage message) throws IOException {
    InboundRequest streamedFor = streamed.of(message);
    InboundRequest inbound = streamedFor != null ? streamedFor : undecidedBody(body);
    Decision decision;
    try {
      // a streamed element is its own request's, whatever the thread that sends it decided for another
      decision = inbound == null || streamedFor == null && decidedBody() ? null : decisions.decideBody(inbound, body);
    } catch (RuntimeException e) {
      // an emitter wraps any other exception in a message that holds the element's toString
      if (streamedFor != null) {
        // once, here, however the stream then ends; the guard's own messages name classes, facts and properties,
        // never a value, and another's is not repeated
        LOG.error("a streamed element could not be decided, so the stream ends: "
            + (e instanceof SanctuaryGuardException ? e.getMessage() : e.getClass().getName()));
        throw failed(message, StreamedElementException.undecided(e));
      }
      throw new IOException("the guard could not decide a response's body (" + e.getClass().getName() + ")", e);
    }
    if (decision == null || decision.permitsAny()) {
      return decision;
    }
    ResponseRefusedException refused = new ResponseRefusedException(decision);
    if (streamedFor != null) {
      throw failed(message, StreamedElementException.refused(refused));
    }
    throw refused;
  }

  /**
   * Decides a body about to be written to a message, as {@link #decide} does (and throws as it
   * does), and writes it under that decision; if the write fails before the response was committed,
   * the decision is withdrawn ({@link Decisions#withdrawUnsent}), since nothing of the body left.
   */
  void writeDecided(Object body, HttpOutputMessage message, DelegatingMessageConverter.BodyWrite write) throws IOException {
    Decision decision = decide(body, message);
    try {
      write.write(decision);
    } catch (IOException | RuntimeException e) {
      ServletResponse response = decision == null ? null : StreamedResponses.servletResponse(message);
      if (response != null) {
        decisions.withdrawUnsent(decision, response, e);
      }
      throw e;
    }
  }

  /**
   * What a converter that cannot redact is given of a body: the guard's redacted copy of it, if it
   * needed a decision ({@link #writeDecided}), or else the body itself.
   */
  Object released(Object body, @Nullable Decision decision) {
    return decision == null ? body : decisions.released(body, decision);
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
