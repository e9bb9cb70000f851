package org.sanctuaryguard.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test sets or moves, in one zone; safe to read from the sink's thread. */
final class SettableClock extends Clock {

  private final ZoneId zone;
  volatile Instant now;

  SettableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * Returns this clock itself in its own zone; in another, its instant now, fixed, in that zone: the
   * guard log reads its roll zone's day from such a clock at once.
   */
  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : Clock.fixed(now, other);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
