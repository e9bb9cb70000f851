package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.audit.GuardLogReport.Format;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.internal.json.LogField;

/**
 * What someone who can write files next to a signed log, but not sign, can make the report say: a
 * record no signature covers (an unsigned stream, which the verifier only warns about) must not
 * remove a signed release to immigration enforcement from the report, nor replace it. The report
 * does not verify signatures, so a record that contradicts another is counted with it and is a
 * problem, which fails the report.
 */
class GuardLogReportForgeryTest {

  private static final KeyPair KEYS = SigningKeys.generate();
  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("federal"));
  private static final String FORGED_STREAM = "aaaaaaaaaaaaaaaa";

  @TempDir Path dir;

  private static Guard guard(Mode mode, AuditSink... sinks) {
    return Guard.of(GuardConfig.custom().policy(POLICY).mode(mode).auditSinks(sinks).pseudonymKey(new byte[32])
        .build());
  }

  /** A guard in monitor mode releases a home address to ICE, in a signed log; returns the decision's event id. */
  private static String releaseToIce(Path log) {
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
      Decision d = guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.home-address").subjects("S-1").build());
      return d.auditEventId().orElseThrow();
    }
  }

  private static List<String> lines(Path log) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(log)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static String lineOf(List<String> lines, String eventId) {
    return lines.stream().filter(l -> l.contains("\"event.id\":\"" + eventId + "\"")).findFirst().orElseThrow();
  }

  /**
   * Writes a two-record stream that no key signs, in a file that sorts before the real ones: a
   * start naming no key, and the given decision. Returns the file.
   */
  private static Path forgeStream(Path log, String realStart, SortedMap<String, Object> decision) throws Exception {
    SortedMap<String, Object> start = Forgery.fields(realStart);
    start.remove(LogField.KEY.key());
    start.remove(LogField.CONTINUES_STREAM.key());
    start.remove(LogField.CONTINUES_SEQUENCE.key());
    start.put(LogField.STREAM.key(), FORGED_STREAM);
    start.put(LogField.SEQUENCE.key(), 1L);
    start.put(LogField.PREVIOUS.key(), LogLine.ZERO);
    String startLine = Forgery.sealed(start);
    decision.put(LogField.STREAM.key(), FORGED_STREAM);
    decision.put(LogField.SEQUENCE.key(), 2L);
    decision.put(LogField.PREVIOUS.key(), Forgery.hashOf(startLine));
    Path file = log.resolve("guard-20000101T000000Z-" + FORGED_STREAM + "-0001.jsonl");
    Files.writeString(file, startLine + "\n" + Forgery.sealed(decision) + "\n");
    return file;
  }

  private static GuardLogReport report(Path... logs) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return GuardLogReport.read(List.of(logs), today.minusDays(1), today.plusDays(1), ZoneOffset.UTC, Instant.now());
  }

  private static String section(GuardLogReport report, String title) {
    String markdown = report.render(Format.MARKDOWN);
    int at = markdown.indexOf("## " + title);
    int end = markdown.indexOf("\n## ", at + 1);
    return markdown.substring(at, end < 0 ? markdown.length() : end);
  }

  private static String released(GuardLogReport report) {
    return section(report, "Disclosures released on requests for immigration enforcement");
  }

  @Test
  void readWhenAnUnsignedStreamClaimsToReplaceASignedReleaseThenTheReleaseIsStillReportedAndTheClaimConflicts()
      throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    List<String> real = lines(log);
    // the very denial a guard writes when a sink fails, but in a stream of its own, dated 2000
    SortedMap<String, Object> denial = Forgery.fields(lineOf(real, release));
    denial.put(LogField.EVENT_ID.key(), release.substring(0, release.indexOf('-')) + "-9");
    denial.put(LogField.SUPERSEDES.key(), release);
    denial.put(LogField.OUTCOME.key(), "deny");
    denial.put(LogField.MODE.key(), "enforce");
    denial.put(LogField.FAILURE.key(), "audit");
    denial.put(LogField.TIMESTAMP.key(), "2000-01-01T00:00:00Z");
    Path forged = forgeStream(log, real.get(0), denial);
    GuardLogVerifier.Result verified = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(log);
    assertThat(verified.intact()).as("the verifier only warns of an unsigned stream").isTrue();

    GuardLogReport report = report(log);

    assertThat(released(report)).contains(release);
    assertThat(section(report, "N.Y.C. Admin. Code")).contains("| ice-ero |");
    assertThat(report.problems()).as("the report fails").singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(problem.file()).isEqualTo(forged);
      assertThat(problem.line()).isEqualTo(2);
      assertThat(problem.message()).contains("says it replaces event " + release, "the decision is counted");
    });
    assertThat(report.render(Format.CSV)).contains("\"summary\",\"decisions replaced by the guard's denial"
        + " (sanctuary.supersedes), left out\",\"0\"");
  }

  @Test
  void readWhenAnUnsignedRecordReusesTheEventIdOfASignedReleaseThenBothAreReportedAndTheyConflict() throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    List<String> real = lines(log);
    SortedMap<String, Object> copy = Forgery.fields(lineOf(real, release));
    copy.put("sanctuary.recipient.id", "city-agency");
    copy.put("sanctuary.recipient.name", "A city agency");
    copy.put("sanctuary.recipient.class", "city-agency");
    copy.put("sanctuary.purpose", "service-delivery");
    copy.put("sanctuary.mode", "enforce");
    copy.put("sanctuary.outcome", "deny");
    Path forged = forgeStream(log, real.get(0), copy);

    GuardLogReport report = report(log);

    assertThat(released(report)).contains(release);
    assertThat(section(report, "Decisions by requesting agency")).contains("| city-agency |", "| ice-ero |");
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(problem.file().getFileName()).isNotEqualTo(forged.getFileName());
      assertThat(problem.message()).contains("event " + release + " was read before, at " + forged + ":2",
          "Both are counted");
    });
    assertThat(report.render(Format.CSV)).contains("\"summary\",\"decisions in the period\",\"2\"")
        .contains("\"summary\",\"conflicts (records that contradict another), all counted\",\"1\"");
  }

  @Test
  void readWhenTheSameLogIsGivenTwiceThenEachDecisionCountsOnceWithoutAConflict() throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    Path copy = Files.createDirectories(dir.resolve("copy"));
    try (Stream<Path> files = Files.list(log)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }

    GuardLogReport report = report(log, copy);

    assertThat(released(report)).containsOnlyOnce(release);
    assertThat(report.problems()).extracting(Finding::kind).containsOnly(Kind.DUPLICATED).isNotEmpty();
  }

  @Test
  void readWhenASinkFailedAfterTwoRecordedTheDecisionThenTheGuardsDenialReplacesItOnceWithoutAConflict() {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    AuditSink failing = event -> {
      throw new IllegalStateException("disk full");
    };
    String allowed;
    try (Guard guard = guard(Mode.ENFORCE, GuardLogSink.builder(first).signingKey(KEYS.getPrivate()).build(),
        GuardLogSink.builder(second).signingKey(KEYS.getPrivate()).build(), failing)) {
      Decision denied = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("contact.phone").subjects("S-1").build());
      assertThat(denied.outcome()).isEqualTo(Outcome.DENY);
      allowed = guard.id() + "-1";
      assertThat(denied.auditEventId()).contains(guard.id() + "-2");
    }

    for (GuardLogReport report : List.of(report(first), report(first, second))) {
      String csv = report.render(Format.CSV);
      assertThat(csv).contains("\"summary\",\"decisions in the period\",\"1\"")
          .contains("\"summary\",\"decisions replaced by the guard's denial (sanctuary.supersedes), left out\",\"1\"");
      String markdown = report.render(Format.MARKDOWN);
      assertThat(markdown.substring(0, markdown.indexOf("## Problems"))).doesNotContain(allowed);
      assertThat(section(report, "Decisions by outcome")).contains("| deny | 1 | 0 | 0 | 0 | 1 |");
      assertThat(report.problems()).extracting(Finding::kind).doesNotContain(Kind.CONFLICT);
    }
  }

  @Test
  void readWhenADenialInTheSameStreamClaimsToReplaceALaterDecisionThenItReplacesNothing() throws Exception {
    Path log = dir.resolve("log");
    String release;
    String claim;
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).build())) {
      claim = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("contact.phone").subjects("S-1").build()).auditEventId().orElseThrow();
      release = guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.home-address").subjects("S-1").build()).auditEventId().orElseThrow();
    }
    // the first decision, rewritten in place (the stream is unsigned) into a denial naming the second
    Path file;
    try (Stream<Path> files = Files.list(log)) {
      file = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int at = lines.indexOf(lineOf(lines, claim));
    SortedMap<String, Object> denial = Forgery.fields(lines.get(at));
    denial.put(LogField.SUPERSEDES.key(), release);
    denial.put(LogField.OUTCOME.key(), "deny");
    denial.put(LogField.MODE.key(), "enforce");
    denial.put(LogField.FAILURE.key(), "audit");
    lines.set(at, Forgery.sealed(denial));
    Files.writeString(file, String.join("\n", lines) + "\n");

    GuardLogReport report = report(log);

    assertThat(released(report)).contains(release);
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(problem.line()).isEqualTo(at + 1);
    });
  }

  @Test
  void readWhenTheGuardsDenialIsAppendedAfterTheLastSignedCheckpointThenTheReleaseIsStillReportedAndItIsAProblem()
      throws Exception {
    Path log = dir.resolve("log");
    GuardLogSink sink = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build();
    String release;
    String forged;
    try (Guard guard = guard(Mode.MONITOR, sink)) {
      release = guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.home-address").subjects("S-1").build()).auditEventId().orElseThrow();
      forged = guard.id() + "-2";
      sink.checkpoint();
      sink.crash(); // the stream ends at a signed checkpoint that does not close it
    }
    // a denial shaped exactly like the guard's own, chained after the checkpoint, which no key signs
    Path file = sink.currentFile();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1);
    SortedMap<String, Object> denial = Forgery.fields(lineOf(lines, release));
    denial.put(LogField.EVENT_ID.key(), forged);
    denial.put(LogField.SUPERSEDES.key(), release);
    denial.put(LogField.OUTCOME.key(), "deny");
    denial.put(LogField.MODE.key(), "enforce");
    denial.put(LogField.FAILURE.key(), "audit");
    denial.put(LogField.SEQUENCE.key(), (Long) Forgery.fields(last).get(LogField.SEQUENCE.key()) + 1);
    denial.put(LogField.PREVIOUS.key(), Forgery.hashOf(last));
    Files.writeString(file, Forgery.sealed(denial) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    GuardLogReport report = report(log);

    assertThat(released(report)).contains(release);
    assertThat(report.render(Format.CSV))
        .contains("\"summary\",\"decisions replaced by the guard's denial (sanctuary.supersedes), left out\",\"0\"");
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Kind.UNSIGNED_TAIL);
      assertThat(problem.line()).isEqualTo(lines.size() + 1);
      assertThat(problem.message()).contains(forged, release);
    });
  }
}
