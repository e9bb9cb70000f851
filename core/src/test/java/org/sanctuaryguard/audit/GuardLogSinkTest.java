package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.sanctuaryguard.internal.json.LogField;

class GuardLogSinkTest {

  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("federal"));
  private static final KeyPair KEYS = SigningKeys.generate();

  @TempDir Path directory;

  private GuardLogSink.Builder sink() {
    return GuardLogSink.builder(directory).signingKey(KEYS.getPrivate());
  }

  private static Guard guard(GuardLogSink sink) {
    return Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink).pseudonymKey(new byte[32]).build());
  }

  private static Decision decide(Guard guard, int i) {
    return guard.decide(guard.request().recipient(i % 2 == 0 ? "ice-ero" : "city-agency")
        .purpose(Purpose.SERVICE_DELIVERY).categories("contact.phone").subjects("S-" + i).build());
  }

  /** Returns a closed sink that rolled its files at the size, after the decisions. */
  private GuardLogSink rolled(long bytes, int decisions) {
    GuardLogSink sink = sink().rollAt(bytes).build();
    try (Guard guard = guard(sink)) {
      for (int i = 0; i < decisions; i++) {
        decide(guard, i);
      }
    }
    return sink;
  }

  /** Every record of the directory, file by file (in name order) and line by line. */
  private List<LogRecord> records() throws IOException {
    return records(false);
  }

  private List<LogRecord> records(boolean skipTorn) throws IOException {
    List<LogRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          try {
            records.add(LogRecord.parse(file.getFileName().toString(), i + 1, lines.get(i)));
          } catch (IllegalArgumentException torn) {
            if (!skipTorn) {
              throw torn;
            }
          }
        }
      }
    }
    return records;
  }

  /** Asserts that the verifier finds the directory's log intact, closed, and without a warning. */
  private void assertVerifies() {
    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
    assertThat(result.findings()).as(result.render()).isEmpty();
    assertThat(result.intact()).isTrue();
  }

  @Test
  void recordWhenAGuardDecidesThenOneChainedLinePerEventBetweenTheStartAndTheClosingCheckpoint() throws Exception {
    GuardLogSink sink = sink().build();
    Guard guard = guard(sink);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(decide(guard, i).auditEventId().orElseThrow());
    }
    guard.close();

    List<LogRecord> records = records();
    assertVerifies();
    assertThat(records).extracting(LogRecord::action).containsExactly("stream-start", "disclosure-decision",
        "disclosure-decision", "disclosure-decision", "disclosure-decision", "disclosure-decision", "checkpoint");
    assertThat(records.subList(1, 6)).extracting(r -> r.string("event.id")).containsExactlyElementsOf(ids);
    assertThat(records).allSatisfy(r -> assertThat(r.stream()).isEqualTo(sink.stream()));
    assertThat(records.get(0).previous()).isEqualTo(LogRecord.ZERO);
    assertThat(records.get(0).fields()).doesNotContainKey("sanctuary.continues.stream")
        .containsEntry("sanctuary.fsync", "every 1000 events or 200 ms");
    LogRecord closing = records.get(6);
    assertThat(closing.fields()).containsEntry("sanctuary.checkpoint.closing", true)
        .containsEntry("sanctuary.checkpoint.events", 5L)
        .containsEntry("sanctuary.checkpoint.head", records.get(5).hash())
        .containsEntry("sanctuary.checkpoint.key", SigningKeys.keyId(KEYS.getPublic()));
    assertThat(signatureValid(closing)).isTrue();
  }

  @Test
  void linesWhenWrittenThenCanonicalJsonThatPipelinesCanReparse() throws Exception {
    GuardLogSink sink = sink().build();
    Guard guard = guard(sink);
    decide(guard, 0);
    guard.close();

    for (Path file : GuardLogVerifierTest.logFiles(directory)) {
      for (String line : Files.readAllLines(file)) {
        LogRecord record = LogRecord.parse("f", 1, line);
        assertThat(new String(CanonicalJson.bytes(record.fields()), StandardCharsets.UTF_8)).isEqualTo(line);
      }
    }
  }

  @Test
  void recordWhenEventsShareSomeMembersAndVaryOthersThenEachLineHoldsExactlyItsOwnEvent() throws Exception {
    GuardLogSink sink = sink().build();
    List<GuardEvent> events = new ArrayList<>();
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink, events::add)
        .pseudonymKey(new byte[32]).build());
    for (int i = 0; i < 60; i++) {
      DisclosureRequest.Builder request = guard.request().recipient(i % 3 == 0 ? "ice-ero" : "city-agency")
          .purpose(i % 4 == 0 ? Purpose.CRIMINAL_INVESTIGATION : Purpose.SERVICE_DELIVERY)
          .categories(i % 5 == 0 ? new String[] {"contact.phone", "identity.name"} : new String[] {"contact.phone"})
          .subjects(i % 2 == 0 ? List.of("S-" + i) : List.of("S-1", "S-2"));
      if (i % 7 < 3) {
        request.actor("officer-" + i % 2);
      }
      if (i % 6 < 2) {
        request.fact(i % 4 == 0 ? Facts.PUBLICLY_AVAILABLE : Facts.SUBJECT_IS_MINOR, true).fact(Facts.BULK, i % 3 == 0);
      }
      guard.decide(request.build());
    }
    guard.close();

    List<LogRecord> logged = records().stream().filter(r -> "disclosure-decision".equals(r.action())).toList();
    assertThat(logged).hasSameSizeAs(events);
    assertThat(logged).extracting(r -> r.fields().get("sanctuary.facts")).as("facts present and absent in turn")
        .contains(List.of("bulk", "publicly-available"), List.of("subject-is-minor"), null);
    for (int i = 0; i < events.size(); i++) {
      SortedMap<String, Object> fields = new TreeMap<>(logged.get(i).fields());
      for (LogField chain : List.of(LogField.SEQUENCE, LogField.HASH, LogField.PREVIOUS, LogField.STREAM)) {
        fields.remove(chain.key());
      }
      assertThat(new String(CanonicalJson.bytes(fields), StandardCharsets.UTF_8)).as("line of event %d", i)
          .isEqualTo(new String(CanonicalJson.bytes(events.get(i).fields()), StandardCharsets.UTF_8));
    }
    assertVerifies();
  }

  @Test
  void buildWhenAnEarlierStreamEndedInATornLineThenTheNewStreamContinuesFromTheLastWholeRecord() throws Exception {
    GuardLogSink first = sink().build();
    Guard guard = guard(first);
    decide(guard, 0);
    decide(guard, 1);
    first.checkpoint();
    Path firstFile = first.currentFile();
    List<LogRecord> before = records();
    LogRecord lastWhole = before.get(before.size() - 1);
    first.crash();
    Files.writeString(firstFile, "{\"@timestamp\":\"2026-", StandardOpenOption.APPEND);

    GuardLogSink second = sink().build();
    second.close();

    LogRecord start = records(true).stream().filter(r -> second.stream().equals(r.stream())).findFirst().orElseThrow();
    assertThat(start.action()).isEqualTo("stream-start");
    assertThat(start.sequence()).isEqualTo(1);
    assertThat(start.previous()).isEqualTo(lastWhole.hash());
    assertThat(start.fields()).containsEntry("sanctuary.continues.stream", first.stream())
        .containsEntry("sanctuary.continues.sequence", lastWhole.sequence())
        .containsEntry("sanctuary.recovery.torn", firstFile.getFileName() + ":" + (before.size() + 1));
  }

  @Test
  void buildWhenTheLastFileHoldsOnlyATornLineThenTheNewStreamContinuesFromTheEndOfTheFileBefore() throws Exception {
    GuardLogSink first = rolled(4_000, 12);
    List<Path> files = GuardLogVerifierTest.logFiles(directory);
    assertThat(files).hasSizeGreaterThan(2);
    Path last = files.get(files.size() - 1);
    Path beforeLast = files.get(files.size() - 2);
    List<String> lines = Files.readAllLines(beforeLast, StandardCharsets.UTF_8);
    LogRecord end = LogRecord.parse(beforeLast.getFileName().toString(), lines.size(), lines.get(lines.size() - 1));
    String firstLine = Files.readAllLines(last, StandardCharsets.UTF_8).get(0);
    Files.writeString(last, firstLine.substring(0, firstLine.length() / 2)); // a crash right after the roll

    GuardLogSink second = sink().build();
    second.close();

    LogRecord start = records(true).stream().filter(r -> second.stream().equals(r.stream())).findFirst().orElseThrow();
    assertThat(start.previous()).isEqualTo(end.hash());
    assertThat(start.fields()).containsEntry("sanctuary.continues.stream", first.stream())
        .containsEntry("sanctuary.continues.sequence", end.sequence())
        .containsEntry("sanctuary.recovery.torn", last.getFileName() + ":1");
    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
    assertThat(result.intact()).as(result.render()).isTrue();
    assertThat(result.warnings()).as(result.render()).extracting(GuardLogVerifier.Finding::kind)
        .contains(GuardLogVerifier.Kind.RECOVERED_TORN_LINE)
        .containsOnly(GuardLogVerifier.Kind.RECOVERED_TORN_LINE, GuardLogVerifier.Kind.UNSIGNED_TAIL);
    assertThat(result.warnings()).filteredOn(w -> w.kind() == GuardLogVerifier.Kind.RECOVERED_TORN_LINE)
        .extracting(w -> w.file().getFileName() + ":" + w.line()).containsExactly(last.getFileName() + ":1");
  }

  @Test
  void buildWhenTheLastStreamHoldsOnlyItsTornStartThenTheStreamBeforeItIsContinued() throws Exception {
    GuardLogSink first = sink().clock(Clock.fixed(Instant.parse("2026-03-05T10:00:00Z"), ZoneOffset.UTC)).build();
    try (Guard guard = guard(first)) {
      decide(guard, 0);
      decide(guard, 1);
    }
    LogRecord end = records().get(records().size() - 1);
    GuardLogSink crashed = sink().clock(Clock.fixed(Instant.parse("2026-03-05T10:00:01Z"), ZoneOffset.UTC)).build();
    crashed.crash();
    Path torn = crashed.currentFile();
    String startLine = Files.readAllLines(torn, StandardCharsets.UTF_8).get(0);
    Files.writeString(torn, startLine.substring(0, startLine.length() / 2)); // a crash while it started

    GuardLogSink third = sink().clock(Clock.fixed(Instant.parse("2026-03-05T10:00:02Z"), ZoneOffset.UTC)).build();
    third.close();

    LogRecord start = records(true).stream().filter(r -> third.stream().equals(r.stream())).findFirst().orElseThrow();
    assertThat(start.previous()).isEqualTo(end.hash());
    assertThat(start.fields()).containsEntry("sanctuary.continues.stream", first.stream())
        .containsEntry("sanctuary.continues.sequence", end.sequence())
        .containsEntry("sanctuary.recovery.torn", torn.getFileName() + ":1");
    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
    assertThat(result.intact()).as(result.render()).isTrue();
    assertThat(result.warnings()).as(result.render()).extracting(GuardLogVerifier.Finding::kind)
        .containsExactly(GuardLogVerifier.Kind.RECOVERED_TORN_LINE);
  }

  @Test
  void recordWhenTheFileWouldPassItsSizeThenANewFileContinuesTheChain() throws Exception {
    GuardLogSink sink = rolled(4_000, 20);

    List<Path> files = GuardLogVerifierTest.logFiles(directory);
    assertThat(files).hasSizeGreaterThan(3).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(4_000));
    assertThat(files.get(1).getFileName().toString()).endsWith("-" + sink.stream() + "-0002.jsonl");
    assertVerifies();
  }

  @Test
  void recordWhenTheDayEndsInTheRollZoneThenANewFileContinuesTheChain() throws Exception {
    ZoneId newYork = ZoneId.of("America/New_York");
    SettableClock clock = new SettableClock(Instant.parse("2026-03-05T04:58:00Z"), ZoneOffset.UTC);
    GuardLogSink sink = sink().clock(clock).rollDaily(newYork).build();
    Guard guard = guard(sink);
    decide(guard, 0);
    clock.now = Instant.parse("2026-03-05T04:59:59Z");
    decide(guard, 1);
    clock.now = Instant.parse("2026-03-05T05:00:00Z");
    decide(guard, 2);
    guard.close();

    List<Path> files = GuardLogVerifierTest.logFiles(directory);
    assertThat(files).hasSize(2);
    assertThat(Files.readAllLines(files.get(0))).hasSize(3);
    assertThat(Files.readAllLines(files.get(1))).hasSize(2);
    assertVerifies();
  }

  @Test
  void checkpointEveryWhenReachedThenSignedCheckpointsAlsoGoToTheMirror() throws Exception {
    Path mirror = directory.resolveSibling(directory.getFileName() + "-mirror").resolve("checkpoints.jsonl");
    GuardLogSink sink = sink().checkpointEvery(3, Duration.ofHours(1)).checkpointMirror(mirror).build();
    Guard guard = guard(sink);
    for (int i = 0; i < 7; i++) {
      decide(guard, i);
    }
    guard.close();

    List<LogRecord> checkpoints = records().stream().filter(r -> "checkpoint".equals(r.action())).toList();
    assertThat(checkpoints).hasSize(3).allSatisfy(c -> assertThat(signatureValid(c)).isTrue());
    assertThat(GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).withCheckpointMirrors(mirror).verify(directory)
        .findings()).isEmpty();
    assertThat(Files.readAllLines(mirror)).hasSize(3)
        .containsExactlyElementsOf(checkpoints.stream().map(c -> new String(CanonicalJson.bytes(c.fields()),
            StandardCharsets.UTF_8)).toList());
  }

  @Test
  void recordWhenTheDiskFailsThenTheGuardDeniesAndKeepsDenying() throws Exception {
    GuardLogSink sink = sink().rollAt(3_000).build();
    Guard guard = guard(sink);
    decide(guard, 1);
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(directory);

    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      decisions.add(decide(guard, 1));
    }

    assertThat(decisions).extracting(Decision::outcome).contains(Outcome.DENY);
    Decision last = decisions.get(decisions.size() - 1);
    assertThat(last.outcome()).isEqualTo(Outcome.DENY);
    assertThat(last.reasons().get(0).rule()).isEqualTo("guard.audit-failed");
    assertThatThrownBy(sink::checkpoint).isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("failed earlier");
  }

  /** The event ids of the decisions in the directory's log files, in file and line order. */
  private List<String> decisionsOnDisk() throws IOException {
    return records(true).stream().filter(r -> "disclosure-decision".equals(r.action())).map(r -> r.string("event.id"))
        .toList();
  }

  @Test
  void recordWhenTheCheckpointMirrorCannotBeWrittenThenWhatTheSinkAcceptedIsWrittenAndLaterRecordsAreRefused(
      @TempDir Path elsewhere) throws Exception {
    Path mirror = elsewhere.resolve("mirror").resolve("checkpoints.jsonl");
    GuardLogSink sink = sink().fsync(FsyncPolicy.every(1000, Duration.ofHours(1)))
        .checkpointEvery(5, Duration.ofHours(1)).checkpointMirror(mirror).build();
    Guard guard = guard(sink);
    List<String> released = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Decision decision = decide(guard, 2 * i + 1);
      assertThat(decision.permitsAny()).isTrue();
      released.add(decision.auditEventId().orElseThrow());
    }
    Files.createDirectories(mirror); // the mirror's mount is gone: opening the mirror fails

    Decision fifth = decide(guard, 11); // its record is in the chain, then the checkpoint after it fails
    assertThat(decisionsOnDisk()).as("written when the sink failed, not at close").containsAll(released);
    Decision sixth = decide(guard, 13);

    assertThat(fifth.permitsAny()).as("its record was accepted and written before the failure").isTrue();
    released.add(fifth.auditEventId().orElseThrow());
    assertThat(sixth.outcome()).isEqualTo(Outcome.DENY);
    assertThat(sixth.reasons().get(0).rule()).isEqualTo("guard.audit-failed");
    assertThatThrownBy(sink::checkpoint).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("failed earlier").hasMessageContaining("checkpoint mirror " + mirror)
        .hasMessageNotContaining(sink.currentFile().getFileName().toString());
    guard.close();
    assertThat(decisionsOnDisk()).containsExactlyElementsOf(released);
    GuardLogVerifier.Result withoutMirror = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
    assertThat(withoutMirror.intact()).as(withoutMirror.render()).isTrue();
    Files.delete(mirror);
    GuardLogVerifier.Result withMirror = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic())
        .withCheckpointMirrors(mirror).verify(directory);
    assertThat(withMirror.findings()).as(withMirror.render()).extracting(GuardLogVerifier.Finding::kind)
        .contains(GuardLogVerifier.Kind.MIRROR_MISSING);
  }

  /**
   * The checkpoint falls due by the sink's clock, which the test moves once five decisions were
   * released; the sink's thread then finds it due on its next tick, however loaded the machine.
   */
  @Test
  void recordWhenTheMirrorOfATimedCheckpointFailsWithTheDefaultFsyncThenNoReleasedDecisionIsLost(
      @TempDir Path elsewhere) throws Exception {
    Path mirror = elsewhere.resolve("mirror").resolve("checkpoints.jsonl");
    Duration interval = Duration.ofMillis(100);
    SettableClock clock = new SettableClock(Instant.parse("2026-03-05T10:00:00Z"), ZoneOffset.UTC);
    GuardLogSink sink = sink().clock(clock).checkpointEvery(10_000, interval).checkpointMirror(mirror).build();
    Guard guard = guard(sink);
    Files.createDirectories(mirror);
    List<String> released = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Decision decision = decide(guard, 2 * i + 1);
      assertThat(decision.permitsAny()).as("no checkpoint is due yet").isTrue();
      released.add(decision.auditEventId().orElseThrow());
    }

    clock.advance(interval);
    Decision refused = null;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int i = 5; refused == null && System.nanoTime() < until; i++) {
      Decision decision = decide(guard, 2 * i + 1);
      if (decision.permitsAny()) {
        released.add(decision.auditEventId().orElseThrow());
        Thread.sleep(2); // a decision now and then, until the sink's thread finds the checkpoint due
      } else {
        refused = decision;
      }
    }
    guard.close();

    assertThat(refused).as("a decision after the checkpoint's mirror failed, within 30 s").isNotNull();
    assertThat(refused.outcome()).isEqualTo(Outcome.DENY);
    assertThat(refused.reasons().get(0).rule()).isEqualTo("guard.audit-failed");
    assertThat(released).hasSizeGreaterThanOrEqualTo(5);
    assertThat(decisionsOnDisk()).containsExactlyElementsOf(released);
  }

  @Test
  void closeWhenTheMirrorOfTheClosingCheckpointFailsThenTheLogHoldsEveryRecordAndCloseNamesTheMirror(
      @TempDir Path elsewhere) throws Exception {
    Path mirror = elsewhere.resolve("mirror").resolve("checkpoints.jsonl");
    GuardLogSink sink = sink().fsync(FsyncPolicy.every(1000, Duration.ofHours(1)))
        .checkpointEvery(1000, Duration.ofHours(1)).checkpointMirror(mirror).build();
    Guard guard = guard(sink);
    List<String> released = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      released.add(decide(guard, 2 * i + 1).auditEventId().orElseThrow());
    }
    Files.createDirectories(mirror);

    assertThatThrownBy(sink::close).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("checkpoint mirror " + mirror);

    assertThat(decisionsOnDisk()).containsExactlyElementsOf(released);
    LogRecord last = records().get(records().size() - 1);
    assertThat(last.action()).isEqualTo("checkpoint");
    assertThat(last.fields()).containsEntry("sanctuary.checkpoint.closing", true);
  }

  @Test
  void recordWhenTheLogDirectoryIsDeletedWhileRunningThenTheNextForceFailsTheSinkNamingTheFile() throws Exception {
    GuardLogSink sink = sink().fsync(FsyncPolicy.always()).build();
    Guard guard = guard(sink);
    assertThat(decide(guard, 1).permitsAny()).isTrue();
    Path file = sink.currentFile();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path each : files.toList()) {
        Files.delete(each);
      }
    }
    Files.delete(directory);

    Decision next = decide(guard, 3);

    assertThat(next.outcome()).as("its record went to a file nobody can read").isEqualTo(Outcome.DENY);
    assertThat(next.reasons().get(0).rule()).isEqualTo("guard.audit-failed");
    assertThat(decide(guard, 5).outcome()).isEqualTo(Outcome.DENY);
    assertThatThrownBy(sink::checkpoint).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("the guard log file " + file + " was removed or replaced");
    assertThatThrownBy(guard::close).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("was removed or replaced");
    assertThat(Files.exists(directory)).isFalse();
  }

  @Test
  void recordWhenTheLogFileIsReplacedWhileRunningThenTheNextGroupCommitFailsTheSink(@TempDir Path elsewhere)
      throws Exception {
    GuardLogSink sink = sink().fsync(FsyncPolicy.every(5, Duration.ofHours(1))).build();
    Guard guard = guard(sink);
    decide(guard, 1);
    Path file = sink.currentFile();
    Files.move(file, elsewhere.resolve(file.getFileName()));
    Files.writeString(file, "");

    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      decisions.add(decide(guard, 2 * i + 1));
    }

    assertThat(decisions).extracting(Decision::permitsAny).as("the fourth record is due for a group commit")
        .containsExactly(true, true, true, false, false, false);
    assertThatThrownBy(sink::checkpoint).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("the guard log file " + file + " was removed or replaced (another file is at its path)");
  }

  @Test
  void recordWhenTheDiskNearlyFillsThenDeniedBeforeARecordIsAcceptedThatCouldNotBeWrittenUntilThereIsRoom()
      throws Exception {
    AtomicLong free = new AtomicLong(1L << 30);
    GuardLogSink sink = sink().usableSpace(free::get).build();
    Guard guard = guard(sink);
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      decisions.add(decide(guard, i));
    }
    free.set(GuardLogSink.RESERVE - 1);
    for (int i = 200; i < 400; i++) {
      decisions.add(decide(guard, i));
    }
    Decision whileShort = decisions.get(decisions.size() - 1);
    free.set(1L << 30);
    decisions.add(decide(guard, 400));
    guard.close();

    List<Decision> recorded = decisions.stream()
        .filter(decision -> decision.reasons().stream().noneMatch(reason -> reason.rule().equals("guard.audit-failed")))
        .toList();
    assertThat(recorded.size()).as("accepted until the free space was next read, and again once there was room")
        .isBetween(201, 399);
    assertThat(whileShort.outcome()).isEqualTo(Outcome.DENY);
    assertThat(recorded).last().isSameAs(decisions.get(decisions.size() - 1));
    assertThat(records(true)).filteredOn(record -> "disclosure-decision".equals(record.action()))
        .extracting(record -> record.string(LogField.EVENT_ID.key())).containsExactlyElementsOf(recorded.stream()
            .map(decision -> decision.auditEventId().orElseThrow()).toList());
  }

  @Test
  void buildWhenTheDiskHasLessThanTheReserveFreeThenFailsNamingIt() {
    assertThatThrownBy(() -> sink().usableSpace(() -> 4096).build()).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("4096 bytes free");
  }

  @Test
  void recordWhenClosedThenRefuses() {
    GuardLogSink sink = sink().build();
    sink.close();
    Guard guard = guard(sink);

    assertThat(decide(guard, 1).outcome()).isEqualTo(Outcome.DENY);
    assertThatThrownBy(sink::checkpoint).hasMessageEndingWith("is closed");
  }

  @Test
  void recordWhenEightThreadsDecideAtOnceThenTheChainHoldsEveryEventExactlyOnce() throws Exception {
    GuardLogSink sink = sink().checkpointEvery(500, Duration.ofSeconds(1)).rollAt(1_000_000).build();
    Guard guard = guard(sink);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<String>>> threads = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      threads.add(pool.submit(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; System.nanoTime() < until && i < 50_000; i++) {
          ids.add(decide(guard, thread * 100_000 + i).auditEventId().orElseThrow());
        }
        return ids;
      }));
    }
    Set<String> decided = new HashSet<>();
    for (Future<List<String>> thread : threads) {
      decided.addAll(thread.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    guard.close();

    assertVerifies();
    List<LogRecord> records = records();
    List<String> logged = records.stream().filter(r -> "disclosure-decision".equals(r.action()))
        .map(r -> r.string("event.id")).toList();
    assertThat(decided).hasSizeGreaterThan(1_000);
    assertThat(logged).hasSize(decided.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(logged)).isEqualTo(decided);
  }

  @Test
  void recordWhenAGroupCommitIsDueThenEveryRecordSoFarIsInTheFileBeforeTheLogCloses() throws Exception {
    GuardLogSink sink = sink().fsync(FsyncPolicy.every(10, Duration.ofHours(1))).build();
    Guard guard = guard(sink);
    for (int i = 0; i < 9; i++) {
      decide(guard, i);
    }
    assertThat(records().stream().filter(r -> "disclosure-decision".equals(r.action()))).isEmpty();

    decide(guard, 9);

    assertThat(records().stream().filter(r -> "disclosure-decision".equals(r.action()))).hasSize(10);
    guard.close();
    assertVerifies();
  }

  @Test
  void recordWhenBuffersFillThenTheSinksOwnThreadWritesThemWithoutAnotherRecordOrAForce() throws Exception {
    GuardLogSink sink = sink().fsync(FsyncPolicy.every(1_000_000, Duration.ofHours(1)))
        .checkpointEvery(1_000_000, Duration.ofHours(1)).build();
    Guard guard = guard(sink);
    for (int i = 0; i < 1_500; i++) {
      decide(guard, i); // over a megabyte: sixteen 64 KiB buffers and more
    }
    long eightBuffers = 8 * 64 * 1024;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.size(sink.currentFile()) < eightBuffers && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(Files.size(sink.currentFile())).as("full buffers written with no record after them, and no force")
        .isGreaterThanOrEqualTo(eightBuffers);
    guard.close();
    assertVerifies();
    assertThat(records().stream().filter(r -> "disclosure-decision".equals(r.action()))).hasSize(1_500);
  }

  @Test
  void recordWhenTheSinkClosesWhileThreadsDecideThenEveryDecisionNotDeniedForTheLogIsInIt() throws Exception {
    GuardLogSink sink = sink().build();
    Guard guard = guard(sink);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    AtomicInteger decided = new AtomicInteger();
    List<Future<List<String>>> threads = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int t = 0; t < 6; t++) {
      int thread = t;
      threads.add(pool.submit(() -> {
        List<String> recorded = new ArrayList<>();
        for (int i = 0; System.nanoTime() < until; i++) {
          Decision decision = decide(guard, thread * 1_000_000 + i);
          if (decision.rules().contains("guard.audit-failed")) {
            assertThat(decision.permitsAny()).isFalse();
            return recorded;
          }
          recorded.add(decision.auditEventId().orElseThrow());
          decided.incrementAndGet();
        }
        throw new AssertionError("the guard went on deciding after its guard log closed");
      }));
    }
    while (decided.get() < 3_000 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    sink.close();
    List<String> recorded = new ArrayList<>();
    for (Future<List<String>> thread : threads) {
      recorded.addAll(thread.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    guard.close();

    assertVerifies();
    List<String> logged = records().stream().filter(r -> "disclosure-decision".equals(r.action()))
        .map(r -> r.string("event.id")).toList();
    assertThat(recorded).hasSizeGreaterThanOrEqualTo(3_000);
    assertThat(logged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
  }

  /** Returns the first record of the stream, its stream start. */
  private LogRecord startOf(GuardLogSink sink) throws IOException {
    return records(true).stream().filter(r -> sink.stream().equals(r.stream())).findFirst().orElseThrow();
  }

  @Test
  void buildWhenStreamsStartedInTheSameSecondThenTheNewOneContinuesTheStreamNoOtherContinues() throws Exception {
    Clock sameSecond = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    List<GuardLogSink> sinks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      GuardLogSink sink = sink().clock(sameSecond).build();
      sink.close();
      sinks.add(sink);
    }

    for (int i = 1; i < sinks.size(); i++) {
      assertThat(startOf(sinks.get(i)).fields()).containsEntry("sanctuary.continues.stream", sinks.get(i - 1).stream());
    }
    assertVerifies();
  }

  @Test
  void buildWhenFileIndexesPassNineThousandNineHundredNinetyNineThenTheHighestIndexIsContinued() throws Exception {
    GuardLogSink first = rolled(3_000, 3);
    List<Path> files = GuardLogVerifierTest.logFiles(directory);
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      Files.move(files.get(i), directory.resolve(name.replaceFirst("-\\d{4}\\.jsonl$",
          "-" + (10_001 - files.size() + i) + ".jsonl")));
    }

    GuardLogSink second = sink().build();
    second.close();

    assertThat(files).hasSizeGreaterThanOrEqualTo(2);
    assertThat(startOf(second).fields()).containsEntry("sanctuary.continues.stream", first.stream())
        .containsEntry("sanctuary.continues.sequence", records().stream()
            .filter(r -> first.stream().equals(r.stream())).count());
    assertVerifies();
  }

  @Test
  void buildWhenOtherFilesShareTheDirectoryThenOnlyTheSinksOwnAreContinued() throws Exception {
    GuardLogSink first = sink().build();
    first.close();
    Files.writeString(directory.resolve("zz-notes.jsonl"), "not a guard log\n");

    GuardLogSink second = sink().build();
    second.close();

    assertThat(startOf(second).fields()).containsEntry("sanctuary.continues.stream", first.stream());
    assertThatThrownBy(() -> sink().checkpointMirror(directory.resolve("mirror.jsonl")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the checkpoint mirror must be outside");
  }

  @Test
  void buildWhenTheLastLineIsWholeButEditedThenContinuesFromTheRecordBeforeAndDoesNotCallItTorn() throws Exception {
    GuardLogSink first = sink().build();
    first.close();
    Path file = first.currentFile();
    List<String> lines = Files.readAllLines(file);
    lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("\"closing\":true", "\"closing\":false")
        .replace("\"sanctuary.checkpoint.closing\":true", "\"sanctuary.checkpoint.closing\":false"));
    Files.writeString(file, String.join("\n", lines) + "\n");

    GuardLogSink second = sink().build();
    second.close();

    assertThat(startOf(second).fields()).containsEntry("sanctuary.continues.sequence", (long) lines.size() - 1)
        .doesNotContainKey("sanctuary.recovery.torn");
    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory);
    assertThat(result.breaks()).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(GuardLogVerifier.Kind.EDITED);
      assertThat(finding.line()).isEqualTo(lines.size());
    });
  }

  @Test
  void builderWhenValuesAreWrongThenNamesThem() {
    assertThatThrownBy(() -> sink().checkpointEvery(0, Duration.ofSeconds(1)))
        .hasMessage("checkpoints need at least 1 event and a positive interval, but were 0 and PT1S");
    assertThatThrownBy(() -> sink().rollAt(-1)).hasMessage("roll size must be 0 (never) or positive, but was -1");
    assertThatThrownBy(() -> FsyncPolicy.every(0, Duration.ofSeconds(1)))
        .hasMessage("fsync needs at least 1 event and a positive interval, but was 0 events and PT1S");
  }

  private static boolean signatureValid(LogRecord checkpoint) throws Exception {
    SortedMap<String, Object> signed = new TreeMap<>(checkpoint.fields());
    signed.remove(LogRecord.HASH);
    String signature = (String) signed.remove(LogRecord.SIGNATURE);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(KEYS.getPublic());
    verifier.update(CanonicalJson.bytes(signed));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  @Test
  void keysWhenWrittenAndReadBackThenTheSameAndThePublicKeyDerivesFromThePrivate(@TempDir Path keys) {
    Path privateKey = keys.resolve("log.key");
    Path publicKey = keys.resolve("log.pub");
    SigningKeys.write(KEYS, privateKey, publicKey);

    assertThat(SigningKeys.readPrivateKey(privateKey).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    assertThat(SigningKeys.readPublicKey(publicKey).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
    assertThat(SigningKeys.publicKeyOf(KEYS.getPrivate()).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
    assertThat(SigningKeys.keyId(KEYS.getPublic())).matches("[0-9a-f]{16}");
    assertThatThrownBy(() -> SigningKeys.readPrivateKey(publicKey))
        .isInstanceOf(SanctuaryGuardException.class).hasMessageContaining("does not hold an Ed25519 private key");
    assertThatThrownBy(() -> SigningKeys.readPublicKey(keys.resolve("missing.pub")))
        .hasMessageEndingWith("missing.pub: no such file");
  }

  @Test
  void keysWhenAFileHoldsNoKeyOrTheOtherKeyThenSaysWhatToGiveWithoutAnExceptionName(@TempDir Path keys)
      throws Exception {
    Path privateKey = keys.resolve("log.key");
    Path publicKey = keys.resolve("log.pub");
    SigningKeys.write(KEYS, privateKey, publicKey);
    Path text = Files.writeString(keys.resolve("notes.txt"), "not a key\n");

    assertThatThrownBy(() -> SigningKeys.readPublicKey(text)).hasMessage(text + " does not hold an Ed25519 public"
        + " key: give the file that keygen wrote with --public-key, which begins '-----BEGIN PUBLIC KEY-----' (X.509"
        + " PEM), or its DER bytes");
    assertThatThrownBy(() -> SigningKeys.readPublicKey(privateKey)).hasMessageEndingWith("; this file holds the"
        + " private key, which stays with the guard: give the public key written with it");
    assertThatThrownBy(() -> SigningKeys.readPrivateKey(publicKey)).hasMessage(publicKey + " does not hold an"
        + " Ed25519 private key: give the file that keygen wrote with --private-key, which begins '-----BEGIN PRIVATE"
        + " KEY-----' (PKCS#8 PEM), or its DER bytes; this file holds a public key, which verifies checkpoints but"
        + " cannot sign them");
  }

  @Test
  void keysWhenAFileIsFarLargerThanAKeyThenSaysSoWithoutReadingIt(@TempDir Path keys) throws Exception {
    Path huge = keys.resolve("huge.pub");
    try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      sparse.setLength(Integer.MAX_VALUE + 1L);
    }

    assertThatThrownBy(() -> SigningKeys.readPublicKey(huge)).isInstanceOf(SanctuaryGuardException.class)
        .hasMessage("cannot read the key file " + huge + ": it is larger than 64 KiB, far more than a key needs: is"
            + " it a key file?");
  }

  @Test
  void writeWhenAKeyFileExistsThenRefusesAndTheNewPrivateKeyIsTheOwnersOnly(@TempDir Path keys) throws Exception {
    Path privateKey = keys.resolve("log.key");
    Path publicKey = keys.resolve("log.pub");
    SigningKeys.write(KEYS, privateKey, publicKey);
    Path otherPrivate = keys.resolve("other.key");

    assertThatThrownBy(() -> SigningKeys.write(SigningKeys.generate(), privateKey, keys.resolve("other.pub")))
        .isInstanceOf(SanctuaryGuardException.class).hasMessageEndingWith("log.key already exists");
    assertThatThrownBy(() -> SigningKeys.write(SigningKeys.generate(), otherPrivate, publicKey))
        .hasMessageEndingWith("log.pub already exists");
    assertThat(otherPrivate).doesNotExist();
    assertThat(SigningKeys.readPrivateKey(privateKey).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    assertThat(Files.getPosixFilePermissions(privateKey)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

}
