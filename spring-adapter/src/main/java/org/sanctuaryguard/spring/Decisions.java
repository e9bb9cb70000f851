package org.sanctuaryguard.spring;

import jakarta.servlet.ServletResponse;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;

/**
 * The decisions the adapter makes, for responses and for calls: each is the guard's, timed for the
 * metrics when Micrometer is present.
 */
final class Decisions {

  /** Which way the data goes: a response to a request, or a call the application makes. */
  enum Direction {
    INBOUND, OUTBOUND;

    String id() {
      return this == INBOUND ? "inbound" : "outbound";
    }
  }

  private final Guard guard;
  private final @Nullable GuardMetrics metrics;

  Decisions(Guard guard, @Nullable GuardMetrics metrics) {
    this.guard = guard;
    this.metrics = metrics;
  }

  Guard guard() {
    return guard;
  }

  /**
   * Decides a response body, an element of a streamed one, or a view's model, for who asked, why and
   * on what basis, with the facts the application's {@link FactsResolver} finds for it; null if it
   * holds no protected value, so that there is nothing to decide (and no resolver is called).
   *
   * @throws org.sanctuaryguard.SanctuaryGuardException if the application's resolver fails
   */
  @Nullable Decision decideBody(InboundRequest inbound, Object body) {
    if (!guard.mayHoldProtected(body.getClass())) {
      return null;
    }
    DisclosureRequest.Builder builder = inbound.request(guard).payload(body);
    if (!builder.hasCategories()) {
      return null;
    }
    inbound.addFacts(builder, body);
    return decide(builder.build(), Direction.INBOUND);
  }

  /**
   * What a writer that may lack the guard's module (a converter, a view or a part writer of the
   * application's) is given of a value decided: the guard's redacted copy if the decision withholds
   * something and the value may hold protected values, the value itself otherwise (monitor mode
   * releases everything).
   */
  Object released(Object value, Decision decision) {
    return decision.mode() == Mode.ENFORCE && decision.outcome() != Outcome.ALLOW
        && guard.mayHoldProtected(value.getClass()) ? guard.redact(value, decision).value() : value;
  }

  /**
   * Withdraws the decision of a body, a view's model or a streamed element whose write failed
   * before the response was committed, so that nothing of it left: discards what of it the response
   * buffered, and has the guard record the denial that replaces the decision ({@link
   * Guard#withdraw}), so that the guard log shows no release that was not made. A decision that
   * releases nothing is left as it is, and so is one whose response was committed: some of what it
   * released may have left, and the decision stands. Asked again for a decision withdrawn already
   * (the writer of a body, then the exception resolver), it discards the buffer again and records
   * nothing more: the guard withdraws a decision once.
   *
   * @return whether the decision was withdrawn
   */
  boolean withdrawUnsent(Decision decision, ServletResponse response, Throwable failure) {
    if (!decision.permitsAny() || decision.auditEventId().isEmpty() || response.isCommitted()) {
      return false;
    }
    response.resetBuffer();
    try {
      guard.withdraw(decision, failure);
      return true;
    } catch (RuntimeException e) {
      // the write's own failure goes on; this one must not take its place
      LogFactory.getLog(Decisions.class).error("the guard could not withdraw the decision of a response that was not"
          + " sent (" + e.getClass().getName() + "); the guard log shows it as made");
      return false;
    }
  }

  /**
   * Withdraws the decision of a response's scope ({@link #withdrawUnsent(Decision, ServletResponse,
   * Throwable)}), which then releases nothing more: the body or the view's model it decided failed
   * to be written. Nothing happens outside a response's scope, or before its decision.
   */
  void withdrawUnsent(@Nullable DecisionScope scope, ServletResponse response, Throwable failure) {
    Decision made = scope == null || !scope.isResponse() ? null : scope.decision();
    if (made != null && withdrawUnsent(made, response, failure)) {
      scope.withdrawn();
    }
  }

  Decision decide(DisclosureRequest request, Direction direction) {
    if (metrics == null) {
      return guard.decide(request);
    }
    long start = System.nanoTime();
    Decision decision = guard.decide(request);
    metrics.timed(request, decision, guard.config().holder(), direction, System.nanoTime() - start);
    return decision;
  }
}
