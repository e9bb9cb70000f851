package org.sanctuaryguard.audit;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.json.LogField;

/**
 * One record of a guard log as a test reads it back: its fields, where it was read, and whether
 * its hash holds. Reads through {@link LogLine}, as the verifier does.
 */
record LogRecord(String file, long line, SortedMap<String, Object> fields, boolean hashValid) {

  static final String HASH = LogField.HASH.key();
  static final String SIGNATURE = LogField.SIGNATURE.key();
  static final String ZERO = LogLine.ZERO;

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException saying why, if it is not a guard-log record
   */
  static LogRecord parse(String file, long line, String text) {
    LogLine read = new LogLine();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!read.read(bytes, 0, bytes.length)) {
      throw new IllegalArgumentException(read.problem());
    }
    return new LogRecord(file, line, read.fields(), read.hashValid());
  }

  @Nullable String string(String field) {
    return fields.get(field) instanceof String text ? text : null;
  }

  long sequence() {
    return fields.get(LogField.SEQUENCE.key()) instanceof Long number ? number : -1;
  }

  @Nullable String stream() {
    return string(LogField.STREAM.key());
  }

  @Nullable String hash() {
    return string(HASH);
  }

  @Nullable String previous() {
    return string(LogField.PREVIOUS.key());
  }

  @Nullable String action() {
    return string(LogField.ACTION.key());
  }

  /** Returns where the record was read, for messages: {@code file:line}. */
  String place() {
    return file + ":" + line;
  }
}
