package org.sanctuaryguard.spring.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.RecipientClass;

/** Counts the adapter's decisions by outcome since start-up, for the Actuator endpoint. Thread-safe. */
public final class DecisionCounts implements DecisionListener {

  private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

  /** Creates the counts, all zero. */
  public DecisionCounts() {
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, new LongAdder());
    }
  }

  @Override
  public void decided(Decision decision, RecipientClass recipientClass, Holder holder, long nanos) {
    counts.get(decision.outcome()).increment();
  }

  /** Returns the count of every outcome, by its id, in the order of {@link Outcome}. */
  public Map<String, Long> byOutcome() {
    Map<String, Long> result = new LinkedHashMap<>();
    counts.forEach((outcome, count) -> result.put(outcome.id(), count.sum()));
    return result;
  }
}
