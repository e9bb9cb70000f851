package org.sanctuaryguard.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
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
  void hintWhenNothingIsCloseAmongManyThenListsTheThreeLeastFar() {
    List<String> known = List.of("contact.email", "contact.phone", "criminal.history", "education.records",
        "health.records", "identity.name", "identity.date-of-birth", "immigration.status", "location.home-address",
        "location.work-address", "benefits.enrollment", "tax.records", "finance.accounts");

    assertThat(Suggestions.nearest("libary.records", known)).isEmpty();
    assertThat(Suggestions.hint("libary.records", known))
        .isEqualTo("; the nearest known are 'tax.records', 'health.records', 'education.records'");
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

  @Test
  void formatWhenAnyInstantThenWritesWhatInstantToStringWrites() {
    List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2026-03-05T15:00:01.120Z"),
        Instant.parse("2026-03-05T15:00:00Z"), Instant.parse("2026-12-31T23:59:59.999999999Z"),
        Instant.parse("2024-02-29T00:00:00.000001Z"), Instant.parse("1000-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.5Z"), Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("-0001-06-01T12:00:00.000100Z"), Instant.MIN, Instant.MAX);
    for (Instant instant : edges) {
      assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(instant.toString());
    }
    Random random = new Random(20261122);
    long first = LocalDate.of(900, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    long end = LocalDate.of(10_100, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    for (int i = 0; i < 20_000; i++) {
      long seconds = first + Math.floorMod(random.nextLong(), end - first);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(instant.toString());
    }
  }
}
