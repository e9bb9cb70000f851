package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;

class ReportCommandTest {

  private static final KeyPair KEYS = SigningKeys.generate();
  private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

  @TempDir Path directory;

  private Path log;

  @BeforeEach
  void write() {
    log = directory.resolve("log");
  }

  @Test
  void reportWhenAPeriodIsGivenThenPrintsMarkdownByDefaultAndExits0() {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("# Guard log report, 2000-01-01 to 2999-12-31\n")
        .contains("| decisions in the period | 4 |")
        .contains("| ice-ero | ICE Enforcement and Removal Operations | shelter | 2 | 0 | 0 | 0 | 2 |");
  }

  @Test
  void reportWhenCsvOrHtmlThenThatFormatInTheZoneGiven() {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);

    Run csv = Run.of("report", log.toString(), "--from", TODAY, "--to", TODAY, "--format", "csv", "--zone", "UTC");
    Run html = Run.of("report", log.toString(), "--from=" + TODAY, "--to=" + TODAY, "--format=HTML",
        "--zone=Pacific/Kiritimati");

    assertThat(csv.status()).isZero();
    assertThat(csv.out()).startsWith("\"section\",\"item\",\"value\"\r\n")
        .contains("\"summary\",\"decisions in the period\",\"4\"\r\n");
    assertThat(html.status()).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("(Pacific/Kiritimati)");
  }

  @Test
  void reportWhenLinesCannotBeReadThenTheReportIsPrintedTheProblemsGoToStandardErrorAndExits1() throws IOException {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Files.writeString(sink.currentFile(), "not json\n", StandardOpenOption.APPEND);

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("| decisions in the period | 4 |").contains("| lines that could not be read | 1 |");
    assertThat(run.err()).startsWith(sink.currentFile() + ":8: unreadable: not JSON (").endsWith(")\n");
  }

  @Test
  void reportWhenASubdirectoryIsASymbolicLinkThenItsDecisionsAreCounted() throws IOException {
    GuardLogs.writeWithLinkedArchive(log, directory.resolve("old-logs"), KEYS.getPrivate());

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("| files read | 2 |").contains("| decisions in the period | 6 |")
        .as("a report read alone says that it did not verify the log")
        .contains("| integrity | not checked by this report: verify the same files with the guard's public key");
  }

  @Test
  void reportWhenAFileIsReachedThroughTwoLinksThenItIsReadOnceWithoutAProblem() throws IOException {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path archive = Files.createDirectory(directory.resolve("archive"));
    Files.createSymbolicLink(archive.resolve("a"), log.toAbsolutePath());
    Files.createSymbolicLink(archive.resolve("b"), log.toAbsolutePath());

    Run run = Run.of("report", archive.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("| files read | 1 |").contains("| decisions in the period | 4 |")
        .contains("| records read twice, counted once | 0 |");
  }

  @Test
  void reportWhenALinkLeadsBackToADirectoryAboveItThenTheLoopIsAProblemAndTheRestIsCounted() throws IOException {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path loop = Files.createSymbolicLink(log.resolve("loop"), Path.of("."));

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("| files read | 1 |").contains("| decisions in the period | 4 |");
    assertThat(run.err()).isEqualTo(loop + ": unreadable: cannot read it: it is a link back to a directory above it"
        + " (a loop); the files there are read once, through that directory: remove the link, or name the directory"
        + " it leads to\n");
  }

  @Test
  void reportWhenNoGuardLogIsFoundThenPrintsNoReportAndExits1() throws IOException {
    Path empty = Files.createDirectory(directory.resolve("empty"));
    Path missing = directory.resolve("mistyped");

    Run emptyRun = Run.of("report", empty.toString(), "--from", TODAY, "--to", TODAY);
    Run missingRun = Run.of("report", missing.toString(), "--from", TODAY, "--to", TODAY);

    assertThat(emptyRun.status()).isEqualTo(1);
    assertThat(emptyRun.out()).isEmpty();
    assertThat(emptyRun.err()).isEqualTo("sanctuary-guard report: nothing reported: no guard-log record was read in "
        + empty + " (a log directory, or the .jsonl files of one?)\n");
    assertThat(missingRun.status()).isEqualTo(1);
    assertThat(missingRun.out()).isEmpty();
    assertThat(missingRun.err()).isEqualTo(missing + ": unreadable: cannot read it: no such file\n"
        + "sanctuary-guard report: nothing reported: no guard-log record was read in " + missing
        + " (a log directory, or the .jsonl files of one?)\n");
  }

  @Test
  void reportWhenARecordIsReadTwiceThenTheProblemNamesTheEarlierCopyByItsPathAndExits1() throws IOException {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path copy = Files.createDirectory(log.resolve("backup")).resolve(sink.currentFile().getFileName());
    Files.copy(sink.currentFile(), copy);

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("| decisions in the period | 4 |").contains("| records read twice, counted once | 4 |");
    assertThat(run.err()).startsWith(sink.currentFile() + ":2: duplicated: event ")
        .contains(" was read before, at " + copy + ":2: it is counted once");
  }

  @Test
  void reportWhenAPublicKeyIsGivenThenTheSummarySaysTheLogIsIntactAndExits0() {
    GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path publicKey = directory.resolve("guard-log.pub");
    SigningKeys.write(KEYS, directory.resolve("guard-log.key"), publicKey);

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31", "--public-key",
        publicKey.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("| decisions in the period | 4 |")
        .contains("| integrity | verified intact (1 stream, 7 records, 2 checkpoints) |")
        .contains("## Verification");
  }

  @Test
  void reportWhenAPublicKeyIsGivenAndTheLogHasAnUnsignedTailThenTheCountsOfItAreMarkedUnsignedAndExits0() {
    Path publicKey = directory.resolve("guard-log.pub");
    SigningKeys.write(KEYS, directory.resolve("guard-log.key"), publicKey);
    Guard running = GuardLogs.writeWithUnsignedTail(log, KEYS.getPrivate());
    Run run;
    try {
      run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31", "--public-key",
          publicKey.toString());
    } finally {
      running.close();
    }
    Run unverified = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("| integrity | verified intact (1 stream, 5 records, 1 checkpoint), with 1 warning:"
            + " see Verification; the counts include 1 record that no signed checkpoint covers, marked unsigned |")
        .contains("| decisions in the period | 3 |\n| of which in monitor mode (everything released) | 0 |\n"
            + "| of which unsigned (no signed checkpoint covers them) | 1 |\n")
        .contains("| requesting agency | name | receiving agency (holder) | decisions | allow | allow-redacted |"
            + " escalate | deny | unsigned |\n")
        .contains("| ice-ero | ICE Enforcement and Removal Operations | shelter | 2 | 0 | 0 | 0 | 2 | 1 |\n")
        .contains("| city-agency | 1 | 1 | 0 | 0 | 0 | 0 |\n");
    assertThat(run.err()).startsWith("WARNING ").contains(": unsigned-tail: 1 record(s) after this checkpoint");
    assertThat(unverified.out()).contains("| ice-ero | ICE Enforcement and Removal Operations | shelter | 2 | 0 | 0 | 0"
        + " | 2 |\n").doesNotContain("unsigned |", "the counts include");
  }

  @Test
  void reportWhenTheLogIsSignedWithAnotherKeyThenTheReportSaysNotIntactTheBreakGoesToStandardErrorAndExits1()
      throws IOException {
    GuardLogSink sink = GuardLogs.write(log, KEYS.getPrivate(), 4, true);
    Path otherKey = directory.resolve("other.pub");
    SigningKeys.write(SigningKeys.generate(), directory.resolve("other.key"), otherKey);

    Run run = Run.of("report", log.toString(), "--from", "2000-01-01", "--to", "2999-12-31", "--public-key",
        otherKey.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("| decisions in the period | 4 |")
        .contains("| integrity | NOT INTACT (1 stream, 7 records, 2 checkpoints): 1 break and 0 warnings, see"
            + " Verification; do not rely on counts from the streams they name; the counts include 4 records that no"
            + " signed checkpoint covers, marked unsigned |")
        .contains("| " + sink.currentFile() + " | 6 | ");
    assertThat(run.err()).startsWith("BREAK ").contains(": unknown-key: ")
        .endsWith("sanctuary-guard report: the log is not intact: do not rely on this report's counts from the"
            + " streams named above\n");
  }

  @Test
  void reportWhenTheCommandLineIsWrongThenSaysWhatAndExits2() {
    Run noFrom = Run.of("report", "logs", "--to", "2026-03-31");
    Run badDate = Run.of("report", "logs", "--from", "2026-02-30", "--to", "2026-03-31");
    Run reversed = Run.of("report", "logs", "--from", "2026-03-31", "--to", "2026-01-01");
    Run badFormat = Run.of("report", "logs", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "htm");
    Run badZone = Run.of("report", "logs", "--from", "2026-01-01", "--to", "2026-03-31", "--zone", "New York");
    Run noFile = Run.of("report", "--from", "2026-01-01", "--to", "2026-03-31");
    Run farDate = Run.of("report", "logs", "--from", "2026-01-01", "--to", "+999999999-12-31");
    Run mirrorWithoutKey = Run.of("report", "logs", "--from", "2026-01-01", "--to", "2026-03-31", "--mirror",
        "checkpoints.jsonl");

    assertThat(noFrom.status()).isEqualTo(2);
    assertThat(noFrom.err()).startsWith("sanctuary-guard report: option --from is required\nusage: sanctuary-guard report"
        + " FILE|DIR... --from DATE --to DATE [--format markdown|csv|html] [--zone ZONE] [--public-key KEYFILE..."
        + " [--mirror FILE]...]\n");
    assertThat(badDate.err()).startsWith("sanctuary-guard report: option --from takes a date like 2026-03-31, but was"
        + " '2026-02-30'\n");
    assertThat(reversed.err()).startsWith("sanctuary-guard report: the period must not end before it starts, but was"
        + " 2026-03-31 to 2026-01-01\n");
    assertThat(badFormat.err()).startsWith("sanctuary-guard report: unknown format 'htm'; did you mean 'html'?\n");
    assertThat(badZone.err()).startsWith("sanctuary-guard report: option --zone takes a time zone like"
        + " America/New_York, but was 'New York'\n");
    assertThat(noFile.err()).startsWith("sanctuary-guard report: name at least one log file or directory\n");
    assertThat(farDate.err()).startsWith("sanctuary-guard report: option --to takes a date from 0001-01-01 to"
        + " 9999-12-31, but was '+999999999-12-31'\n");
    assertThat(mirrorWithoutKey.err()).startsWith("sanctuary-guard report: option --mirror verifies the log, which"
        + " needs its public key: add --public-key\n");
    assertThat(new Run[] {badDate, reversed, badFormat, badZone, noFile, farDate, mirrorWithoutKey}).allSatisfy(run -> {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
    });
  }
}
