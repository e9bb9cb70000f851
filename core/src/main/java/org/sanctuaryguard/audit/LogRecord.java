package org.sanctuaryguard.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.json.CanonicalJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of a guard log, as read back: its fields, the place it was read from, and the chain
 * fields the writer added. The schema is in {@code docs/guard-log.md}.
 */
record LogRecord(String file, int line, SortedMap<String, Object> fields) {

  static final String SEQUENCE = "event.sequence";
  static final String ACTION = "event.action";
  static final String STREAM = "sanctuary.stream";
  static final String PREVIOUS = "sanctuary.chain.previous";
  static final String HASH = "sanctuary.chain.hash";
  static final String SCHEMA = "sanctuary.schema";
  static final String SIGNATURE = "sanctuary.checkpoint.signature";
  static final String KEY = "sanctuary.checkpoint.key";
  static final String ZERO = "0".repeat(64);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException saying why, if it is not a JSON object of log values
   */
  static LogRecord parse(String file, int line, String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return new LogRecord(file, line, object(node));
  }

  private static SortedMap<String, Object> object(JsonNode node) {
    SortedMap<String, Object> fields = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      fields.put(entry.getKey(), value(entry.getValue()));
    }
    return fields;
  }

  private static Object value(JsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> values = new ArrayList<>();
      node.values().forEach(element -> values.add(value(element)));
      return List.copyOf(values);
    }
    if (node.isObject()) {
      return object(node);
    }
    throw new IllegalArgumentException("holds a value a guard log never writes (" + node.getNodeType() + ")");
  }

  /** Returns the SHA-256, in hexadecimal, of the canonical form of the fields without the hash. */
  static String hashOf(SortedMap<String, Object> fields) {
    SortedMap<String, Object> hashed = new TreeMap<>(fields);
    hashed.remove(HASH);
    return sha256(CanonicalJson.bytes(hashed));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Returns whether the recorded hash is that of the record's content. */
  boolean hashValid() {
    return hashOf(fields).equals(fields.get(HASH));
  }

  @Nullable String string(String field) {
    return fields.get(field) instanceof String text ? text : null;
  }

  long number(String field) {
    return fields.get(field) instanceof Long number ? number : -1;
  }

  @Nullable String stream() {
    return string(STREAM);
  }

  long sequence() {
    return number(SEQUENCE);
  }

  @Nullable String hash() {
    return string(HASH);
  }

  @Nullable String previous() {
    return string(PREVIOUS);
  }

  @Nullable String action() {
    return string(ACTION);
  }

  /** Returns where the record was read, for messages: {@code file:line}. */
  String place() {
    return file + ":" + line;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
