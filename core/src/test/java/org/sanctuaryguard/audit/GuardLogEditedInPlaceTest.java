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
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.audit.GuardLogReport.Format;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.internal.json.LogField;

/**
 * Edits of a real, signed guard log by someone without the private key that the verifier, given the
 * right public key, finds intact but for the warnings a running or crashed guard's log has, or that
 * hide where it cannot see: none changes what the report counts. (Before, each hid a signed release
 * to ICE from the report, or added a forged one, while the verified report said "verified intact".)
 */
class GuardLogEditedInPlaceTest {

  private static final KeyPair KEYS = SigningKeys.generate();
  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("federal"));
  private static final String FORGED_STREAM = "aaaaaaaaaaaaaaaa";

  @TempDir Path dir;

  private static Guard guard(Mode mode, AuditSink... sinks) {
    return Guard.of(GuardConfig.custom().policy(POLICY).mode(mode).auditSinks(sinks).pseudonymKey(new byte[32])
        .build());
  }

  private static String releaseToIce(Guard guard) {
    return guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
        .categories("location.home-address").subjects("S-1").build()).auditEventId().orElseThrow();
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

  private static GuardLogVerifier verifier() {
    return GuardLogVerifier.create().withPublicKeys(KEYS.getPublic());
  }

  private static GuardLogReport verifiedReport(Path log) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return GuardLogReport.read(List.of(log), today.minusDays(1), today.plusDays(1), ZoneOffset.UTC, Instant.now(),
        verifier());
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

  /**
   * Before: the report took any record that is not an event and has a
   * sanctuary.checkpoint.signature member as a signed checkpoint (signedTo), without checking that
   * it is a checkpoint or that the signature verifies. Appending, after the stream's last signed
   * checkpoint, the guard's denial and then any non-checkpoint record carrying a copied signature
   * makes the report treat the denial as signed: the signed release disappears from the report,
   * and the report's own unsigned-tail problem (GuardLogReportForgeryTest's last test) is gone.
   * The verifier only gives the unsigned-tail warning that every running guard's log has.
   */
  @Test
  void aForgedSignatureMemberOnANonCheckpointRecordMakesAnAppendedDenialHideASignedRelease() throws Exception {
    Path log = dir.resolve("log");
    GuardLogSink sink = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build();
    String release;
    String forged;
    try (Guard guard = guard(Mode.MONITOR, sink)) {
      release = releaseToIce(guard);
      forged = guard.id() + "-2";
      sink.checkpoint();
      sink.crash(); // a guard still running (or crashed): the stream ends at a signed checkpoint
    }
    Path file = sink.currentFile();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String last = lines.get(lines.size() - 1); // the signed checkpoint
    long lastSequence = (Long) Forgery.fields(last).get(LogField.SEQUENCE.key());

    SortedMap<String, Object> denial = denialOf(lineOf(lines, release), release, forged);
    denial.put(LogField.SEQUENCE.key(), lastSequence + 1);
    denial.put(LogField.PREVIOUS.key(), Forgery.hashOf(last));
    String denialLine = Forgery.sealed(denial);
    // the edit: a copy of the checkpoint, renamed to another action so that the verifier does not check its signature
    SortedMap<String, Object> marker = Forgery.fields(last);
    marker.put(LogField.ACTION.key(), "stream-start");
    marker.put(LogField.SEQUENCE.key(), lastSequence + 2);
    marker.put(LogField.PREVIOUS.key(), Forgery.hashOf(denialLine));
    Files.writeString(file, denialLine + "\n" + Forgery.sealed(marker) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    GuardLogVerifier.Result verified = verifier().verify(log);
    GuardLogReport report = verifiedReport(log);
    String described = verified.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(verified.intact()).as(described).isTrue();
    assertThat(verified.findings()).as(described).extracting(Finding::kind).containsExactly(Kind.UNSIGNED_TAIL);
    // what docs/guard-log.md promises: the decision is counted, and the denial is an unsigned-tail problem
    assertThat(released(report)).as(described).contains(release);
    assertThat(report.problems()).as(described).extracting(Finding::kind).contains(Kind.UNSIGNED_TAIL);
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
    String release;
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
      release = releaseToIce(guard);
    }
    List<String> real = lines(log);
    String releaseLine = lineOf(real, release);

    SortedMap<String, Object> start = Forgery.fields(real.get(0));
    start.remove(LogField.KEY.key());
    start.remove(LogField.CONTINUES_STREAM.key());
    start.remove(LogField.CONTINUES_SEQUENCE.key());
    start.put(LogField.STREAM.key(), FORGED_STREAM);
    start.put(LogField.SEQUENCE.key(), 1L);
    start.put(LogField.PREVIOUS.key(), LogLine.ZERO);
    String startLine = Forgery.sealed(start);
    SortedMap<String, Object> copy = Forgery.fields(releaseLine);
    copy.put(LogField.STREAM.key(), FORGED_STREAM);
    copy.put(LogField.SEQUENCE.key(), 2L);
    copy.put(LogField.PREVIOUS.key(), Forgery.hashOf(startLine));
    String copyLine = Forgery.sealed(copy);
    SortedMap<String, Object> denial = denialOf(releaseLine, release, release.substring(0, release.indexOf('-')) + "-9");
    denial.put(LogField.STREAM.key(), FORGED_STREAM);
    denial.put(LogField.SEQUENCE.key(), 3L);
    denial.put(LogField.PREVIOUS.key(), Forgery.hashOf(copyLine));
    Files.writeString(log.resolve("guard-20000101T000000Z-" + FORGED_STREAM + "-0001.jsonl"),
        startLine + "\n" + copyLine + "\n" + Forgery.sealed(denial) + "\n");

    GuardLogVerifier.Result verified = verifier().verify(log);
    GuardLogReport report = verifiedReport(log);
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
    GuardLogSink first = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).fsync(FsyncPolicy.always()).build();
    String template;
    try (Guard guard = guard(Mode.MONITOR, first)) {
      template = releaseToIce(guard);
      first.crash();
    }
    Path crashedFile = first.currentFile();
    Files.writeString(crashedFile, "{\"@timestamp\":\"2026-", StandardOpenOption.APPEND); // a crash mid-write
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
      guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("contact.phone").subjects("S-2").build());
    }
    GuardLogVerifier.Result before = verifier().verify(log);
    assertThat(before.findings()).as(before.render()).extracting(Finding::kind).contains(Kind.RECOVERED_TORN_LINE);

    // the edit: the torn bytes become a whole forged release, still without a line feed
    String content = Files.readString(crashedFile, StandardCharsets.UTF_8);
    String kept = content.substring(0, content.lastIndexOf('\n') + 1);
    SortedMap<String, Object> forged = Forgery.fields(lineOf(List.of(kept.split("\n")), template));
    String forgedId = "zzzzzzzzzzzzzzzz-1";
    forged.put(LogField.EVENT_ID.key(), forgedId);
    forged.put(LogField.GUARD.key(), "zzzzzzzzzzzzzzzz");
    forged.put("sanctuary.released", List.of("immigration.status", "location.home-address"));
    Files.writeString(crashedFile, kept + Forgery.sealed(forged), StandardCharsets.UTF_8);

    GuardLogVerifier.Result after = verifier().verify(log);
    GuardLogReport report = verifiedReport(log);
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
    String release;
    try (Guard guard = guard(Mode.MONITOR, GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).build())) {
      release = releaseToIce(guard);
    }
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

    GuardLogVerifier.Result verified = verifier().verify(log);
    GuardLogReport report = verifiedReport(log);
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
    GuardLogSink first = GuardLogSink.builder(log).signingKey(KEYS.getPrivate()).fsync(FsyncPolicy.always()).build();
    try (Guard guard = guard(Mode.MONITOR, first)) {
      guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("contact.phone").subjects("S-2").build());
      first.crash();
    }
    Path crashedFile = first.currentFile();
    Files.writeString(crashedFile, "{\"@timestamp\":\"2026-", StandardOpenOption.APPEND); // a crash mid-write
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
    String content = Files.readString(crashedFile, StandardCharsets.UTF_8);
    String kept = content.substring(0, content.lastIndexOf('\n') + 1);
    SortedMap<String, Object> denial = denialOf(releaseLine, release, denialId);
    denial.put(LogField.SEQUENCE.key(), releaseSequence + 1); // the closing checkpoint's number
    Files.writeString(crashedFile, kept + Forgery.sealed(denial), StandardCharsets.UTF_8);

    GuardLogVerifier.Result after = verifier().verify(log);
    GuardLogReport report = verifiedReport(log);
    String described = after.render() + "\n" + report.render(Format.MARKDOWN);

    assertThat(after.render()).as("the verifier does not read a torn line recovered from").isEqualTo(before.render());
    assertThat(report.problems()).as(described).extracting(Finding::kind).containsExactly(Kind.TORN_LINE);
    assertThat(released(report)).as(described).contains(release);
  }
}
