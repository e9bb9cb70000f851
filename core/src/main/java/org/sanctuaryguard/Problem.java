package org.sanctuaryguard;

import java.util.Objects;

/**
 * One thing wrong with a file the library reads (a pack, a scenario file, a guard log), with where
 * it is: the file, the place in it (a rule, a scenario, a line) and the field.
 *
 * @param source the file or resource, for example {@code "packs/nyc.json"}
 * @param location the place in it, for example {@code "rule 'nyc.10-178.x'"} or {@code "line
 *     12"}; may be empty
 * @param field the field's path, for example {@code "when.purposes[1]"}; may be empty
 * @param message what is wrong, and what would be right
 * @since 0.1.0
 */
public record Problem(String source, String location, String field, String message) {

  /** Checks that no part is null. */
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code "source: location: field: message"}, leaving out the empty parts. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(source);
    if (!location.isEmpty()) {
      out.append(": ").append(location);
    }
    if (!field.isEmpty()) {
      out.append(": ").append(field);
    }
    return out.append(": ").append(message).toString();
  }
}
