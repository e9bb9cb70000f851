package org.sanctuaryguard.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.sanctuaryguard.internal.json.LogField;
import org.sanctuaryguard.internal.text.LogSafe;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one line of a guard log in place, without building a tree: a single pass over its bytes
 * checks that it is one JSON object in canonical form and notes where the values of the fields
 * in {@link LogField} lie; values are decoded only when asked for. The record's hash is then the
 * SHA-256 of the line's bytes without its hash member. A line that is valid JSON but not
 * canonical (a pipeline re-serialized it) is parsed with Jackson and put in canonical form first,
 * and {@link #reformatted()} says so; a line that is neither is reported with what is wrong.
 *
 * <p>A line's bytes must be strict UTF-8 text: the canonical scan accepts only well-formed UTF-8
 * (no overlong form, no surrogate, no control character), and a line that is not canonical is
 * checked for the same, and for a byte order mark, before Jackson sees it, and is parsed from the
 * decoded text. Jackson reading bytes would detect UTF-16 or UTF-32 and skip a byte order mark,
 * and lets an overlong form through: the verifier would read a record that grep, jq or a log
 * shipper reads as something else, or not at all.
 *
 * <p>Mutable and reused line after line: one per thread.
 */
final class LogLine {

  /** The longest line read; a guard event is about a kilobyte. */
  static final int MAX_LENGTH = 1 << 20;

  /** The hash that the first record of a directory's first stream chains to. */
  static final String ZERO = "0".repeat(64);

  private static final LogField[] FIELDS = LogField.values();
  /** The fields' names in UTF-8, by ordinal. */
  private static final byte[][] NAMES = names();
  private static final LogField[] REQUIRED_STRINGS = {LogField.STREAM, LogField.PREVIOUS, LogField.HASH, LogField.ACTION};
  private static final int TABLE_MASK = 127;
  private static final LogField[] TABLE = table();
  private static final int MAX_DEPTH = 32;
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final int[] valueStart = new int[FIELDS.length];
  private final int[] valueEnd = new int[FIELDS.length];
  private final HashCheck hashCheck = new HashCheck();
  private final CanonicalJson.Writer canonical = new CanonicalJson.Writer();
  private byte[] bytes = new byte[0];
  private int start;
  private int end;
  private int hashMemberStart;
  private int hashMemberEnd;
  private boolean reformatted;
  private @Nullable String problem;

  // state of one pass of the scanner
  private boolean plain;
  private int depth;

  /**
   * Reads a line: {@code bytes[offset, offset + length)}, without its line feed.
   *
   * @return whether it is a guard-log record; if not, {@link #problem()} says why
   */
  boolean read(byte[] source, int offset, int length) {
    bytes = source;
    start = offset;
    end = offset + length;
    reformatted = false;
    problem = null;
    if (!scan()) {
      problem = notUtf8Text(bytes, start, end);
      if (problem != null) {
        return false;
      }
      reformatted = true;
      if (!canonicalize()) {
        return false;
      }
    }
    problem = recordProblem();
    return problem == null;
  }

  /** Returns why the last line read is not a guard-log record; null if it is one. */
  @Nullable String problem() {
    return problem;
  }

  /**
   * Returns whether the last line was valid JSON but not in canonical form, and was put in it: the
   * guard-log sink writes every line in canonical form, so something else wrote this one.
   */
  boolean reformatted() {
    return reformatted;
  }

  /** Returns the canonical bytes of the line: the array, from {@link #start()} to {@link #end()}. */
  byte[] bytes() {
    return bytes;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** Returns whether the line has the field, with any value. */
  boolean has(LogField field) {
    return valueStart[field.ordinal()] >= 0;
  }

  /** Returns a string field, decoded; null if absent or not a string. */
  @Nullable String string(LogField field) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != '"') {
      return null;
    }
    return decode(from, valueEnd[field.ordinal()]);
  }

  /** Returns a whole-number field; {@code Long.MIN_VALUE} if absent or not a number. */
  long number(LogField field) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != '-' && (bytes[from] < '0' || bytes[from] > '9')) {
      return Long.MIN_VALUE;
    }
    int to = valueEnd[field.ordinal()];
    boolean negative = bytes[from] == '-';
    long value = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return negative ? -value : value;
  }

  /** Returns a boolean field; null if absent or not a boolean. */
  @Nullable Boolean bool(LogField field) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != 't' && bytes[from] != 'f') {
      return null;
    }
    return bytes[from] == 't';
  }

  /** Returns the strings of an array field, in order, leaving out other values; empty if absent. */
  List<String> strings(LogField field) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != '[') {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    int i = from + 1;
    int to = valueEnd[field.ordinal()] - 1;
    while (i < to) {
      if (bytes[i] == '"') {
        int after = skipString(i);
        values.add(decode(i, after));
        i = after;
      } else {
        i = skipNested(i, to);
      }
      if (i < to && bytes[i] == ',') {
        i++;
      }
    }
    return values;
  }

  /** Returns whether a string field's raw bytes (between its quotes) equal {@code other[0, length)}. */
  boolean stringEquals(LogField field, byte[] other, int length) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != '"') {
      return false;
    }
    int to = valueEnd[field.ordinal()] - 1;
    return to - from - 1 == length && Arrays.equals(bytes, from + 1, to, other, 0, length);
  }

  /**
   * Copies a string field's raw bytes into {@code target} if they fit, and returns how many there
   * were; -1 if the field is absent, not a string, or too long.
   */
  int copyString(LogField field, byte[] target) {
    int from = valueStart[field.ordinal()];
    if (from < 0 || bytes[from] != '"') {
      return -1;
    }
    int count = valueEnd[field.ordinal()] - from - 2;
    if (count > target.length) {
      return -1;
    }
    System.arraycopy(bytes, from + 1, target, 0, count);
    return count;
  }

  /** Returns whether the recorded hash is the SHA-256 of the record without its hash member. */
  boolean hashValid() {
    return hashCheck.holds(bytes, start, hashMemberStart, hashMemberEnd, end, hashValueStart(), hashValueLength());
  }

  /** Returns where the hash member (with one comma next to it) begins; {@link #end()} if there is none. */
  int hashMemberStart() {
    return hashMemberStart;
  }

  /** Returns where the hash member (with one comma next to it) ends. */
  int hashMemberEnd() {
    return hashMemberEnd;
  }

  /** Returns where the recorded hash's characters begin; -1 if it is not a string. */
  int hashValueStart() {
    int from = valueStart[LogField.HASH.ordinal()];
    return from < 0 || bytes[from] != '"' ? -1 : from + 1;
  }

  /** Returns how many bytes the recorded hash's characters take. */
  int hashValueLength() {
    int from = valueStart[LogField.HASH.ordinal()];
    return from < 0 ? 0 : valueEnd[LogField.HASH.ordinal()] - from - 2;
  }

  /**
   * The check of a record's own hash, over bytes laid out as a line: the SHA-256 of the line
   * without its hash member, in lower-case hexadecimal, must equal the recorded hash. One per
   * thread.
   */
  static final class HashCheck {
    private final MessageDigest sha256 = sha256();
    private final byte[] digest = new byte[32];
    private final byte[] hex = new byte[64];

    /**
     * Returns whether {@code bytes[from, to)} without {@code bytes[memberFrom, memberTo)} hashes to
     * the {@code hashLength} bytes at {@code hashAt}.
     */
    boolean holds(byte[] bytes, int from, int memberFrom, int memberTo, int to, int hashAt, int hashLength) {
      if (hashAt < 0 || hashLength != hex.length) {
        return false;
      }
      sha256.update(bytes, from, memberFrom - from);
      sha256.update(bytes, memberTo, to - memberTo);
      try {
        sha256.digest(digest, 0, digest.length);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 digest failed", e);
      }
      for (int i = 0; i < digest.length; i++) {
        hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
      }
      return Arrays.equals(hex, 0, hex.length, bytes, hashAt, hashAt + hashLength);
    }
  }

  /**
   * Returns the SHA-256 of the record's canonical form without the values of the fields that place
   * it in a chain ({@code sanctuary.stream}, {@code event.sequence}, {@code sanctuary.chain.previous}
   * and {@code sanctuary.chain.hash}): the same for one event recorded in two sinks, and for a copy
   * of a file; different when anything the event says differs.
   */
  byte[] contentDigest(MessageDigest sha256) {
    LogField[] placing = {LogField.STREAM, LogField.SEQUENCE, LogField.PREVIOUS, LogField.HASH};
    int[] from = new int[placing.length];
    int[] to = new int[placing.length];
    int count = 0;
    for (LogField field : placing) {
      int at = valueStart[field.ordinal()];
      if (at >= 0) {
        int k = count++;
        while (k > 0 && from[k - 1] > at) {
          from[k] = from[k - 1];
          to[k] = to[k - 1];
          k--;
        }
        from[k] = at;
        to[k] = valueEnd[field.ordinal()];
      }
    }
    int p = start;
    for (int k = 0; k < count; k++) {
      sha256.update(bytes, p, from[k] - p);
      p = to[k];
    }
    sha256.update(bytes, p, end - p);
    return sha256.digest();
  }

  /** Returns every field of the line, as a guard log's sink wrote them; slow, for rare uses. */
  SortedMap<String, Object> fields() {
    try {
      return object(MAPPER.readTree(new String(bytes, start, end - start, StandardCharsets.UTF_8)), 0);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException("a line read before no longer parses", e);
    }
  }

  /** Returns the bytes a checkpoint's signature covers: its canonical form without hash and signature. */
  byte[] signedBytes() {
    SortedMap<String, Object> signed = fields();
    signed.remove(LogField.HASH.key());
    signed.remove(LogField.SIGNATURE.key());
    return CanonicalJson.bytes(signed);
  }

  private @Nullable String recordProblem() {
    long schema = number(LogField.SCHEMA);
    if (!has(LogField.SCHEMA)) {
      return "not a guard-log record: it has no sanctuary.schema";
    }
    if (schema != GuardEvent.SCHEMA_VERSION) {
      return "unknown schema version " + (schema == Long.MIN_VALUE ? "(not a number)" : schema)
          + "; this version reads schema " + GuardEvent.SCHEMA_VERSION;
    }
    for (LogField field : REQUIRED_STRINGS) {
      if (!has(field) || bytes[valueStart[field.ordinal()]] != '"') {
        return "not a guard-log record: " + field.key() + (has(field) ? " is not a string" : " is missing");
      }
    }
    if (number(LogField.SEQUENCE) < 1) {
      return "not a guard-log record: event.sequence is " + (has(LogField.SEQUENCE) ? "not a positive whole number"
          : "missing");
    }
    return null;
  }

  // ---- the canonical scanner ------------------------------------------------------------------

  /** Scans the line as canonical JSON, noting the known fields; false if it is not (or not JSON). */
  private boolean scan() {
    Arrays.fill(valueStart, -1);
    hashMemberStart = -1;
    depth = 0;
    int p = start;
    if (p >= end || bytes[p] != '{') {
      return false;
    }
    p++;
    if (p < end && bytes[p] == '}') {
      hashMemberStart = end;
      hashMemberEnd = end;
      return p + 1 == end;
    }
    int previousKeyStart = -1;
    int previousKeyEnd = -1;
    boolean previousPlain = true;
    int memberCount = 0;
    while (true) {
      int memberStart = p;
      if (p >= end || bytes[p] != '"') {
        return false;
      }
      int keyEnd = scanString(p);
      if (keyEnd < 0) {
        return false;
      }
      boolean keyPlain = plain;
      if (previousKeyStart >= 0 && !ascending(previousKeyStart, previousKeyEnd, previousPlain, p, keyEnd, keyPlain)) {
        return false;
      }
      LogField field = keyPlain ? lookup(p + 1, keyEnd - 1) : null;
      previousKeyStart = p;
      previousKeyEnd = keyEnd;
      previousPlain = keyPlain;
      p = keyEnd;
      if (p >= end || bytes[p] != ':') {
        return false;
      }
      int valueFrom = p + 1;
      p = scanValue(valueFrom);
      if (p < 0) {
        return false;
      }
      if (field != null) {
        valueStart[field.ordinal()] = valueFrom;
        valueEnd[field.ordinal()] = p;
        if (field == LogField.HASH) {
          hashMemberStart = memberStart;
          hashMemberEnd = p;
          if (memberCount > 0) {
            hashMemberStart--;
          }
        }
      }
      memberCount++;
      if (p >= end) {
        return false;
      }
      if (bytes[p] == '}') {
        break;
      }
      if (bytes[p] != ',') {
        return false;
      }
      p++;
    }
    if (p + 1 != end) {
      return false;
    }
    if (hashMemberStart >= 0 && hashMemberEnd < end - 1 && bytes[hashMemberStart] != ',') {
      hashMemberEnd++;
    }
    if (hashMemberStart < 0) {
      hashMemberStart = end;
      hashMemberEnd = end;
    }
    return true;
  }

  /** Scans a value; returns the index after it, or -1 if it is not canonical. */
  private int scanValue(int p) {
    if (p >= end) {
      return -1;
    }
    byte c = bytes[p];
    if (c == '"') {
      return scanString(p);
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return scanNumber(p);
    }
    if (c == 't') {
      return literal(p, "true");
    }
    if (c == 'f') {
      return literal(p, "false");
    }
    if (c == '[' || c == '{') {
      if (++depth > MAX_DEPTH) {
        return -1;
      }
      int after = scanContainer(p, c == '[' ? (byte) ']' : (byte) '}');
      depth--;
      return after;
    }
    return -1;
  }

  /** Scans an array or a nested object (keys in canonical order); returns the index after it, or -1. */
  private int scanContainer(int p, byte close) {
    p++;
    if (p < end && bytes[p] == close) {
      return p + 1;
    }
    int previousStart = -1;
    int previousEnd = -1;
    boolean previousPlain = true;
    while (true) {
      if (close == '}') {
        if (p >= end || bytes[p] != '"') {
          return -1;
        }
        int keyEnd = scanString(p);
        if (keyEnd < 0 || previousStart >= 0 && !ascending(previousStart, previousEnd, previousPlain, p, keyEnd, plain)) {
          return -1;
        }
        previousStart = p;
        previousEnd = keyEnd;
        previousPlain = plain;
        p = keyEnd;
        if (p >= end || bytes[p] != ':') {
          return -1;
        }
        p++;
      }
      p = scanValue(p);
      if (p < 0 || p >= end) {
        return -1;
      }
      if (bytes[p] == close) {
        return p + 1;
      }
      if (bytes[p] != ',') {
        return -1;
      }
      p++;
    }
  }

  private int literal(int p, String word) {
    if (end - p < word.length()) {
      return -1;
    }
    for (int i = 0; i < word.length(); i++) {
      if (bytes[p + i] != word.charAt(i)) {
        return -1;
      }
    }
    return p + word.length();
  }

  /** A canonical whole number: no plus, no leading zero, no minus zero, no fraction, fits a long. */
  private int scanNumber(int p) {
    int i = p;
    if (bytes[i] == '-') {
      i++;
    }
    if (i >= end || bytes[i] < '0' || bytes[i] > '9') {
      return -1;
    }
    int first = i;
    if (bytes[i] == '0') {
      i++;
      if (i - p == 2) {
        return -1;
      }
    } else {
      while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
        i++;
      }
    }
    if (i < end && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E' || bytes[i] >= '0' && bytes[i] <= '9')) {
      return -1;
    }
    int digits = i - first;
    if (digits > 19 || digits == 19 && !fitsLong(p, i)) {
      return -1;
    }
    return i;
  }

  private boolean fitsLong(int from, int to) {
    try {
      Long.parseLong(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Scans a string in canonical form (escapes only where JSON needs them, UTF-8 well formed);
   * returns the index after its closing quote, or -1. Sets {@link #plain} when it holds ASCII
   * without escapes.
   */
  private int scanString(int p) {
    plain = true;
    int i = p + 1;
    while (true) {
      i = Bytes.plainEnd(bytes, i, end);
      if (i >= end) {
        return -1;
      }
      byte c = bytes[i];
      if (c == '"') {
        return i + 1;
      }
      plain = false;
      if (c == '\\') {
        i = escape(i);
      } else if (c < 0) {
        i = utf8(bytes, i, end);
      } else {
        return -1;
      }
      if (i < 0) {
        return -1;
      }
    }
  }

  /** A canonical escape: the short forms, or &#92;u00xx in lower case for other control characters. */
  private int escape(int i) {
    if (i + 1 >= end) {
      return -1;
    }
    switch (bytes[i + 1]) {
      case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        if (i + 5 >= end || bytes[i + 2] != '0' || bytes[i + 3] != '0' || (bytes[i + 4] != '0' && bytes[i + 4] != '1')) {
          return -1;
        }
        int low = hexValue(bytes[i + 5]);
        int value = (bytes[i + 4] - '0') * 16 + low;
        if (low < 0 || value == '\b' || value == '\f' || value == '\n' || value == '\r' || value == '\t') {
          return -1;
        }
        return i + 6;
      }
      default -> {
        return -1;
      }
    }
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    return b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
  }

  /**
   * Checks one well-formed UTF-8 sequence of two to four bytes at {@code bytes[i]}, within {@code
   * end}: no surrogate, no overlong form, nothing above U+10FFFF; returns the index after it, or -1.
   */
  private static int utf8(byte[] bytes, int i, int end) {
    int lead = bytes[i] & 0xff;
    int count;
    int min;
    if (lead >= 0xc2 && lead <= 0xdf) {
      count = 1;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + count >= end) {
      return -1;
    }
    int point = lead & (0x3f >> count);
    for (int k = 1; k <= count; k++) {
      int next = bytes[i + k] & 0xff;
      if ((next & 0xc0) != 0x80) {
        return -1;
      }
      point = point << 6 | next & 0x3f;
    }
    if (point < min || point > 0x10ffff || point >= 0xd800 && point <= 0xdfff) {
      return -1;
    }
    return i + count + 1;
  }

  /** Whether key b comes strictly after key a in UTF-16 order. */
  private boolean ascending(int aFrom, int aTo, boolean aPlain, int bFrom, int bTo, boolean bPlain) {
    if (aPlain && bPlain) {
      return Arrays.compareUnsigned(bytes, aFrom + 1, aTo - 1, bytes, bFrom + 1, bTo - 1) < 0;
    }
    return decode(aFrom, aTo).compareTo(decode(bFrom, bTo)) < 0;
  }

  private static @Nullable LogField lookup(byte[] bytes, int from, int to) {
    for (int slot = slot(bytes, from, to); TABLE[slot] != null; slot = (slot + 1) & TABLE_MASK) {
      LogField field = TABLE[slot];
      if (Arrays.equals(NAMES[field.ordinal()], 0, NAMES[field.ordinal()].length, bytes, from, to)) {
        return field;
      }
    }
    return null;
  }

  private @Nullable LogField lookup(int from, int to) {
    return lookup(bytes, from, to);
  }

  /** A hash of a key from its length and three of its bytes: cheap, and probing settles the rest. */
  private static int slot(byte[] key, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return 0;
    }
    int h = length * 31 + key[to - 1];
    h = h * 31 + key[from + length / 2];
    h = h * 31 + key[from + (length * 3) / 4];
    return (h ^ h >>> 7) & TABLE_MASK;
  }

  private static byte[][] names() {
    byte[][] names = new byte[FIELDS.length][];
    for (LogField field : FIELDS) {
      names[field.ordinal()] = field.key().getBytes(StandardCharsets.US_ASCII);
    }
    return names;
  }

  /** An open-addressing table of the fields by the hash of their names, with linear probing. */
  private static LogField[] table() {
    LogField[] table = new LogField[TABLE_MASK + 1];
    for (LogField field : LogField.values()) {
      int slot = slot(NAMES[field.ordinal()], 0, NAMES[field.ordinal()].length);
      while (table[slot] != null) {
        slot = (slot + 1) & TABLE_MASK;
      }
      table[slot] = field;
    }
    return table;
  }

  // ---- decoding ---------------------------------------------------------------------------------

  /** Decodes a canonical string, {@code bytes[from, to)} with its quotes. */
  private String decode(int from, int to) {
    int i = from + 1;
    int last = to - 1;
    boolean simple = true;
    for (int k = i; k < last; k++) {
      if (bytes[k] == '\\') {
        simple = false;
        break;
      }
    }
    if (simple) {
      return new String(bytes, i, last - i, StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder(last - i);
    int run = i;
    while (i < last) {
      if (bytes[i] != '\\') {
        i++;
        continue;
      }
      out.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
      byte kind = bytes[i + 1];
      switch (kind) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append((char) Integer.parseInt(new String(bytes, i + 2, 4, StandardCharsets.US_ASCII), 16));
        default -> out.append((char) kind);
      }
      i += kind == 'u' ? 6 : 2;
      run = i;
    }
    return out.append(new String(bytes, run, last - run, StandardCharsets.UTF_8)).toString();
  }

  private int skipString(int p) {
    int i = p + 1;
    while (bytes[i] != '"') {
      i += bytes[i] == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  /** Skips a value other than a string inside canonical bytes, up to the next ',' at its level. */
  private int skipNested(int p, int limit) {
    int level = 0;
    int i = p;
    while (i < limit) {
      byte c = bytes[i];
      if (c == '"') {
        i = skipString(i);
        continue;
      }
      if (c == '[' || c == '{') {
        level++;
      } else if (c == ']' || c == '}') {
        level--;
      } else if (c == ',' && level == 0) {
        return i;
      }
      i++;
    }
    return i;
  }

  // ---- the slow path: valid JSON that is not canonical ----------------------------------------

  /**
   * Returns why {@code bytes[from, to)} are not a line of strict UTF-8 text that JSON may hold; null
   * if they are. A byte scan, with no decoding: a byte order mark at the start, a control
   * character other than tab and carriage return (a NUL among them, as in a line in UTF-16), a byte
   * that begins no UTF-8 sequence, or a sequence that is cut short, overlong, a surrogate or beyond
   * U+10FFFF. Says where (the byte's column), not what the line holds.
   */
  static @Nullable String notUtf8Text(byte[] bytes, int from, int to) {
    if (to - from >= 3 && bytes[from] == (byte) 0xef && bytes[from + 1] == (byte) 0xbb
        && bytes[from + 2] == (byte) 0xbf) {
      return "not a guard-log line: it begins with a byte order mark (U+FEFF), which the guard-log sink never"
          + " writes; some readers skip it and others do not";
    }
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      if (b >= 0x20 || b == '\t' || b == '\r') {
        i++;
        continue;
      }
      int column = i - from + 1;
      if (b >= 0) {
        return "not a guard-log line: " + (b == 0 ? "a NUL byte" : String.format("a control character (0x%02x)", b))
            + " at column " + column + (b == 0 ? " (is the line in UTF-16 or UTF-32?)" : "")
            + "; a guard log is UTF-8 JSON, which escapes control characters";
      }
      int after = utf8(bytes, i, to);
      if (after < 0) {
        return "not a guard-log line: not well-formed UTF-8 at column " + column + " (a byte that begins no"
            + " sequence, or a sequence cut short, overlong, a surrogate or beyond U+10FFFF), which readers decode"
            + " differently or not at all";
      }
      i = after;
    }
    return null;
  }

  /** Parses the line with Jackson and scans its canonical form instead; false if it is not a log line. */
  private boolean canonicalize() {
    JsonNode node;
    try {
      // from the decoded text, never from bytes, whose encoding Jackson would detect
      node = MAPPER.readTree(new String(bytes, start, end - start, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      problem = "not JSON (" + notJson(e) + ")";
      return false;
    }
    if (node == null || !node.isObject()) {
      problem = "not a JSON object";
      return false;
    }
    try {
      canonical.reset().object(object(node, 0));
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
      return false;
    }
    bytes = canonical.array();
    start = 0;
    end = canonical.length();
    if (!scan()) {
      problem = "not a guard-log record: its canonical form cannot be read back";
      return false;
    }
    return true;
  }

  /**
   * Says where a line is not JSON, not what it holds: the parser's message quotes the token at
   * fault, which may be a pseudonym or a value, and it would go into findings and reports. Only a
   * duplicate's message is kept, for it quotes a field's name.
   */
  private static String notJson(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate")) {
      return LogSafe.clean(message);
    }
    TokenStreamLocation at = e.getLocation();
    return at == null || at.getColumnNr() < 1 ? "malformed" : "malformed at column " + at.getColumnNr();
  }

  private static SortedMap<String, Object> object(JsonNode node, int level) {
    SortedMap<String, Object> fields = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      fields.put(wellFormed(entry.getKey(), entry.getKey()), value(entry.getKey(), entry.getValue(), level));
    }
    return fields;
  }

  /**
   * A string with no unpaired surrogate: such a string has no UTF-8 form, so the canonical form
   * would write {@code ?} in its place, and the line would read as another one that a log pipeline
   * parses differently.
   */
  private static String wellFormed(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("not a guard-log record: " + LogSafe.clean(field) + " holds an unpaired"
            + " surrogate (\\u" + Integer.toHexString(c) + "), which has no UTF-8 form");
      }
    }
    return text;
  }

  private static Object value(String field, JsonNode node, int level) {
    if (level > MAX_DEPTH) {
      throw new IllegalArgumentException("not a guard-log record: nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isString()) {
      return wellFormed(field, node.stringValue());
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> values = new ArrayList<>();
      node.values().forEach(element -> values.add(value(field, element, level + 1)));
      return List.copyOf(values);
    }
    if (node.isObject()) {
      return object(node, level + 1);
    }
    throw new IllegalArgumentException("not a guard-log record: " + LogSafe.clean(field) + " holds "
        + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " (a guard log writes strings, whole"
        + " numbers, booleans, arrays and objects)");
  }

  /** Returns a SHA-256 digest, which every JDK has. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
