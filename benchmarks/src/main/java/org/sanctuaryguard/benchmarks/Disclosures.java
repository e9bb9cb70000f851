package org.sanctuaryguard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SignerRole;

/**
 * The three disclosures every suite decides, built against a given policy so that the same request
 * can be put to the shipped packs and to a larger policy. Each is dated {@link #AT}, the time of
 * the shipped policy's clock, so the judicial warrant is always in date.
 */
final class Disclosures {

  /** When every request is made: within the judicial warrant's dates. */
  static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

  /** The subject of every request, named by both warrants. */
  static final String SUBJECT = "C-2013";

  /** The keys of every category the requests ask for or a document covers. */
  static final Set<String> CATEGORIES =
      Set.of("identity.name", "contact.phone", "location.home-address", "vehicle.dmv-record", "identity.photo");

  private Disclosures() {}

  /**
   * Returns the policy of the three packs that ship with the library, on a clock stopped at {@link
   * #AT}: a guard decides at its clock's time, and refuses a request dated far from it.
   */
  static Policy shippedPolicy() {
    return Policy.builder()
        .packs(List.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .clock(Clock.fixed(AT, ZoneOffset.UTC))
        .build();
  }

  /** Another city agency asks for a client's name and phone to deliver a service: nothing restricts it. */
  static DisclosureRequest unrestricted(Policy policy) {
    return request(policy, "city-agency", Purpose.SERVICE_DELIVERY, "identity.name", "contact.phone").build();
  }

  /** ICE ERO shows a shelter an I-200, signed by an immigration officer, for a resident's home address. */
  static DisclosureRequest administrativeWarrant(Policy policy) {
    return request(policy, "ice-ero", Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, "location.home-address")
        .holder(Holder.SHELTER)
        .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT)
            .form("I-200")
            .issuer("U.S. Department of Homeland Security, Immigration and Customs Enforcement")
            .signer("Supervisory Detention and Deportation Officer R. Roe", SignerRole.IMMIGRATION_OFFICER)
            .issued(LocalDate.of(2026, 5, 20))
            .subjects(SUBJECT)
            .categories("location.home-address")
            .build())
        .build();
  }

  /**
   * CBP serves the motor-vehicles agency with a verified warrant of an Article III judge, in date,
   * naming the subject and covering exactly the records asked for.
   */
  static DisclosureRequest judicialWarrant(Policy policy) {
    String[] records = {"vehicle.dmv-record", "identity.photo"};
    return request(policy, "cbp", Purpose.CRIMINAL_INVESTIGATION, records)
        .holder(Holder.MOTOR_VEHICLES)
        .basis(LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
            .issuer("United States District Court for the Southern District of New York")
            .signer("Hon. A. Judge", SignerRole.ARTICLE_III_JUDGE)
            .issued(LocalDate.of(2026, 5, 28))
            .expires(LocalDate.of(2026, 6, 11))
            .docket("26-MJ-01234")
            .subjects(SUBJECT)
            .categories(records)
            .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"))
            .build())
        .build();
  }

  private static DisclosureRequest.Builder request(Policy policy, String recipient, Purpose purpose, String... categories) {
    return policy.request().recipient(recipient).purpose(purpose).categories(categories).subjects(SUBJECT).at(AT);
  }

  /**
   * Returns {@code decision} if its outcome is {@code expected}, so that a suite never measures a
   * decision other than the one it is named for.
   *
   * @throws IllegalStateException naming the request, the outcome and the rules, if it is not
   */
  static Decision expect(String request, Decision decision, Outcome expected) {
    if (decision.outcome() != expected) {
      throw new IllegalStateException(request + " should be decided " + expected + ", but was " + decision);
    }
    return decision;
  }

  /**
   * Returns the guard events of as many denials of {@link #administrativeWarrant} by one guard, with
   * their subject as a pseudonym: about 1.4 KB of JSON each, among the largest events a guard
   * writes. Like any guard's events, they share the guard's own values (its packs, the recipient)
   * and differ in their ids and times.
   */
  static GuardEvent[] administrativeWarrantEvents(Policy policy, int count) {
    List<GuardEvent> captured = new ArrayList<>(count);
    try (Guard capturing = Guard.of(GuardConfig.custom().policy(policy).pseudonymKey(new byte[32])
        .auditSinks(captured::add).build())) {
      for (int i = 0; i < count; i++) {
        expect("the administrative warrant", capturing.decide(administrativeWarrant(policy)), Outcome.DENY);
      }
    }
    return captured.toArray(GuardEvent[]::new);
  }

  /** Deletes a directory the suites wrote into, with everything in it; nothing if it does not exist. */
  static void deleteDirectory(@Nullable Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
