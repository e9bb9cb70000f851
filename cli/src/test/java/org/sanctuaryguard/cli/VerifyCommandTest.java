package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;

class VerifyCommandTest {

  private static final KeyPair KEYS = SigningKeys.generate();

  @TempDir Path directory;

  private Path log;
  private Path publicKey;

  @BeforeEach
  void keys() {
    log = directory.resolve("log");
    publicKey = directory.resolve("guard-log.pub");
    SigningKeys.write(KEYS, directory.resolve("guard-log.key"), publicKey);
  }

  @Test
  void verifyWhenTheLogIsIntactThenPrintsItsStreamAndSummaryAndExits0() {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 6, true);

    Run run = Run.of("verify", log.toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("stream " + sink.stream() + ": records #1-#9 in 1 file, 6 events, 2 checkpoints:"
        + " intact, closed\n").endsWith("1 file, 1 stream, 9 records (6 events, 2 checkpoints): 0 breaks, 0 warnings:"
        + " intact\n");
  }

  @Test
  void verifyWhenALineWasEditedThenPrintsTheBreakWithItsPlaceAndExits1() throws IOException {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 6, true);
    Path file = sink.currentFile();
    List<String> lines = Files.readAllLines(file);
    lines.set(2, lines.get(2).replace("\"sanctuary.outcome\":\"allow\"", "\"sanctuary.outcome\":\"deny\""));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    Run run = Run.of("verify", file.toString(), "--public-key=" + publicKey);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("  BREAK   " + file + ":3: edited: the record's content does not match its hash\n")
        .endsWith(": 1 break, 0 warnings: NOT INTACT\n");
  }

  @Test
  void verifyWhenOnlyWarningsThenExits0AndWithStrictExits1() {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 5, false);

    Run lenient = Run.of("verify", log.toString(), "--public-key", publicKey.toString());
    Run strict = Run.of("verify", log.toString(), "--public-key", publicKey.toString(), "--strict");

    assertThat(lenient.status()).isZero();
    assertThat(lenient.out()).contains("  WARNING ").contains(": unsigned-tail: the stream ends at this checkpoint")
        .endsWith(": 0 breaks, 1 warning: intact\n");
    assertThat(strict.status()).isEqualTo(1);
    assertThat(strict.out()).isEqualTo(lenient.out());
    assertThat(strict.err()).isEqualTo("sanctuary-guard verify: --strict: warnings count as breaks\n");
    sink.close();
  }

  @Test
  void verifyWhenTheMirrorLacksACheckpointThenExits1() throws IOException {
    Path mirror = directory.resolve("mirror.jsonl");
    GuardLogs.write(log, KEYS.getPrivate(), 6, true);
    Files.writeString(mirror, "");

    Run run = Run.of("verify", log.toString(), "--public-key", publicKey.toString(), "--mirror", mirror.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains(": mirror-missing: the checkpoint mirror lacks this checkpoint");
  }

  @Test
  void verifyWhenASubdirectoryIsASymbolicLinkThenItsFilesAreVerified() throws IOException {
    GuardLogs.writeWithLinkedArchive(log, directory.resolve("old-logs"), KEYS.getPrivate());

    Run run = Run.of("verify", log.toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).endsWith("2 files, 2 streams, 11 records (6 events, 3 checkpoints): 0 breaks, 0 warnings:"
        + " intact\n");
  }

  @Test
  void verifyWhenAFileIsReachedThroughTwoLinksThenItIsReadOnce() throws IOException {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path archive = Files.createDirectory(directory.resolve("archive"));
    Files.createSymbolicLink(archive.resolve("a"), log.toAbsolutePath());
    Files.createSymbolicLink(archive.resolve("b.jsonl"), sink.currentFile().toAbsolutePath());

    Run run = Run.of("verify", archive.toString(), log.toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).doesNotContain("BREAK").endsWith(": 0 breaks, 0 warnings: intact\n").contains("1 file, 1 stream");
  }

  @Test
  void verifyWhenALinkLeadsBackToADirectoryAboveItThenTheLoopIsABreakAndTheRestIsRead() throws IOException {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path loop = Files.createSymbolicLink(log.resolve("loop"), Path.of("."));
    Path nowhere = Files.createSymbolicLink(log.resolve("gone.jsonl"), directory.resolve("gone.jsonl"));

    Run run = Run.of("verify", log.toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("  BREAK   " + loop + ": unreadable: cannot read it: it is a link back to a"
        + " directory above it (a loop); the files there are read once, through that directory: remove the link,"
        + " or name the directory it leads to\n")
        .contains("  BREAK   " + nowhere + ": unreadable: cannot read it: no such file\n")
        .contains("1 file, 1 stream, 7 records (4 events, 2 checkpoints): 2 breaks");
  }

  @Test
  void verifyWhenThePublicKeyFileIsMissingThenNamesItAndExits1() {
    GuardLogs.write(log, KEYS.getPrivate(), 2, true);

    Run run = Run.of("verify", log.toString(), "--public-key", "missing.pub");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("sanctuary-guard verify: cannot read the key file missing.pub: no such file\n");
  }

  @Test
  void verifyWhenThePrivateKeyIsGivenAsThePublicKeyThenSaysWhichToGiveAndExits1() {
    GuardLogs.write(log, KEYS.getPrivate(), 2, true);
    Path privateKey = directory.resolve("guard-log.key");

    Run run = Run.of("verify", log.toString(), "--public-key", privateKey.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("sanctuary-guard verify: " + privateKey + " does not hold an Ed25519 public key:"
        + " give the file that keygen wrote with --public-key, which begins '-----BEGIN PUBLIC KEY-----' (X.509 PEM),"
        + " or its DER bytes; this file holds the private key, which stays with the guard: give the public key"
        + " written with it\n").doesNotContain("Exception");
  }

  @Test
  void verifyWhenNoPublicKeyOrNoFileThenExits2WithUsage() {
    Run noKey = Run.of("verify", log.toString());
    Run noFile = Run.of("verify", "--public-key", publicKey.toString());
    Run strictWithValue = Run.of("verify", log.toString(), "--public-key", publicKey.toString(), "--strict=yes");

    assertThat(noKey.status()).isEqualTo(2);
    assertThat(noKey.err()).isEqualTo("sanctuary-guard verify: name the public key of the log's checkpoints with"
        + " --public-key\nusage: sanctuary-guard verify FILE|DIR... --public-key KEYFILE... [--mirror FILE]... [--strict]\n");
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err()).startsWith("sanctuary-guard verify: name at least one log file or directory\n");
    assertThat(strictWithValue.status()).isEqualTo(2);
    assertThat(strictWithValue.err()).startsWith("sanctuary-guard verify: option --strict takes no value\n");
  }

  @Test
  void verifyWhenAnOptionIsMisspeltThenNamesTheNearestAndExits2() {
    Run run = Run.of("verify", log.toString(), "--public-keys", publicKey.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard verify: unknown option '--public-keys'; did you mean '--public-key'?\n");
  }
}
