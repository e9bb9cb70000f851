package org.sanctuaryguard.internal.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes instants as {@link Instant#toString()} does (ISO 8601 in UTC, the fraction of a second in
 * groups of three digits, none when it is zero), without going through a {@code
 * DateTimeFormatter}: every guard event carries one, and the formatter costs more than the rest of
 * the event's text. Years outside 1000 to 9999 are left to {@code Instant.toString()}.
 */
public final class Timestamps {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST = LocalDate.of(1000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

  /** The date of the last instant written, as {@code yyyy-MM-ddT} bytes: most instants share it. */
  private static volatile Day lastDay = new Day(0, date(0));

  private record Day(long epochDay, byte[] text) {}

  private Timestamps() {}

  /** Returns the instant as {@link Instant#toString()} would. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds >= END) {
      return instant.toString();
    }
    long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
    Day day = lastDay;
    if (day.epochDay() != epochDay) {
      day = new Day(epochDay, date(epochDay));
      lastDay = day;
    }
    int nanos = instant.getNano();
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    byte[] out = new byte[19 + (digits == 0 ? 0 : digits + 1) + 1];
    System.arraycopy(day.text(), 0, out, 0, 11);
    int ofDay = (int) (seconds - epochDay * SECONDS_PER_DAY);
    twoDigits(out, 11, ofDay / 3600);
    out[13] = ':';
    twoDigits(out, 14, ofDay / 60 % 60);
    out[16] = ':';
    twoDigits(out, 17, ofDay % 60);
    int at = 19;
    if (digits > 0) {
      out[at++] = '.';
      int fraction = nanos;
      for (int i = 9; i > digits; i--) {
        fraction /= 10;
      }
      for (int i = at + digits - 1; i >= at; i--) {
        out[i] = (byte) ('0' + fraction % 10);
        fraction /= 10;
      }
      at += digits;
    }
    out[at] = 'Z';
    return new String(out, StandardCharsets.US_ASCII);
  }

  private static byte[] date(long epochDay) {
    return (LocalDate.ofEpochDay(epochDay) + "T").getBytes(StandardCharsets.US_ASCII);
  }

  private static void twoDigits(byte[] out, int at, int value) {
    out[at] = (byte) ('0' + value / 10);
    out[at + 1] = (byte) ('0' + value % 10);
  }
}
