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
    byte[] out = CanonicalJson.string("a\"b\\c\n\t\u0001 é € \u2028 😀");

    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001 é € \u2028 😀\"");
  }

  @Test
  void stringWhenItHoldsAnyCharacterThenItsBytesAreThoseOfStringGetBytes() {
    String[] texts = {"plain", "é€😀", "lone \ud800 high", "lone \udc00 low", "\ud83d", "x\u007f\u0080\u07ff\u0800\uffff",
        "tab\tand\u001fcontrol", "a".repeat(5000) + "é"};
    for (String text : texts) {
      String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
          .replace("\u001f", "\\u001f");
      assertThat(CanonicalJson.string(text)).as(text).isEqualTo(("\"" + escaped + "\"").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void writerWhenMembersAreWrittenOneByOneThenTheSameBytesAsTheWholeObject() {
    TreeMap<String, Object> object = new TreeMap<>();
    object.put("a", -9_223_372_036_854_775_808L);
    object.put("b", 0);
    object.put("c", List.of());
    object.put("d", new TreeMap<>());

    CanonicalJson.Writer writer = new CanonicalJson.Writer().beginObject();
    object.forEach(writer::member);

    assertThat(writer.endObject().toByteArray()).isEqualTo(CanonicalJson.bytes(object))
        .asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":-9223372036854775808,\"b\":0,\"c\":[],\"d\":{}}");
  }

  @Test
  void bytesWhenValueIsNotALogValueThenSaysWhich() {
    TreeMap<String, Object> object = new TreeMap<>();
    object.put("a", 1.5);

    assertThatThrownBy(() -> CanonicalJson.bytes(object)).hasMessageEndingWith("not java.lang.Double");
  }
}
