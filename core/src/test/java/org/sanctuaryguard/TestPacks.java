package org.sanctuaryguard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Small packs and documents for tests. */
final class TestPacks {

  static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

  private TestPacks() {}

  /** A pack with the given id and rules (a JSON array's content). */
  static PolicyPack pack(String id, String rules) {
    return PolicyPack.read(id + ".json", """
        {
          "format": 1, "id": "%s", "version": "1.0", "title": "Test %s", "jurisdiction": "Testland",
          "time-zone": "America/New_York", "summary": "For tests.",
          "facts": { "test-fact": "A fact for tests" },
          "rules": [ %s ]
        }
        """.formatted(id, id, rules));
  }

  static Policy policy(PolicyPack... packs) {
    return Policy.of(packs);
  }

  /** The shipped packs, on a clock stopped at {@link #AT}, since a guard decides at its clock's time. */
  static Policy shipped() {
    return Policy.builder()
        .packs(List.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .clock(Clock.fixed(AT, ZoneOffset.UTC))
        .build();
  }

  /** A verified warrant of an Article III judge, in date on {@link #AT}, for the given categories. */
  static LegalBasis.Builder article3Warrant(String subject, String... categories) {
    return LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the Southern District of New York")
        .signer("Hon. A. Judge", SignerRole.ARTICLE_III_JUDGE)
        .issued(LocalDate.of(2026, 5, 28))
        .expires(LocalDate.of(2026, 6, 11))
        .docket("26-MJ-01234")
        .subjects(subject)
        .categories(categories)
        .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"));
  }
}
