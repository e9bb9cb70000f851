package org.sanctuaryguard.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.RecipientClass;

/**
 * The guard's Micrometer meters: {@value #DECISIONS}, a counter of every decision the guard records,
 * and {@value #DECISION_TIME}, a timer of the decisions the adapter makes for responses and calls.
 * Their tags are ids of the vocabulary only (outcome, recipient class, holder, mode, direction):
 * never a subject, a recipient's name, a document or anything else a request carries. Thread-safe.
 */
final class GuardMetrics {

  static final String DECISIONS = "sanctuary.guard.decisions";
  static final String DECISION_TIME = "sanctuary.guard.decision";

  private final MeterRegistry registry;
  private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

  private record Tags(String outcome, RecipientClass recipientClass, Holder holder, String last) {}

  GuardMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts a recorded decision; events of fulfilled obligations are not decisions. */
  void record(GuardEvent event) {
    if (event.outcome().isEmpty() || event.recipient().isEmpty() || event.holder().isEmpty()) {
      return;
    }
    Tags tags = new Tags(event.outcome().get().id(), event.recipient().get().recipientClass(), event.holder().get(),
        event.mode().id());
    counters.computeIfAbsent(tags, key -> Counter.builder(DECISIONS)
        .description("Decisions the guard recorded")
        .tag("outcome", key.outcome())
        .tag("recipient.class", key.recipientClass().id())
        .tag("holder", key.holder().id())
        .tag("mode", key.last())
        .register(registry)).increment();
  }

  /** Times a decision the adapter made. */
  void timed(DisclosureRequest request, Decision decision, Holder guardHolder, Decisions.Direction direction,
      long nanos) {
    Tags tags = new Tags(decision.outcome().id(), request.recipient().recipientClass(),
        request.holder().orElse(guardHolder), direction.id());
    timers.computeIfAbsent(tags, key -> Timer.builder(DECISION_TIME)
        .description("Time the guard took to decide a response or a call")
        .tag("outcome", key.outcome())
        .tag("recipient.class", key.recipientClass().id())
        .tag("holder", key.holder().id())
        .tag("direction", key.last())
        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }
}
