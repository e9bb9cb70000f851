package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.TestPacks;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.audit.GuardLogReport.Format;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;

/**
 * A first quarter of 2026 in New York, written by real guards with a clock the test moves: the
 * report counts what the period holds, builds the § 10-178(d) table, tells fulfilled, late,
 * overdue and open obligations apart as of a fixed time, and leaks no subject and no pseudonym.
 */
class GuardLogReportTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
  private static final LocalDate TO = LocalDate.of(2026, 3, 31);
  private static final Instant AS_OF = at(2026, 4, 5, 9, 0);
  private static final String SUBJECT = "CANARY-SUBJECT-3E1D";
  private static final String ACTOR = "CANARY-ACTOR-77B0";

  @TempDir static Path logs;
  private static final List<String> pseudonyms = new ArrayList<>();
  private static final List<String> eventIds = new ArrayList<>();

  @TempDir Path work;

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(NEW_YORK).toInstant();
  }

  @BeforeAll
  static void writeTheQuarter() throws IOException {
    SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
    Policy policy = policy(clock);
    try (Guard guard = guard(policy, Mode.ENFORCE, logs.resolve("enforce"));
        Guard monitor = guard(policy, Mode.MONITOR, logs.resolve("monitor"))) {
      clock.now = at(2025, 12, 31, 23, 30);
      decide(guard, iceAtAShelter(guard), Outcome.DENY);
      clock.now = at(2026, 1, 1, 0, 5);
      decide(guard, iceAtAShelter(guard), Outcome.DENY);
      clock.now = at(2026, 1, 10, 9, 0);
      decide(guard, guard.request().recipient("nypd").purpose(Purpose.SERVICE_DELIVERY)
          .categories("identity.name", "immigration.status").subjects(SUBJECT).actor(ACTOR).build(), Outcome.ALLOW_REDACTED);
      clock.now = at(2026, 2, 1, 10, 0);
      Decision notified = decide(guard, cbpAtTheDmv(guard, true), Outcome.ALLOW);
      guard.fulfil(notified.auditEventId().orElseThrow(), ObligationKind.NOTIFY_SUBJECT, ACTOR, at(2026, 2, 2, 10, 0));
      clock.now = at(2026, 2, 20, 10, 0);
      Decision late = decide(guard, cbpAtTheDmv(guard, true), Outcome.ALLOW);
      guard.fulfil(late.auditEventId().orElseThrow(), ObligationKind.NOTIFY_SUBJECT, ACTOR, at(2026, 2, 27, 10, 0));
      clock.now = at(2026, 3, 1, 10, 0);
      Decision resolved = decide(guard, cbpAtTheDmv(guard, false), Outcome.ESCALATE);
      clock.now = at(2026, 3, 2, 11, 0);
      guard.fulfil(resolved.auditEventId().orElseThrow(), ObligationKind.ESCALATE_TO_COUNSEL, ACTOR, clock.now);
      clock.now = at(2026, 3, 10, 10, 0);
      decide(guard, cbpAtTheDmv(guard, false), Outcome.ESCALATE);
      clock.now = at(2026, 3, 20, 10, 0);
      decide(guard, cbpAtTheDmv(guard, true), Outcome.ALLOW);
      clock.now = at(2026, 3, 25, 10, 0);
      decide(monitor, iceAtAShelter(monitor), Outcome.DENY);
      clock.now = at(2026, 3, 31, 23, 30);
      decide(guard, iceAtAShelter(guard), Outcome.DENY);
      clock.now = at(2026, 4, 1, 0, 30);
      decide(guard, iceAtAShelter(guard), Outcome.DENY);
    }
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(file)) {
          Object subjects = Forgery.fields(line).get("sanctuary.subjects");
          if (subjects instanceof List<?> list) {
            list.forEach(pseudonym -> pseudonyms.add((String) pseudonym));
          }
        }
      }
    }
  }

  private static Policy policy(Clock clock) {
    return Policy.builder().packs(List.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"),
        PolicyPack.builtin("federal"))).clock(clock).build();
  }

  private static Guard guard(Policy policy, Mode mode, Path directory) {
    return Guard.of(GuardConfig.custom().policy(policy).mode(mode).pseudonymKey(new byte[32])
        .auditSinks(GuardLogSink.builder(directory).checkpointEvery(3, Duration.ofHours(1)).build())
        .build());
  }

  private static Decision decide(Guard guard, DisclosureRequest request, Outcome expected) {
    Decision decision = guard.decide(request);
    assertThat(decision.outcome()).as(decision.toString()).isEqualTo(expected);
    eventIds.add(decision.auditEventId().orElseThrow());
    return decision;
  }

  private static DisclosureRequest iceAtAShelter(Guard guard) {
    return guard.request().recipient("ice-ero").holder(Holder.SHELTER).purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories("location.home-address").subjects(SUBJECT).actor(ACTOR)
        .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205")
            .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build()).build();
  }

  /** CBP shows the motor-vehicles agency an Article III warrant; verified, it releases; not, it escalates. */
  private static DisclosureRequest cbpAtTheDmv(Guard guard, boolean verified) {
    String[] records = {"vehicle.dmv-record", "identity.photo"};
    LegalBasis.Builder warrant = LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the Southern District of New York")
        .signer("Hon. A. Judge", SignerRole.ARTICLE_III_JUDGE).issued(LocalDate.of(2026, 1, 1))
        .expires(LocalDate.of(2026, 12, 31)).docket("26-MJ-01234").subjects(SUBJECT).categories(records);
    if (verified) {
      warrant.authenticity(Authenticity.verifiedBy("Agency counsel"));
    }
    return guard.request().recipient("cbp").holder(Holder.MOTOR_VEHICLES).purpose(Purpose.CRIMINAL_INVESTIGATION)
        .categories(records).subjects(SUBJECT).actor(ACTOR).basis(warrant.build()).build();
  }

  private static GuardLogReport report(Path... paths) {
    return GuardLogReport.read(List.of(paths), FROM, TO, NEW_YORK, AS_OF);
  }

  /** The rows of one section of the CSV, without the section's id. */
  private static List<List<String>> section(String csv, String id) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : csv.split("\r\n")) {
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("\",\"", -1)) {
        cells.add(cell.replace("\"\"", "\""));
      }
      if (cells.get(0).equals(id)) {
        rows.add(cells.subList(1, cells.size()));
      }
    }
    return rows;
  }

  @Test
  void readWhenAQuarterIsLoggedThenCountsOnlyItsDecisionsInItsZone() {
    String csv = report(logs).render(Format.CSV);

    assertThat(section(csv, "by-outcome")).containsExactly(
        List.of("allow", "3", "3", "0", "0", "0"),
        List.of("allow-redacted", "1", "0", "1", "0", "0"),
        List.of("deny", "3", "0", "0", "0", "3"),
        List.of("escalate", "2", "0", "0", "2", "0"));
    assertThat(section(csv, "by-recipient-class")).containsExactly(
        List.of("immigration-enforcement", "8", "3", "0", "2", "3"),
        List.of("law-enforcement", "1", "0", "1", "0", "0"));
    assertThat(section(csv, "by-basis-type")).extracting(row -> row.get(0) + "=" + row.get(1))
        .containsExactly("administrative-warrant=3", "judicial-warrant=5", "none=1");
    assertThat(section(csv, "by-holder")).extracting(row -> row.get(0) + "=" + row.get(1))
        .containsExactly("city-agency=1", "motor-vehicles=5", "shelter=3");
    assertThat(section(csv, "summary")).contains(List.of("decisions in the period", "9"),
        List.of("of which in monitor mode (everything released)", "1"), List.of("fulfilments read", "3"));
  }

  @Test
  void readWhenALaterSinkFailedThenTheDenialThatReplacedTheDecisionIsCountedAndTheDecisionIsNot(@TempDir Path dir) {
    for (boolean signed : new boolean[] {true, false}) {
      Path log = dir.resolve(signed ? "signed" : "unsigned");
      SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
      clock.now = at(2026, 2, 1, 10, 0);
      Policy policy = policy(clock);
      AuditSink failing = event -> {
        throw new IllegalStateException("the second sink is down");
      };
      GuardLogSink.Builder sink = GuardLogSink.builder(log);
      if (signed) {
        sink.signingKey(SigningKeys.generate().getPrivate());
      }
      try (Guard guard = Guard.of(GuardConfig.custom().policy(policy).pseudonymKey(new byte[32])
          .auditSinks(sink.build(), failing).build())) {
        assertThat(guard.decide(cbpAtTheDmv(guard, true)).outcome()).isEqualTo(Outcome.DENY);
      }

      GuardLogReport report = report(log);
      String csv = report.render(Format.CSV);

      // a log kept without a signing key signs neither the decision nor the denial: the denial replaces it all the same
      assertThat(section(csv, "by-outcome")).as("signed: %s", signed).containsExactly(
          List.of("deny", "1", "0", "0", "0", "1"));
      assertThat(section(csv, "summary")).as("signed: %s", signed).contains(List.of("decisions in the period", "1"));
      assertThat(report.problems()).as("signed: %s", signed).isEmpty();
    }
  }

  @Test
  void readWhenAQuarterIsLoggedThenTheSection10178dTableCountsImmigrationRequestsByAgencies() {
    String csv = report(logs).render(Format.CSV);

    assertThat(section(csv, "section-10-178d")).containsExactly(
        List.of("cbp", "U.S. Customs and Border Protection", "motor-vehicles", "5", "3", "0", "2", "0"),
        List.of("ice-ero", "ICE Enforcement and Removal Operations", "shelter", "3", "0", "0", "0", "3"));
    assertThat(csv).startsWith("\"section\",\"item\",\"value\"\r\n")
        .contains("\"section\",\"requesting agency\",\"name\",\"receiving agency (holder)\",\"decisions\",\"allow\","
            + "\"allow-redacted\",\"escalate\",\"deny\"\r\n");
  }

  @Test
  void readWhenDataWasReleasedToImmigrationEnforcementThenEachReleaseIsListedWithItsBasis() {
    List<List<String>> released = section(report(logs).render(Format.CSV), "released-to-immigration");

    assertThat(released).hasSize(4);
    assertThat(released.subList(0, 3)).allSatisfy(row -> assertThat(row).containsSubsequence("cbp",
        "immigration-enforcement", "motor-vehicles", "criminal-investigation", "allow", "enforce",
        "identity.photo, vehicle.dmv-record", "judicial-warrant", "", "26-MJ-01234",
        "United States District Court for the Southern District of New York", "yes"));
    // monitor mode released what the decision would have withheld
    assertThat(released.get(3)).containsSubsequence("2026-03-25T10:00:00-04:00", "ice-ero", "deny", "monitor",
        "location.home-address", "administrative-warrant", "I-205");
  }

  @Test
  void readWhenDataWasReleasedForImmigrationEnforcementToAnotherClassThenListedAsInTheSection10178dTable(
      @TempDir Path dir) {
    SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
    clock.now = at(2026, 2, 1, 10, 0);
    Policy policy = policy(clock);
    try (Guard enforce = guard(policy, Mode.ENFORCE, dir.resolve("enforce"));
        Guard monitor = guard(policy, Mode.MONITOR, dir.resolve("monitor"))) {
      assertThat(monitor.decide(forIceThroughAnUnknownHost(monitor)).outcome()).isEqualTo(Outcome.DENY);
      assertThat(enforce.decide(forIceThroughAnUnknownHost(enforce)).outcome()).isEqualTo(Outcome.DENY);
    }

    String csv = report(dir).render(Format.CSV);

    assertThat(section(csv, "section-10-178d")).singleElement()
        .satisfies(row -> assertThat(row).startsWith("unknown").containsSubsequence("city-agency", "2"));
    // the monitor-mode decision released the address; the enforced denial released nothing
    assertThat(section(csv, "released-to-immigration")).singleElement().satisfies(row -> assertThat(row)
        .containsSubsequence("unknown", "unknown", "city-agency", "civil-immigration-enforcement", "deny", "monitor",
            "location.home-address"));
  }

  private static DisclosureRequest forIceThroughAnUnknownHost(Guard guard) {
    return guard.request().recipient(Recipient.unknown("records.example.net"))
        .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("location.home-address").subjects(SUBJECT)
        .actor(ACTOR).build();
  }

  @Test
  void renderWhenAReleaseAndAnEscalationRestedOnFactsThenTheirRowsListThemInEveryFormat(@TempDir Path dir) {
    SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
    clock.now = at(2026, 2, 1, 10, 0);
    try (Guard guard = guard(policy(clock), Mode.ENFORCE, dir)) {
      for (boolean verified : new boolean[] {true, false}) {
        guard.decide(TestPacks.releaseDateForIce(guard, LocalDate.of(2026, 1, 28), verified)
            .fact(Facts.VIOLENT_OR_SERIOUS_CONVICTION, true).fact(Facts.TERRORIST_WATCHLIST_MATCH, true)
            .fact(Facts.SUBJECT_IS_MINOR, false).build());
      }
    }
    GuardLogReport report = report(dir);

    String csv = report.render(Format.CSV);
    String markdown = report.render(Format.MARKDOWN);
    String html = report.render(Format.HTML);

    String facts = "terrorist-watchlist-match, violent-or-serious-conviction";
    assertThat(section(csv, "released-to-immigration")).singleElement().satisfies(row -> assertThat(row)
        .containsSubsequence("ice-ero", "correction", "criminal-immigration-enforcement", "allow", "enforce",
            "custody.facility, custody.release-date", "judicial-warrant").endsWith("yes", facts));
    assertThat(section(csv, "escalations")).singleElement().satisfies(row -> assertThat(row.subList(2, 7))
        .containsExactly("ice-ero", "correction", "custody.facility, custody.release-date", facts, "open"));
    assertThat(csv).contains("\"section\",\"time\",\"event\",\"recipient\",\"holder\",\"escalated\",\"facts\","
        + "\"resolution\"\r\n").contains(",\"authenticity verified\",\"facts\"\r\n").doesNotContain("subject-is-minor");
    assertThat(markdown).contains("| issuer | authenticity verified | facts |", "| escalated | facts | resolution |",
        "| yes | " + facts + " |\n", "| custody.facility, custody.release-date | " + facts + " | open |\n");
    assertThat(html).contains("<th>authenticity verified</th><th>facts</th></tr>",
        "<td>yes</td><td>" + facts + "</td></tr>", "<td>" + facts + "</td><td>open</td></tr>");
  }

  @Test
  void readWhenTheLogWasWrittenBeforeEventsRecordedFactsThenItsRowsAreListedWithAnEmptyFactsCell() {
    LocalDate day = LocalDate.of(2026, 6, 15);
    GuardLogReport report = GuardLogReport.read(List.of(GuardLogVerifierTest.BEFORE_FACTS), day, day, NEW_YORK,
        Instant.parse("2026-06-16T00:00:00Z"));

    String csv = report.render(Format.CSV);

    assertThat(report.problems()).isEmpty();
    assertThat(section(csv, "summary")).contains(List.of("decisions in the period", "2"));
    assertThat(section(csv, "released-to-immigration")).singleElement().satisfies(row -> assertThat(row)
        .startsWith("2026-06-15T10:00:00-04:00").containsSubsequence("ice-ero", "correction", "allow",
            "custody.facility, custody.release-date", "judicial-warrant", "26 Cr. 3188").endsWith("yes", ""));
    assertThat(section(csv, "escalations")).singleElement().satisfies(row -> assertThat(row.subList(4, 7))
        .containsExactly("custody.facility, custody.release-date", "", "open"));
  }

  @Test
  void readWhenTheSameRecordsAreGivenTwiceThenEachDecisionIsCountedOnceAndTheCopyIsAProblem(@TempDir Path copies)
      throws IOException {
    Path copy = copies.resolve("archive");
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(logs.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }

    GuardLogReport twice = report(logs, copy);

    assertThat(section(twice.render(Format.CSV), "summary")).contains(List.of("decisions in the period", "9"),
        List.of("fulfilments read", "3"));
    assertThat(twice.problems()).isNotEmpty().allSatisfy(problem -> {
      assertThat(problem.kind()).isEqualTo(GuardLogVerifier.Kind.DUPLICATED);
      assertThat(problem.message()).contains("was read before");
    });
  }

  @Test
  void readWhenEscalationsAndObligationsAreLoggedThenResolvedFulfilledLateOverdueAndOpenAsOfTheReport() {
    String csv = report(logs).render(Format.CSV);
    List<List<String>> obligations = section(csv, "obligations");

    assertThat(section(csv, "escalations")).extracting(row -> row.get(0) + " " + row.get(6))
        .containsExactly("2026-03-01T10:00:00-05:00 resolved 2026-03-02T11:00:00-05:00",
            "2026-03-10T10:00:00-04:00 open");
    assertThat(obligations).filteredOn(row -> row.get(2).equals("notify-subject"))
        .extracting(row -> row.get(1) + " due " + row.get(3) + ": " + row.get(4) + " " + row.get(5))
        .containsExactly(
            "2026-02-01T10:00:00-05:00 due 2026-02-04T10:00:00-05:00: fulfilled 2026-02-02T10:00:00-05:00",
            "2026-02-20T10:00:00-05:00 due 2026-02-23T10:00:00-05:00: fulfilled late 2026-02-27T10:00:00-05:00",
            "2026-03-01T10:00:00-05:00 due 2026-03-04T10:00:00-05:00: overdue ",
            "2026-03-10T10:00:00-04:00 due 2026-03-13T10:00:00-04:00: overdue ",
            "2026-03-20T10:00:00-04:00 due 2026-03-23T10:00:00-04:00: overdue ");
    assertThat(obligations).filteredOn(row -> row.get(2).equals("escalate-to-counsel"))
        .extracting(row -> row.get(1) + ": " + row.get(4))
        .contains("2026-03-01T10:00:00-05:00: fulfilled", "2026-03-10T10:00:00-04:00: open");
    assertThat(obligations).extracting(row -> row.get(2))
        .doesNotContain("log-request", "report-periodic", "strip-non-status-fields");
  }

  @Test
  void renderWhenClocksGoBackThenEveryTimeCarriesItsOffsetSoTheTwoSameHoursDiffer(@TempDir Path dir) {
    SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
    Instant daylight = Instant.parse("2026-11-01T05:30:00Z"); // 01:30 in New York, daylight saving time
    Instant standard = daylight.plus(Duration.ofHours(1)); // 01:30 again, standard time
    try (Guard guard = guard(policy(clock), Mode.ENFORCE, dir)) {
      clock.now = daylight;
      assertThat(guard.decide(cbpAtTheDmv(guard, true)).outcome()).isEqualTo(Outcome.ALLOW);
      clock.now = standard;
      Decision escalated = guard.decide(cbpAtTheDmv(guard, false));
      assertThat(escalated.outcome()).isEqualTo(Outcome.ESCALATE);
      guard.fulfil(escalated.auditEventId().orElseThrow(), ObligationKind.ESCALATE_TO_COUNSEL, ACTOR,
          standard.plus(Duration.ofMinutes(30)));
    }
    LocalDate day = LocalDate.of(2026, 11, 1);
    GuardLogReport report = GuardLogReport.read(List.of(dir), day, day, NEW_YORK,
        Instant.parse("2026-11-02T17:00:00Z"));

    String csv = report.render(Format.CSV);

    assertThat(section(csv, "summary")).contains(List.of("as of", "2026-11-02T12:00:00-05:00"));
    assertThat(section(csv, "released-to-immigration")).extracting(row -> row.get(0))
        .containsExactly("2026-11-01T01:30:00-04:00");
    assertThat(section(csv, "escalations")).extracting(row -> row.get(0) + " " + row.get(6))
        .containsExactly("2026-11-01T01:30:00-05:00 resolved 2026-11-01T02:00:00-05:00");
    assertThat(section(csv, "obligations")).filteredOn(row -> !row.get(3).isEmpty() || !row.get(5).isEmpty())
        .extracting(row -> row.get(1) + " " + row.get(2) + " due " + row.get(3) + ": " + row.get(4) + " " + row.get(5))
        .contains("2026-11-01T01:30:00-04:00 notify-subject due 2026-11-04T00:30:00-05:00: open ",
            "2026-11-01T01:30:00-05:00 escalate-to-counsel due : fulfilled 2026-11-01T02:00:00-05:00");
    for (Format format : List.of(Format.MARKDOWN, Format.HTML)) {
      assertThat(report.render(format)).as(format.id()).contains("2026-11-01T01:30:00-04:00",
          "2026-11-01T01:30:00-05:00", "resolved 2026-11-01T02:00:00-05:00", "2026-11-02T12:00:00-05:00");
    }
  }

  @Test
  void readWhenAnObligationIsNotYetDueThenOpenNotOverdue() {
    GuardLogReport early = GuardLogReport.read(List.of(logs), FROM, TO, NEW_YORK, at(2026, 3, 21, 0, 0));

    assertThat(section(early.render(Format.CSV), "obligations"))
        .filteredOn(row -> row.get(1).equals("2026-03-20T10:00:00-04:00") && row.get(2).equals("notify-subject"))
        .singleElement().satisfies(row -> assertThat(row.get(4)).isEqualTo("open"));
  }

  @Test
  void renderWhenAnyFormatThenNoSubjectNoPseudonymAndNoActor() {
    GuardLogReport report = report(logs);

    assertThat(pseudonyms).isNotEmpty();
    for (Format format : Format.values()) {
      String rendered = report.render(format);
      assertThat(rendered).as(format.id()).doesNotContain(SUBJECT, ACTOR, "CANARY").contains("26-MJ-01234");
      pseudonyms.forEach(pseudonym -> assertThat(rendered).as(format.id()).doesNotContain(pseudonym));
    }
  }

  @Test
  void renderWhenEachFormatThenTheSameTablesInItsSyntax() {
    GuardLogReport report = report(logs);

    assertThat(report.render(Format.MARKDOWN)).startsWith("# Guard log report, 2026-01-01 to 2026-03-31\n")
        .contains("## N.Y.C. Admin. Code § 10-178(d): requests for help with immigration enforcement\n")
        .contains("| requesting agency | name | receiving agency (holder) | decisions | allow | allow-redacted |")
        .contains("| cbp | U.S. Customs and Border Protection | motor-vehicles | 5 | 3 | 0 | 2 | 0 |")
        .contains("## Problems\n\nA line that could not be read (unreadable, torn-line) is left out of the counts")
        .contains("claims to replace (unsigned-tail).\n\nNone.\n");
    assertThat(report.render(Format.HTML)).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<h2 id=\"section-10-178d\">N.Y.C. Admin. Code § 10-178(d)")
        .contains("<tr><td>cbp</td><td>U.S. Customs and Border Protection</td><td>motor-vehicles</td><td>5</td>")
        .endsWith("</body>\n</html>\n");
  }

  @Test
  void renderWhenTheLogHoldsHostileValuesThenEveryFormatEscapesThem() throws IOException {
    Path file = Files.createDirectories(work.resolve("hostile")).resolve("hostile.jsonl");
    String decision;
    try (Stream<Path> files = Files.walk(logs.resolve("enforce"))) {
      decision = files.filter(Files::isRegularFile).flatMap(GuardLogReportTest::lines)
          .filter(line -> line.contains("\"sanctuary.outcome\":\"allow\"")).findFirst().orElseThrow();
    }
    String hostile = Forgery.with(Forgery.with(Forgery.with(decision, "sanctuary.recipient.name",
        "A|B\nINJECTED ROW <script>alert(1)</script> & 'x' \"y\" *bold* [link](http://x)"),
        "sanctuary.basis.docket", "=HYPERLINK(\"http://evil\")"),
        "sanctuary.facts", List.of("@SUM(1+1)", "<img src=x onerror=alert(2)>|`x`"));
    Files.writeString(file, hostile + "\n", StandardCharsets.UTF_8);
    GuardLogReport report = report(file);

    String markdown = report.render(Format.MARKDOWN);
    String html = report.render(Format.HTML);
    String csv = report.render(Format.CSV);

    assertThat(markdown).contains("A\\|B\\\\nINJECTED ROW \\<script\\>alert(1)\\</script\\> \\& 'x' \"y\" \\*bold\\* "
        + "\\[link\\](http://x)").doesNotContain("<script>").doesNotContainPattern("(?m)^INJECTED")
        .contains("| @SUM(1+1), \\<img src=x onerror=alert(2)\\>\\|\\`x\\` |")
        .doesNotContain("<img src=x onerror=alert(2)>");
    assertThat(html).contains("A|B\\nINJECTED ROW &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39; &quot;y&quot;")
        .doesNotContain("<script>").doesNotContainPattern("(?m)^INJECTED")
        .contains("<td>@SUM(1+1), &lt;img src=x onerror=alert(2)&gt;|`x`</td>").doesNotContain("<img");
    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContainPattern("(?m)^INJECTED")
        .doesNotContain(",\"=").contains(",\"'@SUM(1+1), <img src=x onerror=alert(2)>|`x`\"").doesNotContain(",\"@");
  }

  @Test
  void readWhenLinesCannotBeReadThenTheyAreProblemsWithTheirPlaceAndTheRestIsCounted() throws IOException {
    Path directory = Files.createDirectories(work.resolve("bad"));
    List<String> lines;
    try (Stream<Path> files = Files.walk(logs.resolve("enforce"))) {
      lines = files.filter(Files::isRegularFile).sorted(LogFiles.ORDER).flatMap(GuardLogReportTest::lines)
          .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }
    lines.add(3, "not json at all");
    lines.add(5, Forgery.with(lines.get(5), "sanctuary.schema", 9L));
    Path file = directory.resolve("log.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n{\"@timestamp\":\"2026-", StandardCharsets.UTF_8);

    GuardLogReport report = report(file, work.resolve("missing"));

    assertThat(report.problems()).extracting(p -> p.file().getFileName() + ":" + p.line() + " " + p.kind())
        .containsExactly("missing:0 unreadable", "log.jsonl:4 unreadable", "log.jsonl:6 unreadable",
            "log.jsonl:" + (lines.size() + 1) + " torn-line");
    assertThat(report.problems().get(2).message()).startsWith("unknown schema version 9");
    assertThat(section(report.render(Format.CSV), "problems")).hasSize(4);
    assertThat(section(report.render(Format.CSV), "summary")).contains(List.of("decisions in the period", "8"));
  }

  @Test
  void readWhenThePeriodEndsBeforeItStartsThenRefusesNamingIt() {
    assertThatThrownBy(() -> GuardLogReport.read(List.of(logs), TO, FROM, NEW_YORK, AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the period must not end before it starts, but was 2026-03-31 to 2026-01-01");
  }

  @Test
  void formatOfWhenAnyCaseThenTheFormatAndWhenUnknownThenTheNearest() {
    assertThat(Format.of("HTML")).isEqualTo(Format.HTML);
    assertThat(Format.of("markdown")).isEqualTo(Format.MARKDOWN);
    assertThatThrownBy(() -> Format.of("cvs")).isInstanceOf(UnknownIdentifierException.class)
        .hasMessageContaining("'cvs'").hasMessageContaining("did you mean 'csv'?");
  }

  @Test
  void verifyWhenTheReportsLogIsVerifiedThenIntact() {
    GuardLogVerifier.Result result = GuardLogVerifier.create().verify(logs);

    assertThat(result.breaks()).isEmpty();
    assertThat(result.warnings()).extracting(GuardLogVerifier.Finding::kind).containsOnly(Kind.UNSIGNED_TAIL);
    assertThat(result.events()).isEqualTo(eventIds.size() + 3);
  }

  /** A channel that brings ICE's own paperwork is counted where § 10-178(d) asks, whatever its class and purpose. */
  @Test
  void readWhenThePolicePresentAnImmigrationAuthoritysDocumentThenTheRequestIsInTheSection10178dTable(@TempDir Path dir) {
    SettableClock clock = new SettableClock(Instant.EPOCH, NEW_YORK);
    clock.now = at(2026, 2, 3, 10, 0);
    Path log = dir.resolve("log");
    try (Guard guard = guard(policy(clock), Mode.ENFORCE, log)) {
      assertThat(guard.decide(guard.request().recipient("state-police").holder(Holder.SHELTER)
          .purpose(Purpose.CRIMINAL_INVESTIGATION).categories("location.home-address").subjects(SUBJECT)
          .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-200")
              .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build()).build()).outcome()).isEqualTo(Outcome.DENY);
    }

    assertThat(section(report(log).render(Format.CSV), "section-10-178d")).extracting(row -> row.get(0) + " "
        + row.get(2) + " " + row.get(3)).containsExactly("state-police shelter 1");
  }

  /** The quarter's logs were kept without a signing key: intact, but every record counted is unsigned. */
  @Test
  void readWithAVerifierWhenTheLogIsIntactThenTheSummarySaysSoAndItsWarningsAreListed() {
    GuardLogReport report = GuardLogReport.read(List.of(logs), FROM, TO, NEW_YORK, AS_OF, GuardLogVerifier.create());
    String csv = report.render(Format.CSV);

    GuardLogVerifier.Result verification = report.verification().orElseThrow();
    assertThat(verification.intact()).isTrue();
    assertThat(section(csv, "summary")).containsSubsequence(List.of("integrity", "verified intact (2 streams, "
        + verification.records() + " records, " + verification.checkpoints() + " checkpoints), with 2 warnings: see"
        + " Verification; the counts include 12 records that no signed checkpoint covers, marked unsigned"),
        List.of("decisions in the period", "9"), List.of("of which unsigned (no signed checkpoint covers them)", "9"),
        List.of("fulfilments read", "3"), List.of("of which unsigned (no signed checkpoint covers them)", "3"));
    assertThat(section(csv, "by-outcome")).as("every decision is unsigned").isNotEmpty()
        .allSatisfy(row -> assertThat(row.get(row.size() - 1)).isEqualTo(row.get(1)));
    assertThat(section(csv, "escalations")).extracting(row -> row.get(6) + ": " + row.get(7))
        .containsExactly("resolved 2026-03-02T11:00:00-05:00: decision, fulfilment", "open: decision");
    assertThat(section(csv, "verification")).hasSize(2).allSatisfy(row -> assertThat(row.subList(3, 5))
        .containsExactly("unsigned-tail", "warning"));
    assertThat(report.problems()).isEmpty();
    assertThat(report.toString()).endsWith(", verified intact]");
  }

  @Test
  void readWithAVerifierWhenADenialWasEditedIntoAReleaseThenTheSummarySaysNotIntactAndTheBreakIsListed()
      throws IOException {
    Path copy = Files.createDirectory(work.resolve("enforce"));
    Path file;
    try (Stream<Path> files = Files.list(logs.resolve("enforce"))) {
      file = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int denial = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("\"sanctuary.outcome\":\"deny\""))
        .findFirst().orElseThrow();
    lines.set(denial, lines.get(denial).replace("\"sanctuary.outcome\":\"deny\"", "\"sanctuary.outcome\":\"allow\""));
    Path edited = Files.write(copy.resolve(file.getFileName()), lines);

    GuardLogReport unverified = report(copy);
    GuardLogReport report = GuardLogReport.read(List.of(copy), FROM, TO, NEW_YORK, AS_OF, GuardLogVerifier.create());
    String csv = report.render(Format.CSV);

    assertThat(unverified.verification()).isEmpty();
    assertThat(section(unverified.render(Format.CSV), "verification")).isEmpty();
    assertThat(section(unverified.render(Format.CSV), "summary")).contains(List.of("integrity", "not checked by this"
        + " report: verify the same files with the guard's public key (sanctuary-guard verify --public-key) before"
        + " relying on it"));
    assertThat(report.verification().orElseThrow().intact()).isFalse();
    assertThat(report.problems()).as("the report's own problems: it reads the edited line as any other").isEmpty();
    assertThat(section(csv, "summary")).contains(List.of("integrity", "NOT INTACT (1 stream, 19 records, 5"
        + " checkpoints): 1 break and 0 warnings, see Verification; do not rely on counts from the streams they name;"
        + " the counts include 11 records that no signed checkpoint covers, marked unsigned"));
    assertThat(section(csv, "verification")).first().satisfies(row -> assertThat(row.subList(0, 5))
        .containsExactly(edited.toString(), Integer.toString(denial + 1), Forgery.fields(lines.get(0))
            .get("sanctuary.stream").toString(), "edited", "break"));
    assertThat(report.render(Format.MARKDOWN)).contains("## Verification").doesNotContain(SUBJECT, ACTOR);
    assertThat(report.toString()).endsWith(", verified NOT INTACT]");
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
