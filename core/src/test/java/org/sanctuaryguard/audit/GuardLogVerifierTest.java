package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.TestPacks;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.audit.GuardLogVerifier.Result;

/**
 * Writes a real guard log (a guard deciding through a {@link GuardLogSink} that rolls into several
 * files, signs a checkpoint every five events and mirrors them), then damages a copy of it in
 * every way an attacker or a crash could, and checks that the verifier names the right kind of
 * break at the right file and line.
 */
class GuardLogVerifierTest {

  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"),
      PolicyPack.builtin("federal"));
  private static final KeyPair KEYS = SigningKeys.generate();
  private static final KeyPair OTHER_KEYS = SigningKeys.generate();
  private static final int DECISIONS = 42;
  /**
   * A closed guard log, signed with the key {@code guard-log.pub} beside it, that commit 1736a07 wrote
   * before events recorded facts: ICE asked the jail for a detainee's release date with an Article III
   * judge's warrant, verified (allow) and not (escalate), both on the fact of a violent or serious
   * conviction, which its records do not show. Kept as it was written, to be read by every later version.
   */
  static final Path BEFORE_FACTS = resource("/guard-logs/before-facts");

  @TempDir static Path written;
  @TempDir Path work;

  private Path log;
  private Path mirror;

  @BeforeAll
  static void writeTheLog() {
    GuardLogSink sink = GuardLogSink.builder(written.resolve("log")).signingKey(KEYS.getPrivate())
        .checkpointEvery(5, Duration.ofHours(1)).rollAt(9_000)
        .checkpointMirror(written.resolve("mirror").resolve("checkpoints.jsonl")).build();
    try (Guard guard = guard(sink)) {
      for (int i = 0; i < DECISIONS; i++) {
        decide(guard, i);
      }
    }
  }

  @BeforeEach
  void copyTheLog() throws IOException {
    log = Files.createDirectories(work.resolve("log"));
    try (Stream<Path> files = Files.list(written.resolve("log"))) {
      for (Path file : files.toList()) {
        Files.copy(file, log.resolve(file.getFileName()));
      }
    }
    mirror = Files.copy(written.resolve("mirror").resolve("checkpoints.jsonl"), work.resolve("checkpoints.jsonl"));
  }

  private static Path resource(String name) {
    try {
      return Path.of(GuardLogVerifierTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Guard guard(GuardLogSink sink) {
    return Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink).pseudonymKey(new byte[32]).build());
  }

  static void decide(Guard guard, int i) {
    switch (i % 3) {
      case 0 -> guard.decide(guard.request().recipient("ice-ero").holder(Holder.SHELTER)
          .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("location.home-address").subjects("S-" + i)
          .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205")
              .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build()).build());
      case 1 -> guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
          .categories("contact.phone").subjects("S-" + i).build());
      default -> guard.decide(guard.request().recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION)
          .categories("identity.name", "immigration.status").subjects("S-" + i).build());
    }
  }

  /** Writes the target's file back and verifies the copy of the log, with its mirror. */
  private Result verify(Target changed) throws IOException {
    changed.write();
    return verify();
  }

  private Result verify() {
    return GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).withCheckpointMirrors(mirror).verify(log);
  }

  private Result verifyWithoutMirror() {
    return verifyWithoutMirror(log);
  }

  private static Result verifyWithoutMirror(Path directory) {
    return GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
  }

  private List<Path> files() throws IOException {
    return logFiles(log);
  }

  /** The log files of a directory, in the order of their streams and indexes. */
  static List<Path> logFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(GuardLogSink.EXTENSION))
          .sorted(LogFiles.ORDER).toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /** Returns the index (from 0) of the first line of the file after {@code from} that matches. */
  private static int index(List<String> lines, int from, Predicate<String> matches) {
    for (int i = from; i < lines.size(); i++) {
      if (matches.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such line");
  }

  private static List<String> reversed(List<String> lines) {
    List<String> reversed = new ArrayList<>(lines);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  private static Predicate<String> event() {
    return line -> line.contains("\"event.action\":\"disclosure-decision\"");
  }

  private static Predicate<String> checkpoint() {
    return line -> line.contains("\"event.action\":\"checkpoint\"");
  }

  /** A line of the copy of the log, about to be changed: its file, the file's lines, its index from 0. */
  private record Target(Path file, List<String> lines, int at) {

    String line() {
      return lines.get(at);
    }

    /** Writes the lines back. */
    void write() throws IOException {
      GuardLogVerifierTest.write(file, lines);
    }
  }

  /** Returns the first guard event after the first line of the n-th file. */
  private Target event(int file) throws IOException {
    List<String> lines = lines(files().get(file));
    return new Target(files().get(file), lines, index(lines, 1, event()));
  }

  /** Returns the first checkpoint of the n-th file. */
  private Target checkpoint(int file) throws IOException {
    List<String> lines = lines(files().get(file));
    return new Target(files().get(file), lines, index(lines, 0, checkpoint()));
  }

  /** Asserts that the result has exactly one break, of the kind, at the file and line (from 1). */
  private static Finding assertBreak(Result result, Kind kind, Path file, long line) {
    assertThat(result.intact()).isFalse();
    return assertOnly(result.breaks(), kind, file, line, result);
  }

  /** Asserts that the findings are one of the kind at the file and line (from 1); returns it. */
  static Finding assertOnly(List<Finding> findings, Kind kind, Path file, long line, Result result) {
    assertThat(findings).as(result.render()).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(kind);
      assertThat(finding.file().getFileName()).isEqualTo(file.getFileName());
      assertThat(finding.line()).isEqualTo(line);
    });
    return findings.get(0);
  }

  @Test
  void verifyWhenTheLogIsUntouchedThenIntactWithoutFindingsAndCountsEverything() throws IOException {
    Result result = verify();

    assertThat(result.findings()).as(result.render()).isEmpty();
    assertThat(result.intact()).isTrue();
    assertThat(files()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(result.files()).isEqualTo(files().size());
    assertThat(result.events()).isEqualTo(DECISIONS);
    assertThat(result.checkpoints()).isEqualTo(DECISIONS / 5 + 1);
    assertThat(result.records()).isEqualTo(1 + DECISIONS + DECISIONS / 5 + 1);
    assertThat(result.streams()).singleElement().satisfies(stream -> {
      assertThat(stream.firstSequence()).isEqualTo(1);
      assertThat(stream.lastSequence()).isEqualTo(result.records());
      assertThat(stream.files()).isEqualTo(files().size());
      assertThat(stream.closed()).isTrue();
    });
    assertThat(result.render()).contains("intact, closed").endsWith("0 breaks, 0 warnings: intact\n");
  }

  @Test
  void verifyWhenOneByteOfAFieldChangedThenEditedAtThatLine() throws IOException {
    Target target = event(1);
    String line = target.line();
    int value = line.indexOf("\"sanctuary.holder\":\"") + "\"sanctuary.holder\":\"".length();
    target.lines().set(target.at(), line.substring(0, value) + (line.charAt(value) == 'x' ? 'y' : 'x')
        + line.substring(value + 1));

    assertBreak(verify(target), Kind.EDITED, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenADigitOfARecordsHashChangedThenEditedAtThatLine() throws IOException {
    Target target = event(1);
    String hash = Forgery.hashOf(target.line());
    target.lines().set(target.at(), target.line().replace(hash, (hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1)));

    assertBreak(verify(target), Kind.EDITED, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenALineIsDeletedThenDeletedWhereTheNextLineNowIs() throws IOException {
    Target target = event(1);
    target.lines().remove(target.at());

    Finding finding = assertBreak(verify(target), Kind.DELETED, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("is missing before this record");
  }

  @Test
  void verifyWhenAForgedRecordThatChainsToItsPredecessorIsInsertedThenInsertedAtIt() throws IOException {
    Target target = event(1);
    target.lines().add(target.at(), Forgery.with(target.line(), "sanctuary.recipient.id", "forged-agency"));

    assertBreak(verify(target), Kind.INSERTED, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenAForgedRecordIsInsertedAfterTheRecordItCopiesThenInsertedAtIt() throws IOException {
    Target target = event(1);
    target.lines().add(target.at() + 1, Forgery.with(target.line(), "sanctuary.released", List.of("location.home-address")));

    assertBreak(verify(target), Kind.INSERTED, target.file(), target.at() + 2);
  }

  @Test
  void verifyWhenALineWhoseHashDoesNotHoldIsInsertedThenInsertedAtIt() throws IOException {
    Target target = event(2);
    target.lines().add(target.at(), target.line().replace("\"sanctuary.mode\":\"enforce\"", "\"sanctuary.mode\":\"monitor\""));

    assertBreak(verify(target), Kind.INSERTED, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenTwoAdjacentLinesAreSwappedThenReorderedAtTheFirst() throws IOException {
    Target target = event(1);
    target.lines().set(target.at(), target.lines().set(target.at() + 1, target.line()));

    Finding finding = assertBreak(verify(target), Kind.REORDERED, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("comes before record");
  }

  @Test
  void verifyWhenTwoDistantLinesAreSwappedThenReorderedAtTheFirst() throws IOException {
    Path file = files().get(2);
    List<String> lines = lines(file);
    lines.set(1, lines.set(5, lines.get(1)));
    write(file, lines);

    assertBreak(verify(), Kind.REORDERED, file, 2);
  }

  @Test
  void verifyWhenALineIsDuplicatedRightAfterItselfThenDuplicatedAtTheCopy() throws IOException {
    Target target = event(1);
    target.lines().add(target.at() + 1, target.line());

    assertBreak(verify(target), Kind.DUPLICATED, target.file(), target.at() + 2);
  }

  @Test
  void verifyWhenALineIsCopiedFurtherOnThenDuplicatedAtTheCopy() throws IOException {
    Path from = files().get(1);
    Path to = files().get(2);
    List<String> copied = lines(to);
    copied.add(3, lines(from).get(2));
    write(to, copied);

    assertBreak(verify(), Kind.DUPLICATED, to, 4);
  }

  @Test
  void verifyWhenTheTailAfterTheLastCheckpointIsCutThenTheMirrorProvesTruncationAndWithoutItAWarning()
      throws IOException {
    Path file = files().get(files().size() - 1);
    List<String> lines = lines(file);
    int lastRegular = lines.size() - 1 - index(reversed(lines), 0, line -> line.contains("\"sanctuary.checkpoint.closing\":false"));
    write(file, lines.subList(0, lastRegular + 1));

    assertBreak(verify(), Kind.TRUNCATED, file, lastRegular + 1);
    Result withoutMirror = verifyWithoutMirror();
    assertThat(withoutMirror.intact()).isTrue();
    assertThat(assertOnly(withoutMirror.warnings(), Kind.UNSIGNED_TAIL, file, lastRegular + 1, withoutMirror).message())
        .contains("does not close it");
  }

  @Test
  void verifyWhenOnlyTheClosingCheckpointIsCutThenTheEventsAfterTheLastCheckpointAreUncovered() throws IOException {
    Path file = files().get(files().size() - 1);
    List<String> lines = lines(file);
    write(file, lines.subList(0, lines.size() - 1));

    assertBreak(verify(), Kind.TRUNCATED, file, lines.size() - 1);
    Result withoutMirror = verifyWithoutMirror();
    assertThat(withoutMirror.intact()).isTrue();
    assertThat(assertOnly(withoutMirror.warnings(), Kind.UNSIGNED_TAIL, file, lines.size() - 3, withoutMirror).message())
        .startsWith("2 record(s) after this checkpoint (2 event(s)");
  }

  @Test
  void verifyWhenTheTailIsCutBeforeTheLastCheckpointThenTruncatedAtTheNewLastLine() throws IOException {
    List<Path> files = files();
    Files.delete(files.get(files.size() - 1));
    Path file = files.get(files.size() - 2);
    List<String> lines = lines(file);
    int cut = index(lines, 0, checkpoint()) + 2;
    write(file, lines.subList(0, cut));

    assertBreak(verify(), Kind.TRUNCATED, file, cut);
  }

  @Test
  void verifyWhenTheLastFileIsCutInsideALineThenATornLine() throws IOException {
    Path file = files().get(files().size() - 1);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));

    assertBreak(verifyWithoutMirror(), Kind.TORN_LINE, file, lines(file).size());
  }

  @Test
  void verifyWhenACheckpointIsSignedAgainWithAnotherKeyUnderTheRightIdThenBadSignature() throws IOException {
    Target target = checkpoint(1);
    target.lines().set(target.at(), Forgery.resigned(target.line(), OTHER_KEYS.getPrivate(), SigningKeys.keyId(KEYS.getPublic())));

    assertBreak(verify(target), Kind.BAD_SIGNATURE, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenACheckpointIsSignedAgainWithAnotherKeyUnderItsOwnIdThenUnknownKey() throws IOException {
    Target target = checkpoint(1);
    String otherId = SigningKeys.keyId(OTHER_KEYS.getPublic());
    target.lines().set(target.at(), Forgery.resigned(target.line(), OTHER_KEYS.getPrivate(), otherId));

    Finding finding = assertBreak(verify(target), Kind.UNKNOWN_KEY, target.file(), target.at() + 1);
    assertThat(finding.message()).contains(otherId)
        .contains("not among the public keys given (" + SigningKeys.keyId(KEYS.getPublic()) + ")");
  }

  @Test
  void verifyWhenACheckpointsHeadIsEditedThenEditedOrWithItsHashRecomputedBadSignature() throws IOException {
    Target target = checkpoint(2);
    String original = target.line();
    String otherHead = Forgery.hashOf(target.lines().get(target.at() - 2));

    target.lines().set(target.at(), Forgery.with(original, "sanctuary.checkpoint.head", otherHead));
    Result rehashed = verify(target);
    target.lines().set(target.at(), original.replace(Forgery.fields(original).get("sanctuary.checkpoint.head").toString(),
        otherHead));
    Result edited = verify(target);

    assertBreak(rehashed, Kind.BAD_SIGNATURE, target.file(), target.at() + 1);
    assertBreak(edited, Kind.EDITED, target.file(), target.at() + 1);
  }

  @Test
  void verifyWhenAWholeRolledFileIsDeletedThenDeletedAtTheFirstLineOfTheNext() throws IOException {
    List<Path> files = files();
    Files.delete(files.get(2));

    Result result = verify();

    assertBreak(result, Kind.DELETED, files.get(3), 1);
    assertThat(result.breaks().get(0).message()).contains("a whole file of the stream?");
  }

  @Test
  void verifyWhenTheFirstFileIsDeletedThenTheRestIsIntactButNotGivenFromTheStart() throws IOException {
    List<Path> files = files();
    Files.delete(files.get(0));

    Result result = verify();

    assertThat(result.intact()).as(result.render()).isTrue();
    assertOnly(result.warnings(), Kind.NOT_GIVEN, files.get(1), 1, result);
  }

  @Test
  void verifyWhenTheMirrorHoldsAnotherValidlySignedCheckpointThenMirrorMismatchAtTheLogs() throws IOException {
    List<String> copies = lines(mirror);
    String changed = Forgery.with(copies.get(1), "@timestamp", "2020-01-01T00:00:00Z");
    copies.set(1, Forgery.resigned(changed, KEYS.getPrivate(), SigningKeys.keyId(KEYS.getPublic())));
    write(mirror, copies);
    long sequence = (Long) Forgery.fields(copies.get(1)).get("event.sequence");

    Result result = verify();

    assertThat(result.breaks()).as(result.render()).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(Kind.MIRROR_MISMATCH);
      assertThat(lineAt(finding)).contains("\"event.sequence\":" + sequence + ",");
    });
  }

  @Test
  void verifyWhenTheMirrorsCopyIsSignedWithAnotherKeyThenBadSignatureInTheMirror() throws IOException {
    List<String> copies = lines(mirror);
    copies.set(2, Forgery.resigned(copies.get(2), OTHER_KEYS.getPrivate(), SigningKeys.keyId(KEYS.getPublic())));
    write(mirror, copies);

    assertBreak(verify(), Kind.BAD_SIGNATURE, mirror, 3);
  }

  @Test
  void verifyWhenTheMirrorLacksACheckpointThenMirrorMissingAtTheLogsCheckpoint() throws IOException {
    List<String> copies = lines(mirror);
    String removed = copies.remove(3);
    write(mirror, copies);

    Result result = verify();

    assertThat(result.breaks()).as(result.render()).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(Kind.MIRROR_MISSING);
      assertThat(lineAt(finding)).isEqualTo(removed);
    });
  }

  @Test
  void verifyWhenALineIsNotJsonThenUnreadableThereAndTheRestIsStillRead() throws IOException {
    Target target = event(1);
    target.lines().set(target.at(), "this is not {json");

    Result result = verify(target);

    Finding finding = assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).startsWith("not JSON (");
    assertThat(finding.stream()).isNotNull();
    assertThat(result.records()).isEqualTo(1 + DECISIONS + DECISIONS / 5 + 1 - 1);
  }

  @Test
  void verifyWhenALineIsNotJsonThenTheFindingQuotesNothingOfIt() throws IOException {
    Target target = event(1);
    target.lines().set(target.at(), "{\"sanctuary.subjects\":[vZJSykYvz7-_13y7n_JdBA]}");

    Result result = verify(target);

    Finding finding = assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).startsWith("not JSON (malformed").doesNotContain("vZJSykYvz7");
  }

  @Test
  void verifyWhenTheFactsARecordListsAreRemovedOrForgedThenTheChainBreaksAtThatRecord() throws IOException {
    Path facts = work.resolve("facts");
    try (Guard guard = guard(GuardLogSink.builder(facts).signingKey(KEYS.getPrivate()).build())) {
      LocalDate issued = LocalDate.now(ZoneOffset.UTC).minusDays(3);
      guard.decide(TestPacks.releaseDateForIce(guard, issued, true).fact(Facts.VIOLENT_OR_SERIOUS_CONVICTION, true)
          .build());
      guard.decide(TestPacks.releaseDateForIce(guard, issued, true).build());
    }
    Path file = logFiles(facts).get(0);
    List<String> lines = lines(file);
    String convicted = lines.get(1);
    String withoutFacts = lines.get(2);
    String member = "\"sanctuary.facts\":[\"violent-or-serious-conviction\"],";
    Result written = verifyWithoutMirror(facts);

    lines.set(1, convicted.replace(member, ""));
    write(file, lines);
    Result removed = verifyWithoutMirror(facts);
    lines.set(1, convicted);
    lines.set(2, Forgery.with(withoutFacts, "sanctuary.facts", List.of("violent-or-serious-conviction")));
    write(file, lines);
    Result forged = verifyWithoutMirror(facts);

    assertThat(convicted).contains("\"sanctuary.escalated\":[]," + member + "\"sanctuary.guard\":")
        .contains("\"sanctuary.outcome\":\"allow\"");
    assertThat(withoutFacts).contains("\"sanctuary.outcome\":\"deny\"").doesNotContain("sanctuary.facts");
    assertThat(written.findings()).as(written.render()).isEmpty();
    assertThat(written.intact()).isTrue();
    assertBreak(removed, Kind.EDITED, file, 2);
    assertBreak(forged, Kind.EDITED, file, 3);
  }

  @Test
  void verifyWhenTheLogWasWrittenBeforeEventsRecordedFactsThenIntactAndClosed() {
    Result result = GuardLogVerifier.create()
        .withPublicKeys(SigningKeys.readPublicKey(BEFORE_FACTS.resolve("guard-log.pub"))).verify(BEFORE_FACTS);

    assertThat(result.findings()).as(result.render()).isEmpty();
    assertThat(result.intact()).isTrue();
    assertThat(result.events()).isEqualTo(2);
    assertThat(result.streams()).singleElement().satisfies(stream -> assertThat(stream.closed()).isTrue());
  }

  @Test
  void verifyWhenARecordHasAnUnknownSchemaVersionThenUnreadableNamingIt() throws IOException {
    Target target = event(1);
    target.lines().set(target.at(), Forgery.with(target.line(), "sanctuary.schema", 2L));

    Finding finding = assertBreak(verify(target), Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).startsWith("unknown schema version 2; this version reads schema 1");
  }

  @Test
  void verifyWhenAStringHoldsAnUnpairedSurrogateThenUnreadableRatherThanReadAsAQuestionMark() throws IOException {
    Target target = event(1);
    String sealed = Forgery.with(target.line(), "sanctuary.recipient.name", "J. Doe?");
    // the canonical form writes '?' for an unpaired surrogate: the forged line's hash would hold for both
    target.lines().set(target.at(), sealed.replace("J. Doe?", "J. Doe\\ud800"));

    Finding finding = assertBreak(verify(target), Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("sanctuary.recipient.name", "unpaired surrogate");
  }

  @Test
  void verifyWhenALineNamesAFieldTwiceThenUnreadable() throws IOException {
    Target target = event(1);
    target.lines().set(target.at(), target.line().replace("{\"@timestamp\"", "{\"sanctuary.outcome\":\"allow\",\"@timestamp\""));

    Finding finding = assertBreak(verify(target), Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("sanctuary.outcome");
  }

  @Test
  void verifyWhenAPipelineReformattedTheLinesThenIntactWithAWarningPerFile() throws IOException {
    for (Path file : files()) {
      List<String> lines = lines(file);
      lines.replaceAll(line -> "{ " + line.substring(1).replace("\",\"", "\", \"") + "\r");
      write(file, lines);
    }

    Result result = verify();

    assertThat(result.breaks()).as(result.render()).isEmpty();
    assertThat(result.intact()).isTrue();
    assertThat(result.records()).isEqualTo(1 + DECISIONS + DECISIONS / 5 + 1);
    // the sink writes canonical lines only: something else wrote these, which --strict fails
    assertThat(result.warnings()).as(result.render()).hasSize(files().size()).allSatisfy(warning -> {
      assertThat(warning.kind()).isEqualTo(Kind.REFORMATTED);
      assertThat(warning.line()).isEqualTo(1);
      assertThat(warning.message()).contains("not in the canonical form");
    });
  }

  @Test
  void verifyWhenALineEscapesWhatTheSinkWritesAsItIsThenAReformattedWarningNamingIt() throws IOException {
    Target target = immigrationDecision(1);
    // the same record to a JSON parser, but not to grep: the sink never escapes a hyphen
    target.lines().set(target.at(), target.line().replace("\"immigration-enforcement\"", "\"immigration\\u002denforcement\""));

    Result result = verify(target);

    assertThat(result.breaks()).as(result.render()).isEmpty();
    assertThat(assertOnly(result.warnings(), Kind.REFORMATTED, target.file(), target.at() + 1, result).message())
        .startsWith("1 line(s) of the file");
  }

  @Test
  void verifyWhenARecordHoldsAnOverlongUtf8FormThenUnreadableRatherThanReadAsTheCharacter() throws IOException {
    Target target = immigrationDecision(1);
    byte[] line = target.line().getBytes(StandardCharsets.UTF_8);
    int at = target.line().indexOf("\"immigration-enforcement\"") + 2;
    java.io.ByteArrayOutputStream forged = new java.io.ByteArrayOutputStream();
    forged.write(line, 0, at);
    forged.write(0xc1); // 'm' (U+006D) in two bytes: the verifier read it as 'm', grep and jq do not
    forged.write(0xad);
    forged.write(line, at + 1, line.length - at - 1);

    Result result = verify(target, forged.toByteArray());

    Finding finding = assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("not well-formed UTF-8 at column " + (at + 1));
  }

  @Test
  void verifyWhenARecordIsInUtf16ThenUnreadableRatherThanDecodedAsUtf16() throws IOException {
    Target target = immigrationDecision(1);

    Result result = verify(target, target.line().getBytes(StandardCharsets.UTF_16BE));

    Finding finding = assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1);
    assertThat(finding.message()).contains("a NUL byte at column 1", "UTF-16");
  }

  @Test
  void verifyWhenARecordBeginsWithAByteOrderMarkThenUnreadable() throws IOException {
    Target target = immigrationDecision(1);

    Result result = verify(target, ("\ufeff" + target.line()).getBytes(StandardCharsets.UTF_8));

    assertThat(assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1).message())
        .contains("byte order mark");
  }

  @Test
  void verifyWhenARecordIsFollowedByARawControlCharacterThenUnreadable() throws IOException {
    Target target = immigrationDecision(1);

    Result result = verify(target, (target.line() + "\u0007").getBytes(StandardCharsets.UTF_8));

    assertThat(assertBreak(result, Kind.UNREADABLE, target.file(), target.at() + 1).message())
        .contains("a control character (0x07) at column " + (target.line().length() + 1));
  }

  /** Returns the first decision for a recipient of class immigration-enforcement in the n-th file. */
  private Target immigrationDecision(int file) throws IOException {
    List<String> lines = lines(files().get(file));
    return new Target(files().get(file), lines,
        index(lines, 0, line -> line.contains("\"sanctuary.recipient.class\":\"immigration-enforcement\"")));
  }

  /** Writes the target's file back with its line replaced by raw bytes, and verifies the copy. */
  private Result verify(Target changed, byte[] line) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < changed.lines().size(); i++) {
      out.writeBytes(i == changed.at() ? line : changed.lines().get(i).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    Files.write(changed.file(), out.toByteArray());
    return verify();
  }

  @Test
  void verifyWhenAFileDoesNotExistThenUnreadableAndTheOthersAreStillVerified() {
    Path missing = work.resolve("missing.jsonl");

    Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(missing, log);

    assertThat(assertBreak(result, Kind.UNREADABLE, missing, 0).message()).isEqualTo("cannot read it: no such file");
    assertThat(result.events()).isEqualTo(DECISIONS);
  }

  /** Verifies the copy of the log with its hashes checked on another thread, and on one. */
  private List<Result> bothWays() {
    java.util.Map<String, java.security.PublicKey> keys = java.util.Map.of(SigningKeys.keyId(KEYS.getPublic()),
        KEYS.getPublic());
    return List.of(new Verification(keys, List.of(mirror), true).run(List.of(log)).result(),
        new Verification(keys, List.of(mirror), false).run(List.of(log)).result());
  }

  @Test
  void verifyWhenHashesAreCheckedOnAnotherThreadThenTheSameResultAsOnOneWhateverBroke() throws IOException {
    List<Result> intact = bothWays();
    Target swapped = event(2);
    swapped.lines().set(swapped.at(), swapped.lines().set(swapped.at() + 1, swapped.line()));
    swapped.write();
    List<Result> reordered = bothWays();
    Target edited = event(1);
    edited.lines().set(edited.at(), edited.line().replace("\"sanctuary.mode\":\"enforce\"", "\"sanctuary.mode\":\"monitor\""));
    edited.write();
    List<Result> editedAndReordered = bothWays();

    assertThat(intact.get(0)).isEqualTo(intact.get(1)).satisfies(result -> assertThat(result.intact()).isTrue());
    assertThat(reordered.get(0)).isEqualTo(reordered.get(1));
    assertThat(reordered.get(0).breaks()).extracting(Finding::kind).containsExactly(Kind.REORDERED);
    assertThat(editedAndReordered.get(0)).isEqualTo(editedAndReordered.get(1));
    assertThat(editedAndReordered.get(0).breaks()).extracting(Finding::kind).containsExactly(Kind.EDITED);
  }

  @Test
  void hashChecksWhenOneHashOfManyDoesNotHoldThenNotAllHeld() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files()) {
      lines.addAll(lines(file));
    }
    String last = lines.get(lines.size() - 1);

    boolean intact;
    try (HashChecks checks = new HashChecks()) {
      lines.forEach(line -> submit(checks, line));
      intact = checks.allHeld();
    }
    boolean withOneEdit;
    try (HashChecks checks = new HashChecks()) {
      lines.forEach(line -> submit(checks, line));
      submit(checks, last.replace("\"sanctuary.checkpoint.closing\":true", "\"sanctuary.checkpoint.closing\":false"));
      withOneEdit = checks.allHeld();
    }

    assertThat(intact).isTrue();
    assertThat(withOneEdit).isFalse();
  }

  private static void submit(HashChecks checks, String text) {
    LogLine line = new LogLine();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(line.read(bytes, 0, bytes.length)).isTrue();
    assertThat(checks.submit(line)).isTrue();
  }

  @Test
  void withPublicKeysWhenTheKeyIsNotEd25519ThenRefusesNamingIt() throws Exception {
    java.security.PublicKey ed448 = java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
    java.security.PublicKey rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();

    assertThatThrownBy(() -> GuardLogVerifier.create().withPublicKeys(ed448))
        .isInstanceOf(SanctuaryGuardException.class).hasMessage("not an Ed25519 public key: EdDSA Ed448");
    assertThatThrownBy(() -> GuardLogVerifier.create().withPublicKeys(rsa)).hasMessage("not an Ed25519 public key: RSA");
  }

  @Test
  void verifyWhenNothingIsReadThenNotIntact() throws IOException {
    Result result = GuardLogVerifier.create().verify(Files.createDirectories(work.resolve("empty")));

    assertThat(result.findings()).isEmpty();
    assertThat(result.intact()).isFalse();
    assertThat(result.render()).endsWith("NOTHING VERIFIED (no guard-log record read)\n");
  }

  @Test
  void verifyWhenStreamsAreInterleavedInOneExportedFileThenEachIsCheckedOnItsOwn() throws IOException {
    Path second = work.resolve("second");
    try (Guard guard = guard(GuardLogSink.builder(second).signingKey(KEYS.getPrivate()).build())) {
      for (int i = 0; i < 6; i++) {
        decide(guard, i);
      }
    }
    List<String> first = new ArrayList<>();
    for (Path file : files()) {
      first.addAll(lines(file));
    }
    List<String> other;
    try (Stream<Path> files = Files.list(second)) {
      other = lines(files.filter(path -> path.toString().endsWith(GuardLogSink.EXTENSION)).findFirst().orElseThrow());
    }
    List<String> export = new ArrayList<>();
    for (int i = 0; i < Math.max(first.size(), other.size()); i++) {
      if (i < first.size()) {
        export.add(first.get(i));
      }
      if (i < other.size()) {
        export.add(other.get(i));
      }
    }
    Path file = work.resolve("export.jsonl");
    write(file, export);

    Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(file);

    assertThat(result.findings()).as(result.render()).isEmpty();
    assertThat(result.streams()).hasSize(2).allSatisfy(stream -> assertThat(stream.closed()).isTrue());
  }

  private static String lineAt(Finding finding) throws IOException {
    return Files.readAllLines(finding.file()).get((int) finding.line() - 1);
  }
}
