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
  void reportWhenTheCommandLineIsWrongThenSaysWhatAndExits2() {
    Run noFrom = Run.of("report", "logs", "--to", "2026-03-31");
    Run badDate = Run.of("report", "logs", "--from", "2026-02-30", "--to", "2026-03-31");
    Run reversed = Run.of("report", "logs", "--from", "2026-03-31", "--to", "2026-01-01");
    Run badFormat = Run.of("report", "logs", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "htm");
    Run badZone = Run.of("report", "logs", "--from", "2026-01-01", "--to", "2026-03-31", "--zone", "New York");
    Run noFile = Run.of("report", "--from", "2026-01-01", "--to", "2026-03-31");
    Run farDate = Run.of("report", "logs", "--from", "2026-01-01", "--to", "+999999999-12-31");

    assertThat(noFrom.status()).isEqualTo(2);
    assertThat(noFrom.err()).startsWith("sanctuary-guard report: option --from is required\nusage: sanctuary-guard report"
        + " FILE|DIR... --from DATE --to DATE [--format markdown|csv|html] [--zone ZONE]\n");
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
    assertThat(new Run[] {badDate, reversed, badFormat, badZone, noFile, farDate}).allSatisfy(run -> {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
    });
  }
}
