package org.sanctuaryguard.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a guard log forces what it wrote to disk (group commit): after at most {@code events}
 * records or about {@code interval}, whichever comes first. The log checks the interval at its
 * tick, against its last force, so a record may wait up to twice the interval. A crash loses at
 * most what was written since the last force. {@link #never()} leaves it to the operating system.
 *
 * @param events the most records written between two forces; 0 for never
 * @param interval the time after which records written are forced, checked at the log's tick; zero
 *     for never
 * @since 0.1.0
 */
public record FsyncPolicy(int events, Duration interval) {

  /** Checks the policy. */
  public FsyncPolicy {
    Objects.requireNonNull(interval, "interval");
    if (events < 0) {
      throw new IllegalArgumentException("fsync events must be 0 (never) or positive, but was " + events);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("fsync interval must not be negative, but was " + interval);
    }
  }

  /** Forces after at most {@code events} records or {@code interval}, whichever comes first. */
  public static FsyncPolicy every(int events, Duration interval) {
    if (events < 1 || interval.isZero()) {
      throw new IllegalArgumentException(
          "fsync needs at least 1 event and a positive interval, but was " + events + " events and " + interval);
    }
    return new FsyncPolicy(events, interval);
  }

  /** Forces after every record: no record is ever lost, at the price of a disk write per decision. */
  public static FsyncPolicy always() {
    return new FsyncPolicy(1, Duration.ofMillis(1));
  }

  /** Never forces; records reach the operating system when the buffer fills and every second. */
  public static FsyncPolicy never() {
    return new FsyncPolicy(0, Duration.ZERO);
  }

  /** Returns whether the log ever forces. */
  public boolean forces() {
    return events > 0;
  }

  @Override
  public String toString() {
    return forces() ? "every " + events + " events or " + interval.toMillis() + " ms" : "never";
  }
}
