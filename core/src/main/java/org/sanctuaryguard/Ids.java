package org.sanctuaryguard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Parses the stable string form of the enum-like vocabulary, case-insensitively and strictly. */
final class Ids {

  private Ids() {}

  static <E extends Enum<E>> E parse(E[] values, Function<E, String> id, String kind, String text) {
    Objects.requireNonNull(text, kind);
    String wanted = text.trim();
    for (E value : values) {
      if (id.apply(value).equalsIgnoreCase(wanted)) {
        return value;
      }
    }
    throw new UnknownIdentifierException(kind, text, Arrays.stream(values).map(id).toList());
  }

  static String idOf(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
