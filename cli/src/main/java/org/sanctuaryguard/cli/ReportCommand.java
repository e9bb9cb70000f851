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
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.audit.GuardLogReport;

/**
 * Reports on the decisions of a period in guard logs, in Markdown, CSV or HTML; lines that cannot
 * be read go to standard error, and make it fail once the report is printed. Paths that hold no
 * guard-log record make it fail with no report.
 */
final class ReportCommand implements Command {

  private static final String FROM = "--from";
  private static final String TO = "--to";
  private static final String FORMAT = "--format";
  private static final String ZONE = "--zone";

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String synopsis() {
    return "FILE|DIR... --from DATE --to DATE [--format markdown|csv|html] [--zone ZONE]";
  }

  @Override
  public String summary() {
    return "Reports on the decisions from one day to another (included, in ZONE, UTC by default): counts, the"
        + " § 10-178(d) table, releases on requests for immigration enforcement, escalations, obligations.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(FROM, TO, FORMAT, ZONE));
    List<Path> paths = arguments.files("log file or directory");
    LocalDate from = date(arguments, FROM);
    LocalDate to = date(arguments, TO);
    if (to.isBefore(from)) {
      throw new UsageException("the period must not end before it starts, but was " + from + " to " + to);
    }
    GuardLogReport.Format format = format(arguments.value(FORMAT).orElse(GuardLogReport.Format.MARKDOWN.id()));
    ZoneId zone = zone(arguments.value(ZONE).orElse("UTC"));
    GuardLogReport report = GuardLogReport.read(paths, from, to, zone, Instant.now());
    if (report.recordsRead() == 0) {
      // a report of zero requests from a mistyped path would read as an official one
      report.problems().forEach(err::println);
      err.println(Main.PROGRAM + " " + name() + ": nothing reported: no guard-log record was read in "
          + String.join(", ", arguments.operands()) + " (a log directory, or the .jsonl files of one?)");
      return FAILED;
    }
    out.print(report.render(format));
    report.problems().forEach(err::println);
    return report.problems().isEmpty() ? OK : FAILED;
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
