package org.sanctuaryguard.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void nearestWhenLettersSwappedThenOneEditAway() {
    assertThat(Suggestions.distance("ice-eor", "ice-ero")).isEqualTo(1);
    assertThat(Suggestions.nearest("ice-eor", List.of("ice", "ice-ero", "ice-hsi", "cbp"))).first().isEqualTo("ice-ero");
  }

  @Test
  void nearestWhenNothingIsCloseThenEmptyAndHintListsFewKnownIds() {
    assertThat(Suggestions.nearest("zzzz", List.of("enforce", "monitor"))).isEmpty();
    assertThat(Suggestions.hint("zzzz", List.of("monitor", "enforce"))).isEqualTo("; known: 'enforce', 'monitor'");
  }

  @Test
  void nearestWhenOnlyContainedThenSuggestedUnlessACloserOneExists() {
    assertThat(Suggestions.nearest("location", List.of("location.home-address", "locations")))
        .containsExactly("locations");
    assertThat(Suggestions.nearest("location", List.of("location.home-address", "identity")))
        .containsExactly("location.home-address");
  }

  @Test
  void cleanWhenValueHasLineBreaksAndControlsThenEscapesThem() {
    assertThat(LogSafe.clean("J. Doe\n2026-01-01 INFO forged\r\u2028\u0007"))
        .isEqualTo("J. Doe\\n2026-01-01 INFO forged\\r\\u2028\\u0007");
  }

  @Test
  void cleanWhenPlainThenReturnsTheSameString() {
    String plain = "26-MJ-01234";
    assertThat(LogSafe.clean(plain)).isSameAs(plain);
  }

  @Test
  void cleanWhenTooLongThenCutsWithAnEllipsis() {
    assertThat(LogSafe.clean("x".repeat(300))).hasSize(LogSafe.MAX_LENGTH + 1).endsWith("\u2026");
  }
}
