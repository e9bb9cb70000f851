package org.sanctuaryguard.internal.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.text.Suggestions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the fields of one JSON object strictly: wrong types, missing required fields, values that
 * do not parse and fields nobody reads are reported to a {@link ProblemSink} with their path; the
 * reader goes on, returning {@code null} or empty for what it could not read, so that one document
 * yields all its problems at once. Call {@link #finish()} once every field was read.
 */
public final class JsonFields {

  /** Refuses a key that an object repeats: a reader taking the last one would hide the first. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final JsonNode node;
  private final String path;
  private final String location;
  private final ProblemSink problems;
  private final Set<String> read;

  private JsonFields(JsonNode node, String path, String location, ProblemSink problems, Set<String> read) {
    this.node = node;
    this.path = path;
    this.location = location;
    this.problems = problems;
    this.read = read;
  }

  private JsonFields(JsonNode node, String path, String location, ProblemSink problems) {
    this(node, path, location, problems, new LinkedHashSet<>());
  }

  /**
   * Parses a document that must be a JSON object, reporting a syntax error with its line and
   * column, and an empty document or one that is no object as such rather than as every field
   * missing.
   *
   * @return the root object, or empty if the text is not a JSON object
   */
  public static Optional<JsonNode> parse(String text, ProblemSink problems) {
    if (text.isBlank()) {
      problems.report("", "", "is empty, but should hold a JSON object: { ... }");
      return Optional.empty();
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      if (!root.isObject()) {
        problems.report("", "", "must be a JSON object: { ... }, but was " + describe(root));
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      problems.report(where, "", "not valid JSON: " + e.getOriginalMessage());
      return Optional.empty();
    }
  }

  /**
   * Starts reading an object; reports a problem and reads nothing if {@code node} is not one.
   *
   * @param node the node that should be an object
   * @param path its path, empty for a document's root
   * @param location where in the document it is, for messages
   */
  public static JsonFields of(JsonNode node, String path, String location, ProblemSink problems) {
    if (!node.isObject()) {
      problems.report(location, path, "must be an object, but was " + describe(node));
      return new JsonFields(MAPPER.createObjectNode(), path, location, problems);
    }
    return new JsonFields(node, path, location, problems);
  }

  /** Returns a reader of the same object, sharing what was read, that reports at another location. */
  public JsonFields at(String newLocation) {
    return new JsonFields(node, path, newLocation, problems, read);
  }

  /** Returns whether the object has the field (with any value but null). */
  public boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** Returns whether the object has the field with an array of no element. */
  public boolean isEmptyArray(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isArray() && value.isEmpty();
  }

  /** Returns whether the object has the field with the value null. */
  public boolean isNull(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNull();
  }

  /** Reports a problem about a field of this object. */
  public void problem(String field, String message) {
    problems.report(location, fieldPath(field), message);
  }

  /** Reads an optional string. */
  public @Nullable String string(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      problem(field, "must be a string, but was " + describe(value));
      return null;
    }
    return value.stringValue();
  }

  /** Reads a required, non-blank string. */
  public @Nullable String requiredString(String field) {
    if (!has(field)) {
      read.add(field);
      problem(field, "is required");
      return null;
    }
    String value = string(field);
    if (value != null && value.isBlank()) {
      problem(field, "must not be blank");
      return null;
    }
    return value;
  }

  /** Reads an optional boolean, or {@code fallback}. */
  public boolean bool(String field, boolean fallback) {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problem(field, "must be true or false, but was " + describe(value));
      return fallback;
    }
    return value.booleanValue();
  }

  /** Reads an optional integer, or {@code fallback}. */
  public int integer(String field, int fallback) {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isInt()) {
      problem(field, "must be a whole number, but was " + describe(value));
      return fallback;
    }
    return value.intValue();
  }

  /** Reads an optional string and converts it, reporting a conversion failure as a problem. */
  public <T> @Nullable T parsed(String field, Function<String, T> parser) {
    String text = string(field);
    return text == null ? null : convert(fieldPath(field), text, parser);
  }

  /** Reads an optional array of strings (or one string), converting each; empty if absent. */
  public <T> List<T> list(String field, Function<String, T> parser) {
    List<T> result = new ArrayList<>();
    JsonNode value = value(field);
    if (value == null) {
      return result;
    }
    if (value.isString()) {
      T item = convert(fieldPath(field), value.stringValue(), parser);
      if (item != null) {
        result.add(item);
      }
      return result;
    }
    if (!value.isArray()) {
      problem(field, "must be an array of strings, but was " + describe(value));
      return result;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = fieldPath(field) + "[" + i + "]";
      if (!element.isString()) {
        problems.report(location, elementPath, "must be a string, but was " + describe(element));
        continue;
      }
      T item = convert(elementPath, element.stringValue(), parser);
      if (item != null) {
        result.add(item);
      }
    }
    return result;
  }

  /** Reads an optional array of strings. */
  public List<String> strings(String field) {
    return list(field, Function.identity());
  }

  /** Reads an optional object whose values are all strings, in document order. */
  public Map<String, String> stringMap(String field) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonNode value = value(field);
    if (value == null) {
      return result;
    }
    if (!value.isObject()) {
      problem(field, "must be an object of strings, but was " + describe(value));
      return result;
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (entry.getValue().isString()) {
        result.put(entry.getKey(), entry.getValue().stringValue());
      } else {
        problems.report(location, fieldPath(field) + "." + entry.getKey(), "must be a string, but was " + describe(entry.getValue()));
      }
    }
    return result;
  }

  /** Reads an optional object whose values are all booleans, in document order. */
  public Map<String, Boolean> booleanMap(String field) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    JsonNode value = value(field);
    if (value == null) {
      return result;
    }
    if (!value.isObject()) {
      problem(field, "must be an object of true/false values, but was " + describe(value));
      return result;
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (entry.getValue().isBoolean()) {
        result.put(entry.getKey(), entry.getValue().booleanValue());
      } else {
        problems.report(location, fieldPath(field) + "." + entry.getKey(), "must be true or false, but was " + describe(entry.getValue()));
      }
    }
    return result;
  }

  /** Reads an optional nested object; empty if absent, and reported if not an object. */
  public Optional<JsonFields> object(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      problem(field, "must be an object, but was " + describe(value));
      return Optional.empty();
    }
    return Optional.of(new JsonFields(value, fieldPath(field), location, problems));
  }

  /** Reads an optional array of objects; each element is read by a reader at its index. */
  public List<JsonFields> objects(String field) {
    List<JsonFields> result = new ArrayList<>();
    JsonNode value = value(field);
    if (value == null) {
      return result;
    }
    if (!value.isArray()) {
      problem(field, "must be an array of objects, but was " + describe(value));
      return result;
    }
    for (int i = 0; i < value.size(); i++) {
      result.add(of(value.get(i), fieldPath(field) + "[" + i + "]", location, problems));
    }
    return result;
  }

  /** Returns the raw value of an array field (each element unread), or an empty list. */
  public List<JsonNode> elements(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      problem(field, "must be an array, but was " + describe(value));
      return List.of();
    }
    List<JsonNode> result = new ArrayList<>();
    value.values().forEach(result::add);
    return result;
  }

  /** Returns the path of a field of this object. */
  public String fieldPath(String field) {
    return path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
  }

  /** Returns the path of this object. */
  public String path() {
    return path;
  }

  /** Returns where in the document this object is. */
  public String location() {
    return location;
  }

  /** Reports every field of the object that was not read, naming the nearest expected ones. */
  public void finish() {
    Collection<String> present = node.propertyNames();
    for (String field : present) {
      if (!read.contains(field)) {
        problem(field, "is not a known field" + Suggestions.hint(field, read));
      }
    }
  }

  /** Marks fields as expected without reading them, so that {@link #finish()} accepts them. */
  public void expect(String... fields) {
    read.addAll(List.of(fields));
  }

  private @Nullable JsonNode value(String field) {
    read.add(field);
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private <T> @Nullable T convert(String fieldPath, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      problems.report(location, fieldPath, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return null;
    }
  }

  /** Describes a node's type for messages, never its content. */
  public static String describe(JsonNode node) {
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true or false";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }
}
