package org.sanctuaryguard.examples.city;

import java.util.function.Function;
import java.util.function.Supplier;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * Reads the vocabulary's ids in request bodies (purposes, categories, basis types, roles), so that
 * an unknown one is reported against the field that holds it, with the nearest known ids.
 */
final class Fields {

  private Fields() {}

  static <T> T parse(String field, String value, Function<String, T> parser) {
    return check(field, () -> parser.apply(value));
  }

  static <T> T check(String field, Supplier<T> work) {
    try {
      return work.get();
    } catch (SanctuaryGuardException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidFieldException(field, String.valueOf(e.getMessage()));
    }
  }

  /** A field of a request body that holds something the guard's vocabulary does not know. */
  static final class InvalidFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidFieldException(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }
}
