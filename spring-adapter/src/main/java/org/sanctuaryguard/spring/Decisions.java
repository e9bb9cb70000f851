package org.sanctuaryguard.spring;

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
