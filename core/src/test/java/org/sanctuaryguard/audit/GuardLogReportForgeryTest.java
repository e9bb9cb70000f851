package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Obligation;
import org.sanctuaryguard.ObligationKind;
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
 * problem, which fails the report. The last tests edit a signed log in ways that the verifier, given
 * the right key, finds intact but for the warnings a running or crashed guard's log has, or that
 * hide where it does not read: none changes what a verified report counts.
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
      return releaseToIce(guard);
    }
  }

  /** The guard releases a home address to ICE; returns the decision's event id. */
  private static String releaseToIce(Guard guard) {
    return guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories("location.home-address").subjects("S-1").build()).auditEventId().orElseThrow();
  }

  /** A log file and the event id of a decision in it. */
  private record Logged(Path file, String event) {}

  /**
   * A guard in monitor mode releases a home address to ICE, in a signed log whose stream then ends at
   * a signed checkpoint that does not close it, as a running or crashed guard's does.
   */
  private static Logged releaseToIceThenStopAtACheckpoint(Path log) {
    GuardLogSink sink = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build();
    try (Guard guard = guard(Mode.MONITOR, sink)) {
      String release = releaseToIce(guard);
      sink.checkpoint();
      sink.crash();
      return new Logged(sink.currentFile(), release);
    }
  }

  /**
   * A release to ICE in a stream stopped at a signed checkpoint, and the guard's denial of it, shaped exactly
   * like the guard's own and chained after the last signed checkpoint (which no key signs), not yet
   * written: the file, its lines, the release, the denial's id, the last line and its sequence, and the
   * sealed denial line.
   */
  private record DenialAfterCheckpoint(Path file, List<String> lines, String release, String forged, String last,
      long lastSequence, String denialLine) {

    /** A copy of the last signed checkpoint, chained after the denial. */
    SortedMap<String, Object> lastCopiedAfterTheDenial() {
      SortedMap<String, Object> copied = Forgery.fields(last);
      copied.put(LogField.SEQUENCE.key(), lastSequence + 2);
      copied.put(LogField.PREVIOUS.key(), Forgery.hashOf(denialLine));
      return copied;
    }

    /** Appends the denial, then those records sealed, to the file. */
    @SafeVarargs
    final void appendDenialThen(SortedMap<String, Object>... next) throws IOException {
      StringBuilder appended = new StringBuilder(denialLine).append('\n');
      for (SortedMap<String, Object> fields : next) {
        appended.append(Forgery.sealed(fields)).append('\n');
      }
      Files.writeString(file, appended.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  private static DenialAfterCheckpoint denialAfterTheLastSignedCheckpoint(Path log) throws Exception {
    Logged stopped = releaseToIceThenStopAtACheckpoint(log);
    String release = stopped.event();
    String forged = release.substring(0, release.indexOf('-')) + "-2";
    Path file = stopped.file();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1); // the signed checkpoint
    long lastSequence = (Long) Forgery.fields(last).get(LogField.SEQUENCE.key());
    SortedMap<String, Object> denial = denialOf(lineOf(lines, release), release, forged);
    denial.put(LogField.SEQUENCE.key(), lastSequence + 1);
    denial.put(LogField.PREVIOUS.key(), Forgery.hashOf(last));
    return new DenialAfterCheckpoint(file, lines, release, forged, last, lastSequence, Forgery.sealed(denial));
  }

  /**
   * A guard in monitor mode makes a decision in a signed log, forced at each record, and crashes in
   * the middle of the next line, which it leaves cut off.
   */
  private static Logged crashWhileWriting(Path log, Function<Guard, String> decide) throws Exception {
    GuardLogSink sink = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).fsync(FsyncPolicy.always()).build();
    String event;
    try (Guard guard = guard(Mode.MONITOR, sink)) {
      event = decide.apply(guard);
      sink.crash();
    }
    Files.writeString(sink.currentFile(), "{\"@timestamp\":\"2026-", StandardOpenOption.APPEND);
    return new Logged(sink.currentFile(), event);
  }

  /**
   * A guard in monitor mode serves city staff in a signed log, forced at each record, signs a
   * checkpoint, then releases a home address to ICE, fulfils an obligation of the release that the
   * report lists, and crashes: the release and its fulfilment are the stream's unsigned tail.
   */
  private static Logged releaseToIceInTheUnsignedTail(Path log) {
    GuardLogSink sink = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).fsync(FsyncPolicy.always()).build();
    try (Guard guard = guard(Mode.MONITOR, sink)) {
      serveStaff(guard);
      sink.checkpoint();
      Decision release = guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.home-address").subjects("S-1").build());
      ObligationKind listed = release.obligations().stream().map(Obligation::kind)
          .filter(kind -> !Set.of(ObligationKind.LOG_REQUEST, ObligationKind.REPORT_PERIODIC).contains(kind))
          .findFirst().orElseThrow();
      guard.fulfil(release.auditEventId().orElseThrow(), listed, "counsel-1", Instant.now());
      sink.crash();
      return new Logged(sink.currentFile(), release.auditEventId().orElseThrow());
    }
  }

  /** A decision of city staff, of no interest to the report's immigration tables; returns its event id. */
  private static String serveStaff(Guard guard) {
    return guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-2").build()).auditEventId().orElseThrow();
  }

  /** What a file holds before its last line, which is cut off. */
  private static String withoutTornLine(Path file) throws Exception {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    return content.substring(0, content.lastIndexOf('\n') + 1);
  }

  /** The denial a guard writes when a sink fails, naming {@code target}, built from the target's own record. */
  private static SortedMap<String, Object> denialOf(String targetLine, String target, String eventId) {
    SortedMap<String, Object> denial = Forgery.fields(targetLine);
    denial.put(LogField.EVENT_ID.key(), eventId);
    denial.put(LogField.SUPERSEDES.key(), target);
    denial.put(LogField.OUTCOME.key(), "deny");
    denial.put(LogField.MODE.key(), "enforce");
    denial.put(LogField.FAILURE.key(), "audit");
    return denial;
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

  /** The one log file of a guard's log directory. */
  private static Path logFile(Path log) throws Exception {
    try (Stream<Path> files = Files.list(log)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
  }

  /** The denial a guard writes when a sink fails, naming {@code release}, as a later event of the same guard. */
  private static SortedMap<String, Object> denialOfRelease(List<String> real, String release) {
    return denialOf(lineOf(real, release), release, release.substring(0, release.indexOf('-')) + "-9");
  }

  private static String lineOf(List<String> lines, String eventId) {
    return lines.stream().filter(l -> l.contains("\"event.id\":\"" + eventId + "\"")).findFirst().orElseThrow();
  }

  /**
   * Writes a stream that no key signs, in a file that sorts before the real ones: a start naming no
   * key, and the given records, chained. Returns the file.
   */
  @SafeVarargs
  private static Path forgeStream(Path log, String realStart, SortedMap<String, Object>... records) throws Exception {
    SortedMap<String, Object> start = Forgery.fields(realStart);
    start.remove(LogField.KEY.key());
    start.remove(LogField.CONTINUES_STREAM.key());
    start.remove(LogField.CONTINUES_SEQUENCE.key());
    start.put(LogField.STREAM.key(), FORGED_STREAM);
    start.put(LogField.SEQUENCE.key(), 1L);
    start.put(LogField.PREVIOUS.key(), LogLine.ZERO);
    StringBuilder lines = new StringBuilder();
    String previous = Forgery.sealed(start);
    lines.append(previous).append('\n');
    long sequence = 1;
    for (SortedMap<String, Object> record : records) {
      record.put(LogField.STREAM.key(), FORGED_STREAM);
      record.put(LogField.SEQUENCE.key(), ++sequence);
      record.put(LogField.PREVIOUS.key(), Forgery.hashOf(previous));
      previous = Forgery.sealed(record);
      lines.append(previous).append('\n');
    }
    Path file = log.resolve("guard-20000101T000000Z-" + FORGED_STREAM + "-0001.jsonl");
    Files.writeString(file, lines);
    return file;
  }

  private static GuardLogVerifier verifier() {
    return GuardLogVerifier.create().withPublicKeys(KEYS.getPublic());
  }

  private static GuardLogReport verifiedReport(Path log) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return GuardLogReport.read(List.of(log), today.minusDays(1), today.plusDays(1), ZoneOffset.UTC, Instant.now(),
        verifier());
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
    SortedMap<String, Object> denial = denialOfRelease(real, release);
    denial.put(LogField.TIMESTAMP.key(), "2000-01-01T00:00:00Z");
    Path forged = forgeStream(log, real.get(0), denial);
    GuardLogVerifier.Result verified = verifier().verify(log);
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
  void readWhenTheGuardWithdrewAReleaseItCouldNotWriteThenItsDenialReplacesItInEitherMode() {
    for (Mode mode : Mode.values()) {
      Path log = dir.resolve(mode.id());
      String release;
      String denial;
      try (Guard guard = guard(mode, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
        // in monitor mode the guard releases a home address to ICE; in enforce mode a phone number to city staff
        Decision decision = guard.decide(mode == Mode.MONITOR
            ? guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
                .categories("location.home-address").subjects("S-1").build()
            : guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
                .categories("contact.phone").subjects("S-1").build());
        assertThat(decision.permitsAny()).as(mode.id()).isTrue();
        release = decision.auditEventId().orElseThrow();
        denial = guard.withdraw(decision, new IllegalStateException()).auditEventId().orElseThrow();
      }

      GuardLogReport report = verifiedReport(log);

      assertThat(released(report)).as(mode.id()).doesNotContain(release, denial);
      assertThat(report.render(Format.CSV)).as(mode.id())
          .contains("\"summary\",\"decisions in the period\",\"1\"")
          .contains("\"summary\",\"of which in monitor mode (everything released)\",\"0\"")
          .contains("\"summary\",\"decisions replaced by the guard's denial (sanctuary.supersedes), left out\",\"1\"");
      assertThat(section(report, "Decisions by outcome")).as(mode.id()).contains("| deny | 1 |");
      assertThat(report.problems()).as(mode.id()).isEmpty();
    }
  }

  @Test
  void readWhenAnUnsignedStreamWithdrawsASignedReleaseThenTheReleaseIsStillReportedAndTheClaimConflicts()
      throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    List<String> real = lines(log);
    SortedMap<String, Object> withdrawal = denialOfRelease(real, release);
    withdrawal.put(LogField.FAILURE.key(), "release");
    forgeStream(log, real.get(0), withdrawal);

    GuardLogReport report = report(log);

    assertThat(released(report)).contains(release);
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Kind.CONFLICT);
      assertThat(problem.message()).contains("says it replaces event " + release, "or withdrew",
          "the decision is counted");
    });
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
    Path file = logFile(log);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int at = lines.indexOf(lineOf(lines, claim));
    lines.set(at, Forgery.sealed(denialOf(lines.get(at), release, claim)));
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
    // a denial shaped exactly like the guard's own, chained after the checkpoint, which no key signs
    DenialAfterCheckpoint appended = denialAfterTheLastSignedCheckpoint(log);
    String release = appended.release();
    String forged = appended.forged();
    List<String> lines = appended.lines();
    appended.appendDenialThen();

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

  /**
   * Before: the report took any record that is not an event and has a
   * sanctuary.checkpoint.signature member as a signed checkpoint (signedTo), without checking that
   * it is a checkpoint or that the signature verifies. Appending, after the stream's last signed
   * checkpoint, the guard's denial and then any non-checkpoint record carrying a copied signature
   * makes the report treat the denial as signed: the signed release disappears from the report,
   * and the report's own unsigned-tail problem (the test of a denial appended after the last signed
   * checkpoint) is gone.
   * The verifier only gives the unsigned-tail warning that every running guard's log has.
   */
  @Test
  void aForgedSignatureMemberOnANonCheckpointRecordMakesAnAppendedDenialHideASignedRelease() throws Exception {
    Path log = dir.resolve("log");
    DenialAfterCheckpoint appended = denialAfterTheLastSignedCheckpoint(log);
    String release = appended.release();
    // the edit: a copy of the checkpoint, renamed to another action so that the verifier does not check its signature
    SortedMap<String, Object> marker = appended.lastCopiedAfterTheDenial();
    marker.put(LogField.ACTION.key(), "stream-start");
    appended.appendDenialThen(marker);

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result verified = report.verification().orElseThrow();
    String described = verified.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(verified.intact()).as(described).isTrue();
    assertThat(verified.findings()).as(described).extracting(Finding::kind).containsExactly(Kind.UNSIGNED_TAIL);
    // what docs/guard-log.md promises: the decision is counted, and the denial is an unsigned-tail problem
    assertThat(released(report)).as(described).contains(release);
    assertThat(report.problems()).as(described).extracting(Finding::kind).contains(Kind.UNSIGNED_TAIL);
  }

  /**
   * A denial appended after the last signed checkpoint, then a copy of that checkpoint chained
   * after it: a checkpoint that carries a signature, which does not verify. The report alone cannot
   * tell, and lets the denial replace the release; verified, it goes by what the signatures cover,
   * so the release is counted, and the log is not intact.
   */
  @Test
  void readWithAVerifierWhenACopiedCheckpointFollowsAnAppendedDenialThenTheReleaseIsCounted() throws Exception {
    Path log = dir.resolve("log");
    DenialAfterCheckpoint appended = denialAfterTheLastSignedCheckpoint(log);
    String release = appended.release();
    appended.appendDenialThen(appended.lastCopiedAfterTheDenial());

    GuardLogReport unverified = report(log);
    GuardLogReport verified = verifiedReport(log);
    String described = verified.render(Format.MARKDOWN);

    assertThat(released(unverified)).doesNotContain(release);
    assertThat(verified.verification().orElseThrow().intact()).as(described).isFalse();
    assertThat(released(verified)).as(described).contains(release);
    assertThat(verified.problems()).as(described).extracting(Finding::kind).contains(Kind.UNSIGNED_TAIL);
  }

  /**
   * Before: a claim to replace a decision is tried against every copy of the decision, and it
   * replaces it when the copy it follows is unsigned. An unsigned forged stream holding a copy of a
   * signed release, then the guard's denial naming it, removes the signed release from the report:
   * the docs say a denial in another stream (one that no key signs) replaces nothing.
   */
  @Test
  void anUnsignedStreamWithACopyOfASignedReleaseAndADenialAfterItHidesTheRelease() throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    List<String> real = lines(log);
    String releaseLine = lineOf(real, release);

    forgeStream(log, real.get(0), Forgery.fields(releaseLine), denialOfRelease(real, release));

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result verified = report.verification().orElseThrow();
    String described = verified.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(verified.intact()).as(described).isTrue();
    // what docs/guard-log.md promises: a denial in a stream no key signs replaces nothing; the release is counted
    assertThat(released(report)).as(described).contains(release);
    assertThat(section(report, "N.Y.C. Admin. Code")).as(described).contains("| ice-ero |");
  }

  /**
   * The verifier skips, with a recovered-torn-line warning, the unterminated last line
   * that a stream start names in sanctuary.recovery.torn, whatever it holds; the report counted that
   * line as a record whenever it parsed. After a real crash and restart, replacing the torn bytes
   * with a whole forged release (still without a line feed) left the verifier's result exactly as
   * it was, and added the release to the report; now the report counts no line cut off.
   */
  @Test
  void aRecoveredTornLineReplacedByAWholeForgedReleaseIsSkippedByTheVerifierAndCountedByTheReport()
      throws Exception {
    Path log = dir.resolve("log");
    Logged crashed = crashWhileWriting(log, GuardLogReportForgeryTest::releaseToIce);
    String template = crashed.event();
    Path crashedFile = crashed.file();
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
      serveStaff(guard);
    }
    GuardLogVerifier.Result before = verifier().verify(log);
    assertThat(before.findings()).as(before.render()).extracting(Finding::kind).contains(Kind.RECOVERED_TORN_LINE);

    // the edit: the torn bytes become a whole forged release, still without a line feed
    String kept = withoutTornLine(crashedFile);
    SortedMap<String, Object> forged = Forgery.fields(lineOf(List.of(kept.split("\n")), template));
    String forgedId = "zzzzzzzzzzzzzzzz-1";
    forged.put(LogField.EVENT_ID.key(), forgedId);
    forged.put(LogField.GUARD.key(), "zzzzzzzzzzzzzzzz");
    forged.put("sanctuary.released", List.of("immigration.status", "location.home-address"));
    Files.writeString(crashedFile, kept + Forgery.sealed(forged), StandardCharsets.UTF_8);

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result after = report.verification().orElseThrow();
    String described = after.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(after.render()).as("the verifier does not read a torn line recovered from").isEqualTo(before.render());
    assertThat(after.intact()).isTrue();
    // a record that the verifier did not read is not counted, and is a problem
    assertThat(released(report)).as(described).doesNotContain(forgedId);
    assertThat(report.problems()).as(described).extracting(Finding::kind).containsExactly(Kind.TORN_LINE);
  }

  /**
   * Before, with no crash needed: the verifier takes sanctuary.recovery.torn from the first line of
   * any file, signed or not, and matches it by file name only. Two files of the same name in two
   * subdirectories, each one unterminated line: a forged stream start naming "x.jsonl:1" as torn
   * (which covers itself), and a forged release. The verifier read neither (two recovered-torn-line
   * warnings, intact), and the report counted the release; now both are torn lines.
   */
  @Test
  void aForgedStartThatRecoversItselfHidesAForgedReleaseOfTheSameFileNameFromTheVerifier() throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    List<String> real = lines(log);
    SortedMap<String, Object> start = Forgery.fields(real.get(0));
    start.remove(LogField.KEY.key());
    start.put(LogField.STREAM.key(), FORGED_STREAM);
    start.put(LogField.SEQUENCE.key(), 1L);
    start.put(LogField.PREVIOUS.key(), LogLine.ZERO);
    start.put(LogField.TORN.key(), "x.jsonl:1");
    SortedMap<String, Object> forged = Forgery.fields(lineOf(real, release));
    String forgedId = "zzzzzzzzzzzzzzzz-1";
    forged.put(LogField.EVENT_ID.key(), forgedId);
    forged.put(LogField.GUARD.key(), "zzzzzzzzzzzzzzzz");
    forged.put(LogField.STREAM.key(), "bbbbbbbbbbbbbbbb");
    Files.writeString(Files.createDirectories(log.resolve("a")).resolve("x.jsonl"), Forgery.sealed(start));
    Files.writeString(Files.createDirectories(log.resolve("b")).resolve("x.jsonl"), Forgery.sealed(forged));

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result verified = report.verification().orElseThrow();
    String described = verified.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(verified.intact()).as("a start cut off claims nothing, and a file elsewhere is not its sibling: "
        + described).isFalse();
    assertThat(verified.findings()).as(described).extracting(Finding::kind).containsOnly(Kind.TORN_LINE);
    assertThat(released(report)).as(described).doesNotContain(forgedId);
    assertThat(report.verification().orElseThrow().intact()).isFalse();
  }

  /**
   * The same hiding place (a torn line a real restart recovered from) holds the guard's
   * denial naming a release of another, closed and fully signed stream, with a sequence number that
   * a signed checkpoint of that stream covers. The report read it as a signed, later denial of the
   * same stream and left the release out, while the verifier, which never reads the line, gave
   * exactly the result it gave before the edit; now the report reads no line cut off.
   */
  @Test
  void aRecoveredTornLineReplacedByTheGuardsDenialHidesASignedReleaseOfAClosedStream() throws Exception {
    Path log = dir.resolve("log");
    Path crashedFile = crashWhileWriting(log, GuardLogReportForgeryTest::serveStaff).file();
    GuardLogSink second = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build();
    String release;
    String denialId;
    try (Guard guard = guard(Mode.MONITOR, second)) {
      release = releaseToIce(guard); // signed by the closing checkpoint of a closed stream
      denialId = guard.id() + "-2";
    }
    GuardLogVerifier.Result before = verifier().verify(log);
    assertThat(before.intact()).as(before.render()).isTrue();
    // before the edit, the report lists the genuine torn line as a problem (so `report` exits 1); after it, nothing
    assertThat(verifiedReport(log).problems()).extracting(Finding::kind).containsExactly(Kind.TORN_LINE);
    String releaseLine = lineOf(Files.readAllLines(second.currentFile(), StandardCharsets.UTF_8), release);
    long releaseSequence = (Long) Forgery.fields(releaseLine).get(LogField.SEQUENCE.key());

    // the edit: the torn bytes become the guard's denial naming the release, numbered inside the signed stream
    String kept = withoutTornLine(crashedFile);
    SortedMap<String, Object> denial = denialOf(releaseLine, release, denialId);
    denial.put(LogField.SEQUENCE.key(), releaseSequence + 1); // the closing checkpoint's number
    Files.writeString(crashedFile, kept + Forgery.sealed(denial), StandardCharsets.UTF_8);

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result after = report.verification().orElseThrow();
    String described = after.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(after.render()).as("the verifier does not read a torn line recovered from").isEqualTo(before.render());
    assertThat(report.problems()).as(described).extracting(Finding::kind).containsExactly(Kind.TORN_LINE);
    assertThat(released(report)).as(described).contains(release);
  }

  /**
   * A crash after a release to ICE leaves it in its stream's unsigned tail: the verified report
   * counts it, as it may be real, and marks every count and row that rests on it, and on its
   * fulfilment, as unsigned; the same log reported without a verifier says nothing of it.
   */
  @Test
  void readWithAVerifierWhenAReleaseToIceIsInTheUnsignedTailThenItIsCountedAndMarkedUnsigned() {
    Path log = dir.resolve("log");
    String release = releaseToIceInTheUnsignedTail(log).event();

    GuardLogReport report = verifiedReport(log);
    GuardLogVerifier.Result verified = report.verification().orElseThrow();
    String described = verified.render() + "\n" + report.render(Format.MARKDOWN);
    String csv = report.render(Format.CSV);

    assertThat(verified.intact()).as(described).isTrue();
    assertThat(verified.findings()).as(described).extracting(Finding::kind).containsExactly(Kind.UNSIGNED_TAIL);
    assertThat(report.problems()).as(described).isEmpty();
    assertThat(csv).as(described)
        .contains("\"summary\",\"integrity\",\"verified intact (1 stream, ")
        .contains("with 1 warning: see Verification; the counts include 2 records that no signed checkpoint covers,"
            + " marked unsigned\"")
        .contains("\"summary\",\"decisions in the period\",\"2\"\r\n"
            + "\"summary\",\"of which in monitor mode (everything released)\",\"2\"\r\n"
            + "\"summary\",\"of which unsigned (no signed checkpoint covers them)\",\"1\"\r\n")
        .contains("\"summary\",\"fulfilments read\",\"1\"\r\n"
            + "\"summary\",\"of which unsigned (no signed checkpoint covers them)\",\"1\"\r\n")
        .contains("\"section\",\"outcome\",\"decisions\",\"allow\",\"allow-redacted\",\"escalate\",\"deny\","
            + "\"unsigned\"\r\n");
    assertThat(section(report, "N.Y.C. Admin. Code")).as(described).contains("Column unsigned: how many of the"
        + " decisions no signed checkpoint covers").containsPattern("\\| ice-ero \\|.* \\| 1 \\| 1 \\|\n");
    assertThat(section(report, "Decisions by requesting agency")).as(described)
        .containsPattern("\\| ice-ero \\|.* \\| 1 \\|\n").containsPattern("\\| city-agency \\|.* \\| 0 \\|\n");
    assertThat(released(report)).as(described).contains("| unsigned |").containsPattern("\\| " + release
        + " \\|.* \\| decision \\|\n");
    assertThat(section(report, "Obligations")).as(described).containsPattern("\\| " + release
        + " \\|.* \\| fulfilled \\| .* \\| decision, fulfilment \\|\n");

    GuardLogReport unverified = report(log);
    String markdown = unverified.render(Format.MARKDOWN);
    assertThat(released(unverified)).as("a report that did not verify says nothing new").contains(release)
        .doesNotContain("unsigned");
    assertThat(markdown).doesNotContain("| unsigned |", "Column unsigned", "of which unsigned", "the counts include");
  }

  @Test
  void readWithAVerifierWhenEveryRecordIsSignedThenNothingIsMarkedUnsigned() {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);

    GuardLogReport report = verifiedReport(log);
    String markdown = report.render(Format.MARKDOWN);

    assertThat(report.verification().orElseThrow().findings()).as(markdown).isEmpty();
    assertThat(released(report)).as(markdown).contains(release);
    assertThat(markdown).contains("| of which unsigned (no signed checkpoint covers them) | 0 |")
        .doesNotContain("| unsigned |", "Column unsigned", "the counts include");
  }

  /**
   * A record is covered where the verifier read it in its stream's chain, not by the number it
   * claims: a release appended after a closed stream's last checkpoint, numbered as a record that
   * checkpoint signs, is marked unsigned (and the verifier finds it inserted).
   */
  @Test
  void readWithAVerifierWhenAnAppendedReleaseClaimsTheNumberOfASignedRecordThenItIsMarkedUnsigned()
      throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    Path file = logFile(log);
    SortedMap<String, Object> forged = Forgery.fields(lineOf(Files.readAllLines(file), release));
    String forgedId = "zzzzzzzzzzzzzzzz-1";
    forged.put(LogField.EVENT_ID.key(), forgedId);
    forged.put(LogField.GUARD.key(), "zzzzzzzzzzzzzzzz");
    Files.writeString(file, Forgery.sealed(forged) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    GuardLogReport report = verifiedReport(log);
    String described = report.verification().orElseThrow().render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(report.verification().orElseThrow().breaks()).as(described).extracting(Finding::kind)
        .containsExactly(Kind.INSERTED);
    assertThat(released(report)).as(described).containsPattern("\\| " + release + " \\|.* \\|  \\|\n")
        .containsPattern("\\| " + forgedId + " \\|.* \\| decision \\|\n");
  }

  /**
   * A decision recorded by two sinks, one that signs and one that does not, is covered by the
   * signed copy, whichever is read first.
   */
  @Test
  void readWithAVerifierWhenAnUnsignedCopyIsReadBeforeASignedOneThenTheDecisionIsNotMarked() {
    Path unsigned = dir.resolve("unsigned");
    Path signed = dir.resolve("signed");
    String release;
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(unsigned).build(),
        GuardLogSink.builder(signed).signingKey(KEYS.getPrivate()).build())) {
      release = releaseToIce(guard);
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    GuardLogReport report = GuardLogReport.read(List.of(unsigned, signed), today.minusDays(1), today.plusDays(1),
        ZoneOffset.UTC, Instant.now(), verifier());
    String described = report.verification().orElseThrow().render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(report.problems()).as(described).extracting(Finding::kind).containsOnly(Kind.DUPLICATED);
    assertThat(released(report)).as(described).containsOnlyOnce(release).doesNotContain("| unsigned |");
    assertThat(report.render(Format.MARKDOWN)).contains("| of which unsigned (no signed checkpoint covers them) | 0 |");
  }

  /**
   * A pipeline may split a stream into files anywhere, between checkpoints: the signed checkpoint
   * in the later file covers, through the chain, the records of the earlier one.
   */
  @Test
  void readWithAVerifierWhenAStreamIsSplitBetweenCheckpointsThenTheLaterSignatureCoversTheEarlierFile()
      throws Exception {
    Path log = dir.resolve("log");
    String release = releaseToIce(log);
    Path file = logFile(log);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int closing = lines.size() - 1;
    String name = file.getFileName().toString().replace(".jsonl", "");
    Files.write(log.resolve(name + "-a.jsonl"), lines.subList(0, closing), StandardCharsets.UTF_8);
    Files.write(log.resolve(name + "-b.jsonl"), lines.subList(closing, lines.size()), StandardCharsets.UTF_8);
    Files.delete(file);

    GuardLogReport report = verifiedReport(log);
    String described = report.verification().orElseThrow().render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(report.verification().orElseThrow().findings()).as(described).isEmpty();
    assertThat(released(report)).as(described).contains(release).doesNotContain("| unsigned |");
  }
}
