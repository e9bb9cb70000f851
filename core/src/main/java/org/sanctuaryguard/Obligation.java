package org.sanctuaryguard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A duty that a decision puts on the holder: log the request, notify the subject within three days,
 * refer to counsel, keep a copy of the document. Obligations of every applicable rule add up; for
 * the same kind the earliest deadline holds.
 *
 * @param kind what must be done
 * @param due when it must be done by, where the law gives a deadline, or null
 * @param rules the ids of the rules that impose it
 * @since 0.1.0
 */
public record Obligation(ObligationKind kind, @Nullable Instant due, List<String> rules) {

  /** Checks the arguments and copies the rules. */
  public Obligation {
    Objects.requireNonNull(kind, "kind");
    rules = List.copyOf(rules);
  }

  /** Returns the deadline, if the law gives one. */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(due);
  }

  @Override
  public String toString() {
    return kind + (due == null ? "" : " by " + due) + " " + rules;
  }
}
