package org.sanctuaryguard.internal.text;

/**
 * Makes a value that came from outside (an officer's name, a docket number) safe to put in a log
 * line or a report cell: control and line-separator characters are escaped, so the value cannot
 * forge a line (CWE-117), and overlong values are cut.
 */
public final class LogSafe {

  /** The longest value kept whole; longer values are cut and end in an ellipsis. */
  public static final int MAX_LENGTH = 256;

  private LogSafe() {}

  /** Returns {@code value} with every control character escaped and cut to {@link #MAX_LENGTH}. */
  public static String clean(String value) {
    return clean(value, MAX_LENGTH);
  }

  /**
   * Returns {@code value} with every control character escaped, whole: for a report cell, which
   * holds values already cut when they were logged, or lists of them.
   */
  public static String escape(String value) {
    return clean(value, Integer.MAX_VALUE);
  }

  private static String clean(String value, int maxLength) {
    int length = value.length();
    int i = 0;
    while (i < length && i < maxLength && isPlain(value.charAt(i))) {
      i++;
    }
    if (i == length) {
      return value;
    }
    StringBuilder out = new StringBuilder(Math.min(length, maxLength) + 16);
    out.append(value, 0, i);
    for (; i < length && i < maxLength; i++) {
      char c = value.charAt(i);
      if (isPlain(c)) {
        out.append(c);
      } else {
        escape(c, out);
      }
    }
    if (length > maxLength) {
      out.append('\u2026');
    }
    return out.toString();
  }

  private static boolean isPlain(char c) {
    return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) && c != '\u2028' && c != '\u2029';
  }

  private static void escape(char c, StringBuilder out) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> out.append(String.format("\\u%04x", (int) c));
    }
  }
}
