package org.sanctuaryguard.spring;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Outcome;

/** Counts the decisions the guard records, by outcome, for the Actuator endpoint. Thread-safe. */
final class DecisionTally {

  private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

  DecisionTally() {
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, new LongAdder());
    }
  }

  /** Counts a recorded event; events of fulfilled obligations have no outcome and are not counted. */
  void record(GuardEvent event) {
    event.outcome().ifPresent(outcome -> counts.get(outcome).increment());
  }

  /** Returns the count of each outcome, by its id, in the order of {@link Outcome}. */
  Map<String, Long> byOutcome() {
    Map<String, Long> result = new LinkedHashMap<>();
    counts.forEach((outcome, count) -> result.put(outcome.id(), count.sum()));
    return result;
  }
}
