package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.audit.GuardLogVerifierTest.assertOnly;
import static org.sanctuaryguard.audit.GuardLogVerifierTest.decide;
import static org.sanctuaryguard.audit.GuardLogVerifierTest.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.audit.GuardLogVerifier.Result;

/**
 * Streams across restarts: a sink that starts where another stopped continues its chain, and the
 * verifier checks the two together (key rotation included).
 */
class GuardLogContinuationTest {

  private static final KeyPair KEYS = SigningKeys.generate();
  private static final KeyPair NEW_KEYS = SigningKeys.generate();

  @TempDir Path log;

  private GuardLogSink.Builder sink(KeyPair keys) {
    return GuardLogSink.builder(log).signingKey(keys.getPrivate()).fsync(FsyncPolicy.always());
  }

  private Result verify(KeyPair... keys) {
    GuardLogVerifier verifier = GuardLogVerifier.create();
    for (KeyPair pair : keys) {
      verifier = verifier.withPublicKeys(pair.getPublic());
    }
    return verifier.verify(log);
  }

  private List<Path> files() throws IOException {
    return GuardLogVerifierTest.logFiles(log);
  }

  /** A guard that decides three times and crashes: its sink is never closed. */
  private GuardLogSink crashed() {
    GuardLogSink first = sink(KEYS).build();
    Guard guard = guard(first);
    for (int i = 0; i < 3; i++) {
      decide(guard, i);
    }
    first.crash();
    return first;
  }

  private void restartAndClose(KeyPair keys) {
    try (Guard guard = guard(sink(keys).build())) {
      decide(guard, 3);
      decide(guard, 4);
    }
  }

