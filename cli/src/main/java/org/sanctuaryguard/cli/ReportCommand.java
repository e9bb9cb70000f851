package org.sanctuaryguard.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.audit.GuardLogReport;
import org.sanctuaryguard.audit.GuardLogVerifier;

/**
 * Reports on the decisions of a period in guard logs, in Markdown, CSV or HTML; lines that cannot
 * be read go to standard error, and make it fail once the report is printed. Paths that hold no
 * guard-log record make it fail with no report. With {@code --public-key}, it verifies the same
 * files first: the report says whether they are intact and marks {@code unsigned} the counts of
 * records that no signed checkpoint covers, the verifier's breaks and warnings go to standard error
 * too, and a break makes it fail.
 */
final class ReportCommand implements Command {

  private static final String FROM = "--from";
  private static final String TO = "--to";
  private static final String FORMAT = "--format";
  private static final String ZONE = "--zone";
  private static final String PUBLIC_KEY = VerifyCommand.PUBLIC_KEY;
  private static final String MIRROR = VerifyCommand.MIRROR;

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String synopsis() {
    return "FILE|DIR... --from DATE --to DATE [--format markdown|csv|html] [--zone ZONE] [--public-key KEYFILE..."
        + " [--mirror FILE]...]";
  }

  @Override
  public String summary() {
    return "Reports on the decisions from one day to another (included, in ZONE, UTC by default): counts, the"
        + " § 10-178(d) table, releases on requests for immigration enforcement, escalations, obligations; with"
        + " --public-key, verifies the files first and says whether they are intact.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(FROM, TO, FORMAT, ZONE, PUBLIC_KEY, MIRROR));
    List<Path> paths = arguments.files("log file or directory");
    LocalDate from = date(arguments, FROM);
    LocalDate to = date(arguments, TO);
    if (to.isBefore(from)) {
      throw new UsageException("the period must not end before it starts, but was " + from + " to " + to);
    }
    GuardLogReport.Format format = format(arguments.value(FORMAT).orElse(GuardLogReport.Format.MARKDOWN.id()));
    ZoneId zone = zone(arguments.value(ZONE).orElse("UTC"));
    GuardLogVerifier verifier = verifier(arguments);
    GuardLogReport report = verifier == null ? GuardLogReport.read(paths, from, to, zone, Instant.now())
        : GuardLogReport.read(paths, from, to, zone, Instant.now(), verifier);
    if (report.recordsRead() == 0) {
      // a report of zero requests from a mistyped path would read as an official one
      report.problems().forEach(err::println);
      err.println(Main.PROGRAM + " " + name() + ": nothing reported: no guard-log record was read in "
          + String.join(", ", arguments.operands()) + " (a log directory, or the .jsonl files of one?)");
      return FAILED;
    }
    out.print(report.render(format));
    report.problems().forEach(err::println);
    GuardLogVerifier.Result verification = report.verification().orElse(null);
    if (verification != null) {
      verification.findings().forEach(finding -> err.println((finding.isBreak() ? "BREAK " : "WARNING ") + finding));
      if (!verification.intact()) {
        err.println(Main.PROGRAM + " " + name() + ": the log is not intact: do not rely on this report's counts"
            + " from the streams named above");
      }
    }
    return report.problems().isEmpty() && (verification == null || verification.intact()) ? OK : FAILED;
  }

  /** The verifier of the public keys given, or null if none was given. */
  private static @Nullable GuardLogVerifier verifier(Arguments arguments) {
    if (!arguments.values(PUBLIC_KEY).isEmpty()) {
      return VerifyCommand.verifier(arguments);
    }
    if (!arguments.values(MIRROR).isEmpty()) {
      throw new UsageException("option " + MIRROR + " verifies the log, which needs its public key: add " + PUBLIC_KEY);
    }
    return null;
  }

  private static LocalDate date(Arguments arguments, String option) {
    String text = arguments.required(option);
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new UsageException("option " + option + " takes a date like 2026-03-31, but was '" + text + "'");
    }
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new UsageException("option " + option + " takes a date from 0001-01-01 to 9999-12-31, but was '" + text
          + "'");
    }
    return date;
  }

  private static GuardLogReport.Format format(String text) {
    try {
      return GuardLogReport.Format.of(text);
    } catch (UnknownIdentifierException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static ZoneId zone(String text) {
    try {
      return text.equalsIgnoreCase("UTC") ? ZoneOffset.UTC : ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new UsageException("option " + ZONE + " takes a time zone like America/New_York, but was '" + text + "'");
    }
  }
}
