package org.sanctuaryguard.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes JSON in a canonical form, after RFC 8785 (JSON Canonicalization Scheme) for the values
 * guard logs hold: objects with keys sorted by UTF-16 code units, no whitespace, whole numbers in
 * their shortest form, booleans, strings escaped minimally ({@code \"}, {@code \\}, the short
 * escapes of control characters, &#92;u00xx for the others; everything else as it is). The
 * same value always gives the same bytes, so a hash over them survives a log pipeline that parses
 * and re-serializes each line.
 */
public final class CanonicalJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /** Returns the canonical UTF-8 bytes of an object whose keys are sorted. */
  public static byte[] bytes(SortedMap<String, ?> object) {
    StringBuilder out = new StringBuilder(1024);
    object(out, object);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends the canonical form of an object whose keys are sorted. */
  public static void object(StringBuilder out, SortedMap<String, ?> object) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, ?> entry : object.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, entry.getKey());
      out.append(':');
      value(out, entry.getValue());
    }
    out.append('}');
  }

  @SuppressWarnings("unchecked")
  private static void value(StringBuilder out, Object value) {
    if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof SortedMap<?, ?> map) {
      object(out, (SortedMap<String, ?>) map);
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object element : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        value(out, element);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "a guard log holds strings, whole numbers, booleans, lists and sorted objects, not "
              + (value == null ? "null" : value.getClass().getName()));
    }
  }

  /** Appends a string, quoted and escaped. */
  public static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
