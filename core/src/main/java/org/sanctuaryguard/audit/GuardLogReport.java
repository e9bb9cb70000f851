package org.sanctuaryguard.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.audit.ReportTables.Table;
import org.sanctuaryguard.internal.json.LogField;
import org.sanctuaryguard.internal.text.LogSafe;

/**
 * The periodic report a security reviewer owes on a guard log, for a period of days: how many
 * decisions by requesting agency, recipient class, outcome, basis type and holder; the quarterly
 * summary of N.Y.C. Admin. Code § 10-178(d) (requests for help with immigration enforcement, by
 * requesting and receiving agency, with their outcomes); every disclosure released on such a
 * request, with its basis and the facts the request gave as true; every escalation, with those
 * facts, and whether counsel resolved it; and every obligation of the period's decisions,
 * fulfilled, overdue or open.
 *
 * <pre>{@code
 * GuardLogVerifier verifier = GuardLogVerifier.create()
 *     .withPublicKeys(SigningKeys.readPublicKey(Path.of("guard-log.pub")));
 * GuardLogReport report = GuardLogReport.read(List.of(Path.of("/var/log/sanctuary-guard")),
 *     LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), ZoneId.of("America/New_York"), Instant.now(), verifier);
 * Files.writeString(Path.of("2026-q1.html"), report.render(GuardLogReport.Format.HTML));
 * }</pre>
 *
 * <p>A decision belongs to the period by its {@code @timestamp}, in the zone given; fulfilments are
 * read whenever they were recorded, so that an obligation of the period fulfilled later counts as
 * fulfilled. An escalation is resolved by the fulfilment of {@link ObligationKind#ESCALATE_TO_COUNSEL}
 * for its decision ({@link org.sanctuaryguard.Guard#fulfil}). Obligations that the log and this
 * report fulfil themselves ({@code log-request}, {@code report-periodic}) and the one the decision
 * applies ({@code strip-non-status-fields}) are not listed.
 *
 * <p>The report holds no protected value and no subject pseudonym: it never reads the subjects of
 * a decision, nor who acted. Every value taken from the log is escaped for the format. A report is
 * only as good as the log it counts: read with a {@link GuardLogVerifier}, it verifies the files
 * first, its summary says whether they are intact and a table lists what the verifier found, and
 * every count that rests on records no signed checkpoint covers (an {@linkplain Kind#UNSIGNED_TAIL
 * unsigned tail}, or what follows a break) says how many, in a column {@code unsigned}; read
 * without, its summary says that it did not check. Lines that cannot be read are {@linkplain
 * #problems() problems}, and the rest is still read. Since it does not match records to
 * signatures, no record silently takes another's place: a
 * copy of a record (the same event id and content) counts once; records of one event id that
 * differ are all counted, and are a {@link Kind#CONFLICT}; a decision is left out as replaced
 * ({@code sanctuary.supersedes}) only by the denial its guard writes when a sink fails ({@code
 * deny}, {@code sanctuary.failure} {@code audit}, in {@code enforce} mode) or when it withdraws a
 * decision whose payload could not be written ({@code deny}, {@code sanctuary.failure} {@code
 * release}, {@link org.sanctuaryguard.Guard#withdraw}), by the same guard, later in the same stream,
 * and any other claim to replace it is a conflict; such a denial after its
 * stream's last signed checkpoint, where nothing shows it was not appended, replaces a decision that
 * a signed checkpoint covers no more, and is an {@linkplain Kind#UNSIGNED_TAIL unsigned tail}.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class GuardLogReport {

  /** The formats a report renders to. */
  public enum Format {
    /** Markdown tables, for a repository or a ticket. */
    MARKDOWN,
    /** One CSV file (RFC 4180); each table starts with a header row whose first cell is {@code section}. */
    CSV,
    /** A self-contained HTML page. */
    HTML;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Returns the stable identifier, for example {@code "markdown"}. */
    public String id() {
      return id;
    }

    /**
     * Returns the format with the given identifier, ignoring case.
     *
     * @throws UnknownIdentifierException if no format has that identifier
     */
    public static Format of(String id) {
      Objects.requireNonNull(id, "id");
      for (Format format : values()) {
        if (format.id.equalsIgnoreCase(id.trim())) {
          return format;
        }
      }
      throw new UnknownIdentifierException("format", id, Arrays.stream(values()).map(Format::id).toList());
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** What the log itself, this report and the decision fulfil: never listed as due. */
  private static final Set<String> SELF_FULFILLED = Set.of(ObligationKind.LOG_REQUEST.id(),
      ObligationKind.REPORT_PERIODIC.id(), ObligationKind.STRIP_NON_STATUS_FIELDS.id());
  private static final Set<String> IMMIGRATION_CLASSES = Set.of(RecipientClass.IMMIGRATION_ENFORCEMENT.id(),
      RecipientClass.IMMIGRATION_ADJACENT.id());
  private static final Set<String> IMMIGRATION_PURPOSES = Set.of(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT.id(),
      Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT.id());
  /** The immigration authorities' own documents, which show what a request is for whoever brings them. */
  private static final Set<String> IMMIGRATION_DOCUMENTS = Set.of(BasisType.ADMINISTRATIVE_WARRANT.id(),
      BasisType.DETAINER.id(), BasisType.ADMINISTRATIVE_SUBPOENA.id());
  /**
   * Every time the report shows, in its zone with the offset from UTC (ISO 8601, to the second), in
   * every format: in the hour that repeats when clocks go back, the offset tells the two apart, and
   * a program parses the cell as it is.
   */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
  /** What {@link Decided#immigration()} holds, in the words of the tables that use it. */
  private static final String IMMIGRATION = "a recipient of class immigration-enforcement or immigration-adjacent,"
      + " a purpose of civil or criminal immigration enforcement, or an immigration authority's own document"
      + " (administrative-warrant, detainer, administrative-subpoena)";
  private static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::id).toList();
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHECKPOINT = "checkpoint".getBytes(StandardCharsets.US_ASCII);
  /** The column that counts or names, in a verified report, the records of a row that no signature covers. */
  private static final String UNSIGNED = "unsigned";
  /** What the column {@link #UNSIGNED} means, after what it holds. */
  private static final String UNSIGNED_MEANS = " no signed checkpoint covers (in an unsigned tail, or after a break;"
      + " see Verification): whoever can write the files could have added or changed such records, but a crash leaves"
      + " them too, so they are counted.";
  private static final String DECISION = "disclosure-decision";
  /** The {@code sanctuary.failure} of the denial by which a guard withdraws a decision ({@code Guard.withdraw}). */
  private static final String RELEASE_FAILED = "release";
  private static final String FULFILMENT = "obligation-fulfilled";

  private final LocalDate from;
  private final LocalDate to;
  private final ZoneId zone;
  private final Instant asOf;
  private final List<Finding> problems;
  private final List<Table> tables;
  private final long records;
  private final GuardLogVerifier.@Nullable Result verification;

  private GuardLogReport(LocalDate from, LocalDate to, ZoneId zone, Instant asOf, List<Finding> problems,
      List<Table> tables, long records, GuardLogVerifier.@Nullable Result verification) {
    this.records = records;
    this.verification = verification;
    this.from = from;
    this.to = to;
    this.zone = zone;
    this.asOf = asOf;
    this.problems = List.copyOf(problems);
    this.tables = List.copyOf(tables);
  }

  /**
   * Reads guard logs and reports on the decisions of a period.
   *
   * @param paths log files, and directories whose {@code .jsonl} files are read (and their
   *     subdirectories', symbolic links followed; a file reached twice is read once)
   * @param from the first day of the period
   * @param to the last day of the period, included
   * @param zone the zone in which the days begin and end, and times are shown (with their offset from
   *     UTC, for example {@code 2026-11-01T01:30:00-04:00})
   * @param asOf the time the report speaks for: obligations due before it and not fulfilled are overdue
   * @return the report
   * @throws IllegalArgumentException if the period ends before it starts
   */
  public static GuardLogReport read(List<Path> paths, LocalDate from, LocalDate to, ZoneId zone, Instant asOf) {
    return readFiles(paths, from, to, zone, asOf, null);
  }

  /**
   * Verifies guard logs, then reads them and reports on the decisions of a period. The report says
   * in its summary whether the log is intact, and lists every break and warning the verifier found
   * in a table of its own, so that a report passed on alone tells whether its counts come from a
   * log whose signatures hold. Records that no signed checkpoint covers, as the verifier found (a
   * stream's {@linkplain Kind#UNSIGNED_TAIL unsigned tail}, after its last signed checkpoint, or what
   * follows a break), are counted, since a crash leaves such a tail too, and marked: the summary says
   * how many of the decisions and fulfilments counted they are, and each table that counts one has a
   * column {@code unsigned} (how many of a row's decisions, or which of its records). A record is
   * covered where the verifier read it, by file and line, not by the number it claims. The same
   * files are verified, then read: records that a running guard appends in between were not
   * verified, and are marked like the rest of its stream's unsigned tail.
   *
   * @param paths log files, and directories whose {@code .jsonl} files are read (and their
   *     subdirectories', symbolic links followed; a file reached twice is read once)
   * @param from the first day of the period
   * @param to the last day of the period, included
   * @param zone the zone in which the days begin and end, and times are shown
   * @param asOf the time the report speaks for: obligations due before it and not fulfilled are overdue
   * @param verifier the verifier, with the public keys of the log's checkpoints and any checkpoint mirror
   * @return the report, whose {@link #verification()} is the verifier's result
   * @throws IllegalArgumentException if the period ends before it starts
   * @since 0.1.0
   */
  public static GuardLogReport read(List<Path> paths, LocalDate from, LocalDate to, ZoneId zone, Instant asOf,
      GuardLogVerifier verifier) {
    Objects.requireNonNull(verifier, "verifier");
    return readFiles(paths, from, to, zone, asOf, verifier);
  }

  /** Reads the files, having verified them first if a verifier is given. */
  private static GuardLogReport readFiles(List<Path> paths, LocalDate from, LocalDate to, ZoneId zone, Instant asOf,
      @Nullable GuardLogVerifier verifier) {
    Objects.requireNonNull(paths, "paths");
    paths.forEach(path -> Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(asOf, "asOf");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period must not end before it starts, but was " + from + " to " + to);
    }
    Verification.Outcome verified = verifier == null ? null : verifier.verifyWithCoverage(paths);
    GuardLogVerifier.Result verification = verified == null ? null : verified.result();
    Reading reading = new Reading(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(),
        verified == null ? null : verified.coverage());
    List<Path> files = LogFiles.expand(paths, List.of(), reading.problems::add);
    for (Path file : files) {
      try {
        reading.reader.read(file, line -> {
          reading.line(file, line);
          return true;
        });
        reading.files++;
      } catch (IOException | RuntimeException e) {
        reading.problems.add(LogFiles.unreadable(file, e));
      }
    }
    reading.settleClaims();
    return new GuardLogReport(from, to, zone, asOf, reading.problems,
        new Tables(reading, verification, zone, asOf).build(from, to), reading.records, verification);
  }

  /**
   * Returns the lines and files that could not be read, records read twice, and records that
   * contradict another, with their file and line; the rest was read.
   */
  public List<Finding> problems() {
    return problems;
  }

  /**
   * Returns how many guard-log records (events and checkpoints, of any day) were read. None means
   * that the paths hold no guard log, and a report of zero decisions would say nothing of the
   * period.
   *
   * @since 0.1.0
   */
  public long recordsRead() {
    return records;
  }

  /**
   * Returns the verifier's result, for a report {@linkplain #read(List, LocalDate, LocalDate, ZoneId,
   * Instant, GuardLogVerifier) read with a verifier}; empty for one that did not verify the log.
   * Its breaks and warnings are not among the {@linkplain #problems() problems}, which are the
   * report's own.
   *
   * @since 0.1.0
   */
  public Optional<GuardLogVerifier.Result> verification() {
    return Optional.ofNullable(verification);
  }

  /** Renders the report. */
  public String render(Format format) {
    Objects.requireNonNull(format, "format");
    String title = "Guard log report, " + from + " to " + to;
    return switch (format) {
      case MARKDOWN -> ReportTables.markdown(title, tables);
      case CSV -> ReportTables.csv(tables);
      case HTML -> ReportTables.html(title, tables);
    };
  }

  @Override
  public String toString() {
    return "GuardLogReport[" + from + " to " + to + " " + zone + ", as of " + asOf + ", " + records + " record(s), "
        + problems.size() + " problem(s)" + (verification == null ? ", not verified"
            : verification.intact() ? ", verified intact" : ", verified NOT INTACT") + "]";
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** Where a decision of the period was recorded: its guard, its stream and its number there, and the line. */
  private record Where(@Nullable String guard, String stream, long sequence, Place place) {}

  /** A file, as it was given or found under a directory given, and a line of it. */
  private record Place(Path file, long line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /**
   * A decision that says it replaces another ({@code sanctuary.supersedes}): the event ids, where it
   * was recorded, and whether it is a denial of the two kinds a guard writes: for a failure to
   * record ({@code deny}, {@code sanctuary.failure} {@code audit}, in {@code enforce} mode), or to
   * withdraw a decision whose payload could not be written ({@code deny}, {@code sanctuary.failure}
   * {@code release}, in either mode).
   */
  private record Claim(String event, String target, @Nullable String guard, String stream, long sequence,
      boolean guardsDenial, Path file, long line) {

    /** Whether the guard may have written this claim in place of the decision recorded there. */
    boolean replaces(Where decision) {
      return guardsDenial && Objects.equals(guard, decision.guard()) && stream.equals(decision.stream())
          && sequence > decision.sequence();
    }
  }

  /**
   * The first place an event id was read, and what its record said (the first 128 bits of {@link
   * LogLine#contentDigest}); other contents of the same id, if any. Whether a signed checkpoint
   * covers a copy of that content, wherever it was read, in a verified report.
   */
  private static final class Seen {
    final Place place;
    final long high;
    final long low;
    @Nullable List<Seen> others;
    boolean signed;

    Seen(Place place, byte[] digest) {
      this.place = place;
      this.high = ByteBuffer.wrap(digest).getLong(0);
      this.low = ByteBuffer.wrap(digest).getLong(8);
    }

    /** Returns the record with the same content read before; null if none was. */
    @Nullable Seen sameAs(Seen copy) {
      if (copy.high == high && copy.low == low) {
        return this;
      }
      for (Seen other : others == null ? List.<Seen>of() : others) {
        if (copy.high == other.high && copy.low == other.low) {
          return other;
        }
      }
      return null;
    }
  }

  /** A decision of the period, as the report keeps it, with its record. */
  private record Decided(Instant at, String event, String outcome, String mode, String recipient, String recipientName,
      String recipientClass, String holder, String purpose, String basisType, @Nullable String form,
      @Nullable String docket, @Nullable String issuer, @Nullable Boolean verified, List<String> released,
      List<String> escalated, List<String> facts, List<Duty> obligations, Seen seen) {

    /** Whether the request was for immigration enforcement, by its recipient's class, its purpose or its document. */
    boolean immigration() {
      return IMMIGRATION_CLASSES.contains(recipientClass) || IMMIGRATION_PURPOSES.contains(purpose)
          || IMMIGRATION_DOCUMENTS.contains(basisType);
    }

    /**
     * Whether protected data left: a release, or anything at all in monitor mode, unless the guard
     * withdrew it (a withdrawal releases nothing, in either mode).
     */
    boolean disclosed() {
      return "monitor".equals(mode) && !released.isEmpty() || "allow".equals(outcome)
          || "allow-redacted".equals(outcome);
    }
  }

  /** An obligation of a decision that someone must fulfil, with its deadline if it has one. */
  private record Duty(String kind, @Nullable Instant due) {}

  /** The fulfilment of an obligation that the report shows (the earliest), with its record. */
  private record Fulfilled(Instant at, Seen seen) {}

  /** The state of one reading of the files. */
  private static final class Reading {
    final Instant start;
    final Instant end;
    final List<Finding> problems = new ArrayList<>();
    final List<Decided> decisions = new ArrayList<>();
    /** Every fulfilment read, once each. */
    final List<Seen> fulfilments = new ArrayList<>();
    /** The earliest fulfilment of each obligation: decision event id, then obligation id. */
    final Map<String, Map<String, Fulfilled>> fulfilled = new HashMap<>();
    /** The decisions that a later decision of the same request replaces ({@code sanctuary.supersedes}). */
    final Set<String> superseded = new HashSet<>();
    /** Every record that says it replaces a decision, every copy of it, in the order read. */
    final List<Claim> claims = new ArrayList<>();
    /** The sequence number of each stream's last checkpoint that carries a signature, by stream id. */
    final Map<String, Long> signedTo = new HashMap<>();
    /** Where each decision of the period was recorded, every copy of it, by event id. */
    final Map<String, List<Where>> decidedAt = new HashMap<>();
    /**
     * Where each decision and fulfilment was read, and what it said, by event id: a record read twice
     * counts once, and records of one id that differ are each counted, as a conflict.
     */
    final Map<String, Seen> readAt = new HashMap<>();
    final MessageDigest sha256 = LogLine.sha256();
    final LogFiles reader = new LogFiles();
    final LogLine line = new LogLine();
    /** The records that the verifier's signed checkpoints cover; null if the report does not verify. */
    final Verification.@Nullable Coverage coverage;
    int files;
    long records;

    Reading(Instant start, Instant end, Verification.@Nullable Coverage coverage) {
      this.start = start;
      this.end = end;
      this.coverage = coverage;
    }

    void line(Path file, LogFiles.Line read) {
      if (read.tooLong) {
        problems.add(new Finding(Kind.UNREADABLE, null, file, read.number, "longer than " + LogLine.MAX_LENGTH + " bytes"));
        return;
      }
      if (read.blank()) {
        return;
      }
      boolean parsed = line.read(read.bytes, read.offset, read.length);
      if (!read.terminated) {
        // a crash cuts a line anywhere, even just before its line feed: whatever the rest holds, no chain vouches for
        // it, and the verifier passes over a torn line that a later stream recovered from without reading it
        problems.add(new Finding(Kind.TORN_LINE, null, file, read.number, "the last line of the file is cut off,"
            + " without its line feed: what it holds is not counted" + (parsed ? "" : " (" + line.problem() + ")")));
        return;
      }
      if (!parsed) {
        problems.add(new Finding(Kind.UNREADABLE, null, file, read.number, Objects.requireNonNull(line.problem())));
        return;
      }
      records++;
      if (!line.stringEquals(LogField.KIND, EVENT, EVENT.length)) {
        String stream = line.string(LogField.STREAM);
        // a signature counts on a checkpoint only, whose signature the verifier checks; on another record it is forged
        if (stream != null && line.has(LogField.SIGNATURE)
            && line.stringEquals(LogField.ACTION, CHECKPOINT, CHECKPOINT.length)) {
          signedTo.merge(stream, line.number(LogField.SEQUENCE), Math::max);
        }
        return;
      }
      String action = line.string(LogField.ACTION);
      String id = line.string(LogField.EVENT_ID);
      Place place = new Place(file, read.number);
      boolean copy = false;
      Seen seen = new Seen(place, line.contentDigest(sha256));
      if (id != null) {
        Seen first = readAt.putIfAbsent(id, seen);
        Seen same = first == null ? null : first.sameAs(seen);
        if (same != null) {
          // the same event: a file given twice or copied, or the guard recorded it in two sinks
          problems.add(new Finding(Kind.DUPLICATED, line.string(LogField.STREAM), file, read.number, "event "
              + LogSafe.clean(id) + " was read before, at " + LogSafe.clean(same.place.toString()) + ": it is counted"
              + " once (is a file given twice, or copied into another directory given, or a guard's other sink's?)"));
          copy = true;
          seen = same;
        } else if (first != null) {
          problems.add(new Finding(Kind.CONFLICT, line.string(LogField.STREAM), file, read.number, "event "
              + LogSafe.clean(id) + " was read before, at " + LogSafe.clean(first.place.toString()) + ", where its"
              + " record says something else: one of them was forged or changed. Both are counted, so that neither"
              + " hides the other; verify the log to tell which one a signature covers"));
          if (first.others == null) {
            first.others = new ArrayList<>();
          }
          first.others.add(seen);
        }
      }
      String stream = line.string(LogField.STREAM);
      if (coverage != null && coverage.covers(Objects.requireNonNull(stream), file, read.number)) {
        seen.signed = true; // a copy that a signature covers vouches for the content, counted where first read
      }
      try {
        if (DECISION.equals(action)) {
          decision(file, read.number, place, copy, seen);
        } else if (FULFILMENT.equals(action) && !copy) {
          fulfilment(seen);
        }
      } catch (MissingField e) {
        problems.add(new Finding(Kind.UNREADABLE, line.string(LogField.STREAM), file, read.number, e.getMessage()));
      } catch (DateTimeException e) {
        problems.add(new Finding(Kind.UNREADABLE, line.string(LogField.STREAM), file, read.number,
            "not a guard-log " + (DECISION.equals(action) ? "decision" : "fulfilment") + ": a time in it is not an"
                + " ISO-8601 instant"));
      }
    }

    /**
     * Reads a decision: its claim to replace another, whenever it was made, and the decision itself if
     * it was made in the period; only where it was recorded, if it is a copy of one read before.
     */
    private void decision(Path file, long number, Place place, boolean copy, Seen seen) {
      Instant at = Instant.parse(required(LogField.TIMESTAMP));
      String stream = Objects.requireNonNull(line.string(LogField.STREAM));
      long sequence = line.number(LogField.SEQUENCE);
      String guard = line.string(LogField.GUARD);
      String supersedes = line.string(LogField.SUPERSEDES);
      String failure = line.string(LogField.FAILURE);
      boolean withdrawal = "deny".equals(line.string(LogField.OUTCOME)) && RELEASE_FAILED.equals(failure);
      if (supersedes != null) {
        claims.add(new Claim(required(LogField.EVENT_ID), supersedes, guard, stream, sequence, withdrawal
            || "deny".equals(line.string(LogField.OUTCOME)) && "audit".equals(failure)
                && "enforce".equals(line.string(LogField.MODE)), file, number));
      }
      if (at.isBefore(start) || !at.isBefore(end)) {
        return;
      }
      if (copy) {
        decidedAt.computeIfAbsent(required(LogField.EVENT_ID), k -> new ArrayList<>())
            .add(new Where(guard, stream, sequence, place));
        return;
      }
      String[] values = new String[7];
      LogField[] fields = {LogField.EVENT_ID, LogField.OUTCOME, LogField.MODE, LogField.RECIPIENT,
          LogField.RECIPIENT_CLASS, LogField.HOLDER, LogField.PURPOSE};
      for (int i = 0; i < fields.length; i++) {
        values[i] = required(fields[i]);
      }
      List<Duty> duties = new ArrayList<>();
      for (String obligation : line.strings(LogField.OBLIGATIONS)) {
        int due = obligation.indexOf('@');
        String kind = due < 0 ? obligation : obligation.substring(0, due);
        if (!SELF_FULFILLED.contains(kind)) {
          duties.add(new Duty(kind, due < 0 ? null : Instant.parse(obligation.substring(due + 1))));
        }
      }
      String basisType = line.string(LogField.BASIS_TYPE);
      String name = line.string(LogField.RECIPIENT_NAME);
      List<String> released = line.strings(LogField.RELEASED);
      if ("monitor".equals(values[2]) && !withdrawal) {
        // monitor mode releases everything requested, whatever the decision would have withheld
        Set<String> all = new TreeSet<>(released);
        all.addAll(line.strings(LogField.WITHHELD));
        all.addAll(line.strings(LogField.ESCALATED));
        released = List.copyOf(all);
      }
      decisions.add(new Decided(at, values[0], values[1], values[2], values[3], name == null ? "" : name, values[4],
          values[5], values[6], basisType == null ? "none" : basisType, line.string(LogField.BASIS_FORM),
          line.string(LogField.BASIS_DOCKET), line.string(LogField.BASIS_ISSUER), line.bool(LogField.BASIS_VERIFIED),
          released, line.strings(LogField.ESCALATED), line.strings(LogField.FACTS), duties, seen));
      decidedAt.computeIfAbsent(values[0], k -> new ArrayList<>()).add(new Where(guard, stream, sequence, place));
    }

    /**
     * Settles which decisions of the period a denial replaced: a guard that recorded a decision in
     * some sinks and then failed to record it in another records, in those sinks, a denial naming it
     * ({@code sanctuary.supersedes}), with {@code sanctuary.failure} {@code audit}, in {@code enforce}
     * mode; one that withdraws a decision whose payload could not be written records such a denial
     * with {@code sanctuary.failure} {@code release}. Either is by the same guard, later in the same
     * stream, and covered by a signed checkpoint of that stream unless the decision it replaces is not
     * covered either. A claim that is not such a denial replaces nothing, and is a conflict; one that
     * is, but lies after its stream's last signed checkpoint while the decision it replaces lies
     * before it, replaces nothing either, since anyone who can write the file could have appended it
     * to hide a signed release, and is an unsigned tail: either way the decision it names is counted.
     * (Where neither is signed, as in a stream that signs nothing, whoever could append the denial
     * could as well have removed the decision, so refusing the denial would protect nothing.) Every
     * copy of a claim is tried, so that a decision recorded in two sinks and read from both is
     * replaced once.
     */
    void settleClaims() {
      Map<String, List<Claim>> byEvent = new LinkedHashMap<>();
      for (Claim claim : claims) {
        byEvent.computeIfAbsent(claim.event() + "\u0000" + claim.target(), k -> new ArrayList<>()).add(claim);
      }
      for (List<Claim> copies : byEvent.values()) {
        Claim claim = copies.get(0);
        List<Where> targets = decidedAt.get(claim.target());
        if (targets == null) {
          continue; // a decision outside the period, or not among the files: not counted anyway
        }
        List<Claim> replacing = copies.stream().filter(c -> targets.stream().anyMatch(c::replaces)).toList();
        // an unsigned denial replaces a decision only if no copy of it is signed, in whatever stream: a copy of a
        // signed release in a stream no key signs, then a denial after it, must not hide the signed one
        if (replacing.stream().anyMatch(c -> signed(c.stream(), c.sequence(), c.file(), c.line()))
            || !replacing.isEmpty() && targets.stream()
                .noneMatch(t -> signed(t.stream(), t.sequence(), t.place().file(), t.place().line()))) {
          superseded.add(claim.target());
          continue;
        }
        Where target = targets.get(0);
        if (!replacing.isEmpty()) {
          Claim unsigned = replacing.get(0);
          problems.add(new Finding(Kind.UNSIGNED_TAIL, unsigned.stream(), unsigned.file(), unsigned.line(), "event "
              + LogSafe.clean(unsigned.event()) + " is the denial a guard records in place of a decision it could not"
              + " record in every sink or withdrew, and says it replaces event " + LogSafe.clean(unsigned.target())
              + " (at " + LogSafe.clean(target.place().toString()) + "), but no signed checkpoint of its stream"
              + " follows it, while one covers that decision, so it could have been appended: the decision is counted"));
          continue;
        }
        problems.add(new Finding(Kind.CONFLICT, claim.stream(), claim.file(), claim.line(), "event "
            + LogSafe.clean(claim.event()) + " says it replaces event " + LogSafe.clean(claim.target()) + " (at "
            + LogSafe.clean(target.place().toString()) + "), but it is not the denial a guard records in place of a"
            + " decision it could not record in every sink or withdrew (outcome deny, sanctuary.failure audit in mode"
            + " enforce or release, by the same guard, later in the same stream): the decision is counted"));
      }
    }

    /**
     * Whether a signed checkpoint of the stream covers its record of that number, read at that file
     * and line: as the verifier proved it, when the report verifies (a checkpoint whose signature
     * does not verify covers nothing), else any later checkpoint that carries a signature.
     */
    private boolean signed(String stream, long sequence, Path file, long line) {
      return coverage != null ? coverage.covers(stream, file, line) : sequence <= signedTo.getOrDefault(stream, 0L);
    }

    private void fulfilment(Seen seen) {
      String decision = required(LogField.FULFILS);
      String obligation = required(LogField.OBLIGATION);
      Instant at = Instant.parse(required(LogField.FULFILLED_AT));
      fulfilments.add(seen);
      fulfilled.computeIfAbsent(decision, k -> new HashMap<>()).merge(obligation, new Fulfilled(at, seen),
          (a, b) -> a.at().isBefore(b.at()) ? a : b);
    }

    private String required(LogField field) {
      String value = line.string(field);
      if (value == null) {
        throw new MissingField("not a guard-log " + (field == LogField.FULFILS || field == LogField.OBLIGATION
            || field == LogField.FULFILLED_AT ? "fulfilment" : "decision") + ": " + field.key()
            + (line.has(field) ? " is not a string" : " is missing"));
      }
      return value;
    }
  }

  /** A record that lacks a field the report needs: a problem, and the record is left out. */
  private static final class MissingField extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingField(String message) {
      super(message, null, false, false);
    }
  }

  // ---- the tables -----------------------------------------------------------------------------

  /** Turns what was read into the report's tables. */
  private static final class Tables {
    private final Reading reading;
    private final GuardLogVerifier.@Nullable Result verification;
    private final ZoneId zone;
    private final Instant asOf;
    private final DateTimeFormatter time;

    Tables(Reading reading, GuardLogVerifier.@Nullable Result verification, ZoneId zone, Instant asOf) {
      this.reading = reading;
      this.verification = verification;
      this.zone = zone;
      this.asOf = asOf;
      this.time = TIME.withZone(zone);
    }

    List<Table> build(LocalDate from, LocalDate to) {
      List<Decided> decisions = new ArrayList<>(reading.decisions);
      int read = decisions.size();
      decisions.removeIf(d -> reading.superseded.contains(d.event())); // a denial replaced it: it was not made
      decisions.sort(java.util.Comparator.comparing(Decided::at).thenComparing(Decided::event));
      List<Table> tables = new ArrayList<>();
      // a withdrawal in monitor mode released nothing
      long monitor = decisions.stream().filter(d -> "monitor".equals(d.mode()) && d.disclosed()).count();
      long unsignedDecisions = decisions.stream().filter(d -> unsigned(d.seen())).count();
      long unsignedFulfilments = reading.fulfilments.stream().filter(this::unsigned).count();
      String integrity = integrity() + (unsignedDecisions + unsignedFulfilments == 0 ? "" : "; the counts include "
          + GuardLogVerifier.plural(unsignedDecisions + unsignedFulfilments, "record") + " that no signed checkpoint"
          + " covers, marked " + UNSIGNED);
      List<List<String>> summary = new ArrayList<>(List.of(
          List.of("period", from + " to " + to + " (" + zone + ")"),
          List.of("as of", time.format(asOf)),
          List.of("files read", Integer.toString(reading.files)),
          List.of("integrity", integrity),
          List.of("decisions in the period", Integer.toString(decisions.size())),
          List.of("of which in monitor mode (everything released)", Long.toString(monitor))));
      String ofWhichUnsigned = "of which " + UNSIGNED + " (no signed checkpoint covers them)";
      if (reading.coverage != null) {
        summary.add(List.of(ofWhichUnsigned, Long.toString(unsignedDecisions)));
      }
      summary.add(List.of("decisions replaced by the guard's denial (sanctuary.supersedes), left out",
          Integer.toString(read - decisions.size())));
      summary.add(List.of("fulfilments read", Integer.toString(reading.fulfilments.size())));
      if (reading.coverage != null) {
        summary.add(List.of(ofWhichUnsigned, Long.toString(unsignedFulfilments)));
      }
      summary.addAll(List.of(
          List.of("lines that could not be read", Long.toString(count(Kind.UNREADABLE) + count(Kind.TORN_LINE))),
          List.of("records read twice, counted once", Long.toString(count(Kind.DUPLICATED))),
          List.of("conflicts (records that contradict another), all counted", Long.toString(count(Kind.CONFLICT)))));
      tables.add(new Table("summary", "Summary", "", List.of("item", "value"), summary));
      tables.add(counts("section-10-178d", "N.Y.C. Admin. Code § 10-178(d): requests for help with immigration"
              + " enforcement", "Every request with " + IMMIGRATION + ", counted by requesting agency and by the agency"
              + " that holds the data, with the response. Anonymized: no subject, no person, no document.",
          List.of("requesting agency", "name", "receiving agency (holder)"),
          decisions.stream().filter(Decided::immigration).toList(),
          d -> List.of(d.recipient(), d.recipientName(), d.holder())));
      tables.add(counts("by-requesting-agency", "Decisions by requesting agency", "",
          List.of("recipient", "name", "class"), decisions,
          d -> List.of(d.recipient(), d.recipientName(), d.recipientClass())));
      tables.add(counts("by-recipient-class", "Decisions by recipient class", "", List.of("recipient class"), decisions,
          d -> List.of(d.recipientClass())));
      tables.add(counts("by-outcome", "Decisions by outcome", "", List.of("outcome"), decisions,
          d -> List.of(d.outcome())));
      tables.add(counts("by-basis-type", "Decisions by basis type", "", List.of("basis type"), decisions,
          d -> List.of(d.basisType())));
      tables.add(counts("by-holder", "Decisions by holder", "", List.of("holder"), decisions,
          d -> List.of(d.holder())));
      tables.add(released(decisions));
      tables.add(escalations(decisions));
      tables.add(obligations(decisions));
      tables.add(new Table("problems", "Problems", "A line that could not be read (unreadable, torn-line) is left out"
          + " of the counts above. A record read twice (duplicated) is counted once. Records of one event id that say"
          + " different things, and a denial that claims to replace a decision it cannot have replaced (conflict),"
          + " are all counted, so that no record hides another: the log was changed, and verifying it tells which"
          + " records a signature covers. So is a decision that a signed checkpoint covers and that a denial after"
          + " the stream's last signed checkpoint claims to replace (unsigned-tail).",
          List.of("file", "line", "kind", "what is wrong"), reading.problems.stream()
              .map(p -> List.of(String.valueOf(p.file()), lineOf(p), p.kind().id(), p.message())).toList()));
      if (verification != null) {
        tables.add(new Table("verification", "Verification", "What the verifier found in the same files with the"
            + " public keys given: each record's hash, its link to the one before, its number, each checkpoint's"
            + " signature, and the checkpoint mirror if one was given. A break means that a stream was changed at"
            + " that place, or cannot be shown not to have been: the records after it, and the counts above that"
            + " hold them, cannot be trusted. A warning (an unsigned tail, a stream not all given) is a gap no"
            + " signature covers. The records that no signed checkpoint covers, in an unsigned tail or after a break,"
            + " are counted above and marked in a column " + UNSIGNED + ".",
            List.of("file", "line", "stream", "kind", "break or warning", "what was seen"),
            verification.findings().stream().map(f -> List.of(String.valueOf(f.file()), lineOf(f),
                f.stream() == null ? "" : f.stream(), f.kind().id(), f.isBreak() ? "break" : "warning", f.message()))
                .toList()));
      }
      return tables;
    }

    /** A finding's line, or nothing for a finding about a whole file. */
    private static String lineOf(Finding finding) {
      return finding.line() == 0 ? "" : Long.toString(finding.line());
    }

    /** The summary's word on the log's integrity: not checked, or what the verifier found. */
    private String integrity() {
      if (verification == null) {
        return "not checked by this report: verify the same files with the guard's public key"
            + " (sanctuary-guard verify --public-key) before relying on it";
      }
      long breaks = verification.breaks().size();
      long warnings = verification.findings().size() - breaks;
      String found = GuardLogVerifier.plural(verification.streams().size(), "stream") + ", "
          + GuardLogVerifier.plural(verification.records(), "record") + ", "
          + GuardLogVerifier.plural(verification.checkpoints(), "checkpoint");
      if (verification.intact()) {
        return "verified intact (" + found + ")"
            + (warnings == 0 ? "" : ", with " + GuardLogVerifier.plural(warnings, "warning") + ": see Verification");
      }
      return verification.records() == 0 ? "NOT VERIFIED: the verifier read no guard-log record"
          : "NOT INTACT (" + found + "): " + GuardLogVerifier.plural(breaks, "break") + " and "
              + GuardLogVerifier.plural(warnings, "warning") + ", see Verification; do not rely on counts from the"
              + " streams they name";
    }

    private long count(Kind kind) {
      return reading.problems.stream().filter(problem -> problem.kind() == kind).count();
    }

    /**
     * Counts decisions by a key of one or more columns, with a column per outcome, and one of how
     * many are {@link #UNSIGNED} if any is.
     */
    private Table counts(String id, String title, String note, List<String> keyColumns, List<Decided> decisions,
        java.util.function.Function<Decided, List<String>> key) {
      Map<List<String>, long[]> counts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
      for (Decided decision : decisions) {
        long[] row = counts.computeIfAbsent(key.apply(decision), k -> new long[2 + OUTCOMES.size()]);
        row[0]++;
        int outcome = OUTCOMES.indexOf(decision.outcome());
        if (outcome >= 0) {
          row[1 + outcome]++;
        }
        if (unsigned(decision.seen())) {
          row[row.length - 1]++;
        }
      }
      List<String> columns = new ArrayList<>(keyColumns);
      columns.add("decisions");
      columns.addAll(OUTCOMES);
      columns.add(UNSIGNED);
      List<List<String>> rows = new ArrayList<>();
      counts.forEach((keys, row) -> {
        List<String> cells = new ArrayList<>(keys);
        Arrays.stream(row).forEach(count -> cells.add(Long.toString(count)));
        rows.add(cells);
      });
      return marked(new Table(id, title, note, columns, rows), "how many of the decisions");
    }

    /** Whether the report was verified and no signed checkpoint covers the record, nor any copy of it. */
    private boolean unsigned(Seen record) {
      return reading.coverage != null && !record.signed;
    }

    /** Names the records of a row that no signed checkpoint covers: its decision, the fulfilment shown, or both. */
    private String unsigned(Decided decision, @Nullable Fulfilled fulfilment) {
      List<String> names = new ArrayList<>(2);
      if (unsigned(decision.seen())) {
        names.add("decision");
      }
      if (fulfilment != null && unsigned(fulfilment.seen())) {
        names.add("fulfilment");
      }
      return String.join(", ", names);
    }

    /**
     * Returns the table whose last column is {@link #UNSIGNED}, with a word on it in its note, if a
     * row marks a record there (a count above 0, or a name); without that column if none does, so
     * that a report of signed records, or one that did not verify, reads as before.
     */
    private static Table marked(Table table, String holds) {
      int last = table.columns().size() - 1;
      if (table.rows().stream().map(row -> row.get(last)).anyMatch(cell -> !cell.isEmpty() && !"0".equals(cell))) {
        return new Table(table.id(), table.title(), (table.note().isEmpty() ? "" : table.note() + " ") + "Column "
            + UNSIGNED + ": " + holds + UNSIGNED_MEANS, table.columns(), table.rows());
      }
      return new Table(table.id(), table.title(), table.note(), table.columns().subList(0, last),
          table.rows().stream().map(row -> row.subList(0, last)).toList());
    }

    private Table released(List<Decided> decisions) {
      List<List<String>> rows = new ArrayList<>();
      for (Decided d : decisions) {
        if (d.disclosed() && d.immigration()) {
          rows.add(List.of(time.format(d.at()), d.event(), d.recipient(), d.recipientClass(), d.holder(), d.purpose(),
              d.outcome(), d.mode(), String.join(", ", d.released()), d.basisType(), orEmpty(d.form()),
              orEmpty(d.docket()), orEmpty(d.issuer()), d.verified() == null ? "" : d.verified() ? "yes" : "no",
              String.join(", ", d.facts()), unsigned(d, null)));
        }
      }
      return marked(new Table("released-to-immigration", "Disclosures released on requests for immigration enforcement",
          "Every decision that released data (allow, allow-redacted, or any decision in monitor mode) on a request"
              + " with " + IMMIGRATION + ", as the § 10-178(d) table counts them, with the basis as recorded and the"
              + " facts the request gave as true, on the word of the application that asked. In monitor mode what was"
              + " released is everything requested, whatever the decision would have withheld.",
          List.of("time", "event", "recipient", "class", "holder", "purpose", "outcome", "mode", "released",
              "basis type", "form", "docket", "issuer", "authenticity verified", "facts", UNSIGNED), rows),
          "which of the row's records (its decision)");
    }

    private Table escalations(List<Decided> decisions) {
      List<List<String>> rows = new ArrayList<>();
      for (Decided d : decisions) {
        if ("escalate".equals(d.outcome())) {
          Fulfilled resolved = fulfilment(d.event(), ObligationKind.ESCALATE_TO_COUNSEL.id());
          rows.add(List.of(time.format(d.at()), d.event(), d.recipient(), d.holder(), String.join(", ", d.escalated()),
              String.join(", ", d.facts()), resolved == null ? "open" : "resolved " + time.format(resolved.at()),
              unsigned(d, resolved)));
        }
      }
      return marked(new Table("escalations", "Escalations", "Every decision that awaited counsel, with the facts its"
          + " request gave as true. It is resolved when a fulfilment of escalate-to-counsel for its event is recorded.",
          List.of("time", "event", "recipient", "holder", "escalated", "facts", "resolution", UNSIGNED), rows),
          "which of the row's records (the decision, the fulfilment that resolved it)");
    }

    private Table obligations(List<Decided> decisions) {
      List<List<String>> rows = new ArrayList<>();
      for (Decided d : decisions) {
        for (Duty duty : d.obligations()) {
          Instant due = duty.due();
          Fulfilled done = fulfilment(d.event(), duty.kind());
          rows.add(List.of(d.event(), time.format(d.at()), duty.kind(), due == null ? "" : time.format(due),
              status(due, done == null ? null : done.at()), done == null ? "" : time.format(done.at()),
              unsigned(d, done)));
        }
      }
      return marked(new Table("obligations", "Obligations", "Every obligation of the period's decisions but"
          + " log-request, report-periodic and strip-non-status-fields, as of the report's time: fulfilled, fulfilled"
          + " late, overdue (due and not fulfilled) or open.",
          List.of("event", "decided", "obligation", "due", "status", "fulfilled", UNSIGNED), rows),
          "which of the row's records (the decision, the earliest fulfilment)");
    }

    private String status(@Nullable Instant due, @Nullable Instant done) {
      if (done != null) {
        return due != null && done.isAfter(due) ? "fulfilled late" : "fulfilled";
      }
      return due != null && due.isBefore(asOf) ? "overdue" : "open";
    }

    private @Nullable Fulfilled fulfilment(String event, String obligation) {
      Map<String, Fulfilled> done = reading.fulfilled.get(event);
      return done == null ? null : done.get(obligation);
    }

    private static String orEmpty(@Nullable String value) {
      return value == null ? "" : value;
    }
  }
}
