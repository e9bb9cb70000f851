package org.sanctuaryguard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Small packs, documents and requests for tests; the guard log's tests use its requests too. */
public final class TestPacks {

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

  /** {@link #releaseDateForIce(Guard, LocalDate, boolean)} with a verified warrant in date on {@link #AT}. */
  static DisclosureRequest.Builder releaseDateForIce(Guard guard) {
    return releaseDateForIce(guard, LocalDate.of(2026, 5, 28), true);
  }

  /**
   * ICE asks the jail for a detainee's release date and facility with a warrant of an Article III
   * judge issued that day: N.Y.C. Admin. Code § 9-131 releases them (or, if the warrant's authenticity
   * is not verified, sends them to counsel) only if the caller gives the fact that the detainee has a
   * violent or serious conviction or a watch-list match. Add facts, or none.
   */
  public static DisclosureRequest.Builder releaseDateForIce(Guard guard, LocalDate issued, boolean verified) {
    LegalBasis.Builder warrant = article3Warrant("S-3008", "custody").issued(issued).expires(null);
    if (!verified) {
      warrant.authenticity(Authenticity.notVerified());
    }
    return guard.request().recipient("ice-ero").holder(Holder.CORRECTION)
        .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT).categories("custody.release-date", "custody.facility")
        .subjects("S-3008").basis(warrant.build());
  }

  /** A verified warrant of an Article III judge, in date on {@link #AT}, for the given categories. */
  public static LegalBasis.Builder article3Warrant(String subject, String... categories) {
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
