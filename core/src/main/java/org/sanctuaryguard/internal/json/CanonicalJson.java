package org.sanctuaryguard.internal.json;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON in a canonical form, after RFC 8785 (JSON Canonicalization Scheme) for the values
 * guard logs hold: objects with keys sorted by UTF-16 code units, no whitespace, whole numbers in
 * their shortest form, booleans, strings escaped minimally ({@code \"}, {@code \\}, the short
 * escapes of control characters, &#92;u00xx for the others; everything else as it is), in UTF-8.
 * The same value always gives the same bytes, so a hash over them survives a log pipeline that
 * parses and re-serializes each line.
 *
 * <p>A {@link Writer} writes straight into a reusable byte array, without an intermediate string,
 * so that the guard log serializes each record once.
 */
public final class CanonicalJson {

  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  private CanonicalJson() {}

  /** Returns the canonical UTF-8 bytes of an object whose keys are sorted. */
  public static byte[] bytes(SortedMap<String, ?> object) {
    return new Writer().object(object).toByteArray();
  }

  /** Returns the canonical UTF-8 bytes of a string, quoted and escaped. */
  public static byte[] string(String text) {
    return new Writer().string(text).toByteArray();
  }

  /**
   * A growable byte array that canonical JSON is written into, member by member or whole objects
   * at a time. Not thread-safe; reuse one per thread with {@link #reset()}.
   */
  public static final class Writer {

    private static final int CACHE = 1024;
    private static final int CACHED_LENGTH = 256;

    private final String @Nullable [] cachedStrings;
    private final byte @Nullable [][] cachedBytes;
    private byte[] bytes = new byte[2048];
    private int length;
    private boolean firstMember = true;

    /** Returns a writer. */
    public Writer() {
      this(false);
    }

    private Writer(boolean caching) {
      this.cachedStrings = caching ? new String[CACHE] : null;
      this.cachedBytes = caching ? new byte[CACHE][] : null;
    }

    /**
     * Returns a writer that keeps the encoded form of the member names it wrote in a small cache,
     * by identity, for a writer that writes record after record with the same names: they are then
     * copied instead of encoded. Values are never cached, so the writer keeps no value of an
     * earlier record beyond its buffer. The cache holds at most a thousand short names.
     */
    public static Writer caching() {
      return new Writer(true);
    }

    /** Empties the writer, keeping its array. */
    public Writer reset() {
      length = 0;
      firstMember = true;
      return this;
    }

    /** Returns how many bytes were written. */
    public int length() {
      return length;
    }

    /** Returns the array the bytes were written into; valid up to {@link #length()}. */
    public byte[] array() {
      return bytes;
    }

    /** Returns a copy of the bytes written. */
    public byte[] toByteArray() {
      return Arrays.copyOf(bytes, length);
    }

    /** Opens an object whose members follow through {@link #member}. */
    public Writer beginObject() {
      raw('{');
      firstMember = true;
      return this;
    }

    /** Writes one member of the object begun last; members must come in canonical key order. */
    public Writer member(String key, Object value) {
      memberKey(key);
      return value(value);
    }

    private void memberKey(String key) {
      if (!firstMember) {
        raw(',');
      }
      firstMember = false;
      name(key);
      raw(':');
    }

    /** Writes one member whose value is already canonical JSON, such as a quoted hash. */
    public Writer rawMember(String key, byte[] value) {
      memberKey(key);
      return raw(value, 0, value.length);
    }

    /** Writes one member whose value is a whole number, without boxing it. */
    public Writer member(String key, long value) {
      memberKey(key);
      return number(value);
    }

    /**
     * Continues an object begun in another writer: every member written from here on is preceded
     * by a comma, so that the bytes can be spliced after other members.
     */
    public Writer continueObject() {
      firstMember = false;
      return this;
    }

    /** Closes the object begun last. */
    public Writer endObject() {
      return raw('}');
    }

    /** Writes a whole object whose keys are sorted. */
    public Writer object(SortedMap<String, ?> object) {
      raw('{');
      boolean first = true;
      for (Map.Entry<String, ?> entry : object.entrySet()) {
        if (!first) {
          raw(',');
        }
        first = false;
        name(entry.getKey());
        raw(':');
        value(entry.getValue());
      }
      return raw('}');
    }

    /** Writes one byte as it is. */
    public Writer raw(char c) {
      ensure(1);
      bytes[length++] = (byte) c;
      return this;
    }

    /** Writes bytes as they are. */
    public Writer raw(byte[] source, int offset, int count) {
      ensure(count);
      System.arraycopy(source, offset, bytes, length, count);
      length += count;
      return this;
    }

    @SuppressWarnings("unchecked")
    private Writer value(Object value) {
      if (value instanceof String text) {
        return string(text);
      }
      if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return number(((Number) value).longValue());
      }
      if (value instanceof Boolean bool) {
        return bool ? ascii("true") : ascii("false");
      }
      if (value instanceof SortedMap<?, ?> map) {
        return object((SortedMap<String, ?>) map);
      }
      if (value instanceof Collection<?> list) {
        raw('[');
        boolean first = true;
        for (Object element : list) {
          if (!first) {
            raw(',');
          }
          first = false;
          value(element);
        }
        return raw(']');
      }
      throw new IllegalArgumentException(
          "a guard log holds strings, whole numbers, booleans, lists and sorted objects, not "
              + (value == null ? "null" : value.getClass().getName()));
    }

    private Writer number(long value) {
      if (value == Long.MIN_VALUE) {
        return ascii(Long.toString(value));
      }
      ensure(20);
      long rest = value;
      if (rest < 0) {
        bytes[length++] = '-';
        rest = -rest;
      }
      int digits = 1;
      for (long power = 10; digits < 19 && rest >= power; power *= 10) {
        digits++;
      }
      for (int i = length + digits - 1; i >= length; i--) {
        bytes[i] = (byte) ('0' + rest % 10);
        rest /= 10;
      }
      length += digits;
      return this;
    }

    private Writer ascii(String text) {
      ensure(text.length());
      for (int i = 0; i < text.length(); i++) {
        bytes[length++] = (byte) text.charAt(i);
      }
      return this;
    }

    /** Writes a string, quoted, escaped and encoded in UTF-8 as {@link String#getBytes} would. */
    public Writer string(String text) {
      encode(text);
      return this;
    }

    /** Writes a member's name, from the cache if the writer keeps one and has seen the name. */
    private Writer name(String text) {
      String[] strings = cachedStrings;
      if (strings == null) {
        encode(text);
        return this;
      }
      byte[][] encodings = Objects.requireNonNull(cachedBytes);
      int slot = System.identityHashCode(text) & (CACHE - 1);
      if (strings[slot] == text) {
        byte[] encoded = encodings[slot];
        return raw(encoded, 0, encoded.length);
      }
      int start = length;
      encode(text);
      if (length - start <= CACHED_LENGTH) {
        strings[slot] = text;
        encodings[slot] = Arrays.copyOfRange(bytes, start, length);
      }
      return this;
    }

    private void encode(String text) {
      int count = text.length();
      ensure(count * 6 + 2);
      byte[] out = bytes;
      int at = length;
      out[at++] = '"';
      for (int i = 0; i < count; i++) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          out[at++] = (byte) c;
        } else {
          length = at;
          i = special(text, i, c);
          at = length;
        }
      }
      out[at++] = '"';
      length = at;
    }

    /**
     * Writes a character that is escaped or takes more than one byte; returns the index of its last
     * char. The caller reserved six bytes a char, which no character needs more of.
     */
    private int special(String text, int i, char c) {
      switch (c) {
        case '"' -> twoBytes('\\', '"');
        case '\\' -> twoBytes('\\', '\\');
        case '\b' -> twoBytes('\\', 'b');
        case '\f' -> twoBytes('\\', 'f');
        case '\n' -> twoBytes('\\', 'n');
        case '\r' -> twoBytes('\\', 'r');
        case '\t' -> twoBytes('\\', 't');
        default -> {
          if (c < 0x20) {
            twoBytes('\\', 'u');
            twoBytes('0', '0');
            twoBytes((char) HEX[c >> 4], (char) HEX[c & 0xf]);
          } else if (c < 0x800) {
            twoBytes((char) (0xc0 | c >> 6), (char) (0x80 | c & 0x3f));
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int point = Character.toCodePoint(c, text.charAt(i + 1));
            twoBytes((char) (0xf0 | point >> 18), (char) (0x80 | point >> 12 & 0x3f));
            twoBytes((char) (0x80 | point >> 6 & 0x3f), (char) (0x80 | point & 0x3f));
            return i + 1;
          } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?';
          } else {
            bytes[length++] = (byte) (0xe0 | c >> 12);
            twoBytes((char) (0x80 | c >> 6 & 0x3f), (char) (0x80 | c & 0x3f));
          }
        }
      }
      return i;
    }

    private void twoBytes(char first, char second) {
      bytes[length++] = (byte) first;
      bytes[length++] = (byte) second;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}
