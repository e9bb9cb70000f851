package org.sanctuaryguard.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void bytesWhenObjectHasEveryKindOfValueThenCanonicalForm() {
    TreeMap<String, Object> object = new TreeMap<>();
    object.put("b", List.of("x", "y"));
    object.put("a", 42L);
    object.put("@timestamp", "2026-06-01T12:00:00Z");
    object.put("c", true);
    object.put("d", new TreeMap<>(java.util.Map.of("z", 1, "y", "w")));

    assertThat(new String(CanonicalJson.bytes(object), StandardCharsets.UTF_8))
        .isEqualTo("{\"@timestamp\":\"2026-06-01T12:00:00Z\",\"a\":42,\"b\":[\"x\",\"y\"],\"c\":true,\"d\":{\"y\":\"w\",\"z\":1}}");
  }

  @Test
  void stringWhenItHoldsQuotesControlsAndNonAsciiThenEscapesOnlyWhatJsonRequires() {
    StringBuilder out = new StringBuilder();

    CanonicalJson.string(out, "a\"b\\c\n\t\u0001 é € \u2028 😀");

    assertThat(out).hasToString("\"a\\\"b\\\\c\\n\\t\\u0001 é € \u2028 😀\"");
  }

  @Test
  void bytesWhenValueIsNotALogValueThenSaysWhich() {
    TreeMap<String, Object> object = new TreeMap<>();
    object.put("a", 1.5);

    assertThatThrownBy(() -> CanonicalJson.bytes(object)).hasMessageEndingWith("not java.lang.Double");
  }
}