  @Test
  void verifyWhenARestartContinuedTheStreamOfACrashThenIntactButTheCrashedTailIsStillUnsigned() throws IOException {
    GuardLogSink first = crashed();
    restartAndClose(KEYS);

    Result result = verify(KEYS);

    assertThat(result.breaks()).as(result.render()).isEmpty();
    // the restart signed the crashed tail only as it found it on disk: a change made before it would not show
    assertThat(result.warnings()).as(result.render()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(Kind.UNSIGNED_TAIL);
      assertThat(warning.stream()).isEqualTo(first.stream());
      assertThat(warning.message()).contains("continued it after it stopped without closing");
    });
    assertThat(result.streams()).hasSize(2)
        .allSatisfy(stream -> assertThat(stream.closed()).isEqualTo(!stream.id().equals(first.stream())));
    first.close();
  }

  @Test
  void verifyWhenTheCrashedTailWasEditedBeforeTheRestartThenItIsStillReportedAsUnsigned() throws IOException {
    GuardLogSink first = crashed();
    Path crashedFile = first.currentFile();
    List<String> lines = Files.readAllLines(crashedFile);
    // an event after the last signed checkpoint, changed and sealed again by someone without the key
    int last = lines.size() - 1;
    Files.writeString(crashedFile, String.join("\n", lines.subList(0, last)) + "\n"
        + Forgery.with(lines.get(last), "sanctuary.outcome", "allow") + "\n");
    restartAndClose(KEYS);

    Result result = verify(KEYS);

    assertThat(result.breaks()).as(result.render()).isEmpty();
    assertThat(result.warnings()).as(result.render()).extracting(Finding::kind).containsExactly(Kind.UNSIGNED_TAIL);
    first.close();
  }

  @Test
  void verifyWhenTheCrashedStreamLostItsLastRecordThenTheContinuationProvesTruncation() throws IOException {
    GuardLogSink first = crashed();
    restartAndClose(KEYS);
    Path crashedFile = first.currentFile();
    List<String> lines = Files.readAllLines(crashedFile);
    Files.writeString(crashedFile, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");

    Result result = verify(KEYS);

    assertThat(assertOnly(result.breaks(), Kind.TRUNCATED, crashedFile, lines.size() - 1, result).stream())
        .isEqualTo(first.stream());
    first.close();
  }

  @Test
  void verifyWhenACrashedStreamWasNotContinuedThenNoSignatureCoversIt() {
    GuardLogSink first = crashed();

    Result result = verify(KEYS);

    assertThat(result.intact()).isTrue();
    assertThat(assertOnly(result.warnings(), Kind.UNSIGNED_TAIL, first.currentFile(), 1, result).message())
        .startsWith("no signed checkpoint covers the stream's 3 event(s)");
    first.close();
  }

  @Test
  void verifyWhenATornLineWasRecoveredByTheNextStreamThenAWarningAndWithoutTheNextStreamABreak() throws IOException {
    try (Guard guard = guard(sink(KEYS).build())) {
      decide(guard, 0);
    }
    Path file = files().get(0);
    Files.writeString(file, "{\"@timestamp\":\"2026-", StandardOpenOption.APPEND);
    long tornLine = Files.readAllLines(file).size();

    Result alone = verify(KEYS);
    restartAndClose(KEYS);
    Result recovered = verify(KEYS);

    assertOnly(alone.breaks(), Kind.TORN_LINE, file, tornLine, alone);
    assertThat(recovered.intact()).as(recovered.render()).isTrue();
    assertOnly(recovered.warnings(), Kind.RECOVERED_TORN_LINE, file, tornLine, recovered);
  }

  @Test
  void verifyWhenTheKeyWasRotatedAtARestartThenBothKeysAreNeeded() {
    try (Guard guard = guard(sink(KEYS).build())) {
      decide(guard, 0);
    }
    restartAndClose(NEW_KEYS);

    Result both = verify(KEYS, NEW_KEYS);
    Result oldOnly = verify(KEYS);

    assertThat(both.findings()).as(both.render()).isEmpty();
    assertThat(oldOnly.breaks()).singleElement().satisfies(finding -> {
      assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_KEY);
      assertThat(finding.message()).contains(SigningKeys.keyId(NEW_KEYS.getPublic()));
    });
  }

  @Test
  void verifyWhenTheSinkSignsNothingThenIntactButWarnsThatNoSignatureCoversIt() {
    try (Guard guard = guard(GuardLogSink.builder(log).build())) {
      decide(guard, 0);
    }

    Result result = verify(KEYS);

    assertThat(result.intact()).isTrue();
    assertThat(result.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.kind()).isEqualTo(Kind.UNSIGNED_TAIL);
      assertThat(warning.message()).contains("its start names no signing key");
    });
  }

  @Test
  void verifyWhenOnlyTheContinuingStreamIsGivenThenItsPredecessorIsNotGiven() throws IOException {
    try (Guard guard = guard(sink(KEYS).build())) {
      decide(guard, 0);
    }
    List<Path> files = files();
    restartAndClose(KEYS);
    Path second = files().stream().filter(file -> !files.contains(file)).findFirst().orElseThrow();

    Result result = GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(second);

    assertThat(result.intact()).isTrue();
    assertThat(assertOnly(result.warnings(), Kind.NOT_GIVEN, second, 1, result).message())
        .contains("which is not among the files given");
  }

  @Test
  void verifyWhenARecordChainedAfterTheClosingCheckpointIsAppendedThenInserted() throws IOException {
    try (Guard guard = guard(sink(KEYS).build())) {
      decide(guard, 0);
    }
    Path file = files().get(0);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String closing = lines.get(lines.size() - 1);
    String forged = Forgery.with(Forgery.with(lines.get(1), "event.sequence", (long) lines.size() + 1),
        "sanctuary.chain.previous", Forgery.hashOf(closing));
    Files.writeString(file, forged + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    Result result = verify(KEYS);

    assertThat(assertOnly(result.breaks(), Kind.INSERTED, file, lines.size() + 1, result).message())
        .startsWith("a record after the stream's closing checkpoint");
  }

  @Test
  void buildWhenAnotherSinkWritesTheDirectoryThenRefusesAndTheFirstGoesOn() {
    GuardLogSink first = sink(KEYS).build();

    assertThatThrownBy(() -> sink(KEYS).build()).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("is being written by another sink");
    Guard guard = guard(first);
    decide(guard, 0);
    guard.close();
    sink(KEYS).build().close();
    assertThat(verify(KEYS).intact()).isTrue();
  }

  @Test
  void verifyWhenACopyOfTheDirectoryWasWrittenElsewhereAndMergedBackThenTheRecordsAfterTheForkAreInserted(
      @TempDir Path elsewhere) throws IOException {
    GuardLogSink first = sink(KEYS).build();
    Guard guard = guard(first);
    decide(guard, 0);
    copyLogFiles(log, elsewhere);
    GuardLogSink second = GuardLogSink.builder(elsewhere).signingKey(KEYS.getPrivate()).fsync(FsyncPolicy.always())
        .build();
    decide(guard, 1);
    second.close();
    copyLogFiles(elsewhere, log);

    Result result = verify(KEYS);

    assertThat(assertOnly(result.breaks(), Kind.INSERTED, first.currentFile(), 3, result).message())
        .contains("continued this stream from record #2");
    guard.close();
  }

  /** Copies the log files of one directory that the other lacks, as a restore from a backup would. */
  private static void copyLogFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(GuardLogSink.EXTENSION)).toList()) {
        Path target = to.resolve(file.getFileName());
        if (!Files.exists(target)) {
          Files.copy(file, target);
        }
      }
    }
  }
}
