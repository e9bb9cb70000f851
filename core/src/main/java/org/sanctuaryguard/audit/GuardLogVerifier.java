package org.sanctuaryguard.audit;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.internal.text.LogSafe;

/**
 * Checks guard logs as a security reviewer needs: that every record is the one its writer wrote,
 * in the order written, none missing, none added, and that the signed checkpoints commit to them.
 *
 * <pre>{@code
 * GuardLogVerifier.Result result = GuardLogVerifier.create()
 *     .withPublicKeys(SigningKeys.readPublicKey(Path.of("guard-log.pub")))
 *     .withCheckpointMirrors(Path.of("/mnt/other-disk/checkpoints.jsonl"))
 *     .verify(List.of(Path.of("/var/log/sanctuary-guard")));
 * System.out.print(result.render());
 * if (!result.intact()) {
 *   // a break: the log was changed, cut or damaged
 * }
 * }</pre>
 *
 * <p>It reads every file named, and every {@code .jsonl} file under every directory named (symbolic
 * links followed; a file reached twice, through two links, is read once), in bounded memory, and
 * checks each stream (the records of one sink instance, across the files it
 * rolled into) on its own: each record's hash, its link to the record before it, its sequence
 * number, each checkpoint's Ed25519 signature with the public keys given (several, for key
 * rotation), the continuation of one stream by the next (a restarted sink continues the chain of
 * the stream before it), and, where given, the checkpoint mirror. It reports the first place at
 * which each stream breaks, with its file, its line and a {@link Kind}, and goes on with the other
 * streams; a line that is not a guard-log record is reported where it is, and the rest is still
 * read.
 *
 * <p>Some things cannot be proven either way, and are {@linkplain Kind#isBreak() warnings}, not
 * breaks: records after a stream's last signed checkpoint when the stream was neither closed nor
 * continued (a writer still running, or one that crashed, leaves such a tail; a tail could also
 * have been cut or appended to, which only a checkpoint mirror or a later checkpoint can rule
 * out), a stream whose beginning is not among the files (retention), a torn last line that the
 * next stream recovered from, and lines that hold but are not in the canonical form the sink
 * writes. {@code docs/guard-log.md} explains each kind.
 *
 * <p>Immutable and thread-safe; {@link #verify} may run on several threads at once.
 *
 * @since 0.1.0
 */
public final class GuardLogVerifier {

  private final Map<String, PublicKey> keys;
  private final List<Path> mirrors;

  private GuardLogVerifier(Map<String, PublicKey> keys, List<Path> mirrors) {
    this.keys = keys;
    this.mirrors = mirrors;
  }

  /** Returns a verifier that knows no public key and no checkpoint mirror. */
  public static GuardLogVerifier create() {
    return new GuardLogVerifier(Map.of(), List.of());
  }

  /**
   * Returns a verifier that also accepts checkpoints signed with these Ed25519 public keys: give
   * every key a log was signed with, the current one and those it replaced.
   *
   * @param more the public keys
   * @return a new verifier
   * @throws SanctuaryGuardException if a key is not an Ed25519 key
   */
  public GuardLogVerifier withPublicKeys(PublicKey... more) {
    Map<String, PublicKey> all = new LinkedHashMap<>(keys);
    for (PublicKey key : more) {
      Objects.requireNonNull(key, "key");
      if (!(key instanceof EdECPublicKey edwards) || !SigningKeys.ALGORITHM.equals(edwards.getParams().getName())) {
        throw new SanctuaryGuardException("not an Ed25519 public key: " + key.getAlgorithm()
            + (key instanceof EdECPublicKey edwards ? " " + edwards.getParams().getName() : ""));
      }
      all.put(SigningKeys.keyId(key), key);
    }
    return new GuardLogVerifier(Map.copyOf(all), mirrors);
  }

  /**
   * Returns a verifier that also compares the log's checkpoints with checkpoint mirror files
   * ({@link GuardLogSink.Builder#checkpointMirror}): each checkpoint of the log must be in a mirror
   * and equal to it there, and a mirror's checkpoint that the log lacks proves the log was cut.
   * Mirror files are never read as log files, even inside a directory to verify.
   *
   * @param files the mirror files
   * @return a new verifier
   */
  public GuardLogVerifier withCheckpointMirrors(Path... files) {
    List<Path> all = new ArrayList<>(mirrors);
    for (Path file : files) {
      all.add(Objects.requireNonNull(file, "file"));
    }
    return new GuardLogVerifier(keys, List.copyOf(all));
  }

  /**
   * Verifies the files named and the guard-log files under the directories named.
   *
   * @param paths files and directories
   * @return the findings and what was read; never throws for what it reads
   */
  public Result verify(List<Path> paths) {
    return verifyWithCoverage(paths).result();
  }

  /**
   * Verifies as {@link #verify(List)} does, and also returns which records the signed checkpoints
   * cover, for {@link GuardLogReport} to mark the counts that rest on records none covers.
   */
  Verification.Outcome verifyWithCoverage(List<Path> paths) {
    Objects.requireNonNull(paths, "paths");
    paths.forEach(path -> Objects.requireNonNull(path, "path"));
    return new Verification(keys, mirrors, Runtime.getRuntime().availableProcessors() > 1).run(paths);
  }

  /**
   * Verifies the files named and the guard-log files under the directories named.
   *
   * @param paths files and directories
   * @return the findings and what was read
   */
  public Result verify(Path... paths) {
    return verify(List.of(paths));
  }

  @Override
  public String toString() {
    return "GuardLogVerifier[keys " + keys.keySet().stream().sorted().toList() + ", mirrors " + mirrors + "]";
  }

  /**
   * What is wrong at a place in a guard log, or cannot be proven right. Each kind has a stable id,
   * used in reports and documented in {@code docs/guard-log.md}.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** A record's content is not what its hash commits to, or it was changed and hashed again. */
    EDITED(true),
    /** A record that is not part of the chain: the chain goes on around it, or it follows the end. */
    INSERTED(true),
    /** Records missing from the middle of a stream. */
    DELETED(true),
    /** Records out of their order. */
    REORDERED(true),
    /** A second copy of a record. */
    DUPLICATED(true),
    /** Records missing from the end of a stream, proven by a checkpoint mirror or by the stream that continues it. */
    TRUNCATED(true),
    /** A checkpoint whose signature does not verify, or that lacks one it must have. */
    BAD_SIGNATURE(true),
    /** A checkpoint signed with a key that is not among the public keys given. */
    UNKNOWN_KEY(true),
    /** A checkpoint that differs from its copy in the checkpoint mirror. */
    MIRROR_MISMATCH(true),
    /** A checkpoint that the checkpoint mirror lacks. */
    MIRROR_MISSING(true),
    /** The last line of a file is cut off, and no later stream recovered from it. */
    TORN_LINE(true),
    /** A line or a file that cannot be read as a guard log: not JSON, not a record, an unknown schema version. */
    UNREADABLE(true),
    /**
     * Records after a stream's last signed checkpoint, in a stream neither closed nor continued: no
     * signature covers them, and a cut after them could not be seen. A warning; {@link GuardLogReport}
     * reports it for a denial there that would replace a decision, which it then counts, and, when it
     * verifies, marks {@code unsigned} the counts that hold such records.
     */
    UNSIGNED_TAIL(false),
    /** Records a stream refers to are not among the files given (its beginning, or the stream it continues). A warning. */
    NOT_GIVEN(false),
    /** A torn last line that the stream continuing the log recovered from, as a crash leaves. A warning. */
    RECOVERED_TORN_LINE(false),
    /**
     * Lines that are valid UTF-8 JSON and whose records hold, but not in the canonical form that the
     * guard-log sink writes: something else wrote them (a pipeline that re-serialized them, or
     * another program), and a tool that reads the raw lines may read them differently. A warning.
     */
    REFORMATTED(false),
    /**
     * Records that contradict one another: two records of one event id that say different things,
     * or a denial that claims to replace a decision it cannot have replaced. Reported by {@link
     * GuardLogReport}, which counts every such record (the verifier checks each stream's chain, not
     * event ids across streams). A break.
     */
    CONFLICT(true);

    private final boolean isBreak;
    private final String id;

    Kind(boolean isBreak) {
      this.isBreak = isBreak;
      this.id = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Returns whether the kind is a break (the log is not intact); if not, it is a warning. */
    public boolean isBreak() {
      return isBreak;
    }

    /** Returns the stable identifier, for example {@code "unsigned-tail"}. */
    public String id() {
      return id;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * One finding: what, where (file and line; line 0 for a whole file), in which stream if known,
   * and a sentence that says what was seen. Every value from the log in the message is made
   * log-safe.
   *
   * @param kind what was found
   * @param stream the id of the stream it concerns, or null if no stream could be told
   * @param file the file
   * @param line the line, from 1; 0 for the file as a whole
   * @param message what was seen
   * @since 0.1.0
   */
  public record Finding(Kind kind, @Nullable String stream, Path file, long line, String message) {

    /** Checks the arguments. */
    public Finding {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    /** Returns whether this finding is a break. */
    public boolean isBreak() {
      return kind.isBreak();
    }

    /**
     * Returns the finding on one line: {@code file:line: kind: message (stream id)}, or {@code file:
     * kind: message} for a whole file.
     */
    @Override
    public String toString() {
      return withoutStream() + (stream == null ? "" : " (stream " + LogSafe.clean(stream) + ")");
    }

    /** The finding on one line without its stream: where it is, its kind and its message. */
    String withoutStream() {
      return LogSafe.clean(file.toString()) + (line == 0 ? "" : ":" + line) + ": " + kind.id() + ": " + message;
    }
  }

  /**
   * What was read of one stream.
   *
   * @param id the stream's id
   * @param firstSequence the sequence number of its first record read
   * @param lastSequence the sequence number of its last record read
   * @param records how many of its records were read
   * @param events how many of them were guard events
   * @param checkpoints how many of them were checkpoints
   * @param files in how many files they were
   * @param closed whether it ends with its verified closing checkpoint
   * @since 0.1.0
   */
  public record StreamSummary(String id, long firstSequence, long lastSequence, long records, long events,
      long checkpoints, int files, boolean closed) {

    /** Checks the arguments. */
    public StreamSummary {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The result of a verification: the streams read, in the order first met, and the findings, in
   * reading order.
   *
   * @param streams what was read of each stream
   * @param findings every break and warning
   * @param files how many files were read
   * @param records how many records were read
   * @param events how many of them were guard events
   * @param checkpoints how many of them were checkpoints
   * @since 0.1.0
   */
  public record Result(List<StreamSummary> streams, List<Finding> findings, int files, long records, long events,
      long checkpoints) {

    /** Copies the lists. */
    public Result {
      streams = List.copyOf(streams);
      findings = List.copyOf(findings);
    }

    /** Returns whether at least one record was read and nothing broke; warnings may remain. */
    public boolean intact() {
      return records > 0 && breaks().isEmpty();
    }

    /** Returns the findings that are breaks. */
    public List<Finding> breaks() {
      return findings.stream().filter(Finding::isBreak).toList();
    }

    /** Returns the findings that are warnings. */
    public List<Finding> warnings() {
      return findings.stream().filter(finding -> !finding.isBreak()).toList();
    }

    /**
     * Renders the result for a terminal: one line per stream with its state, every finding on a
     * line of its own ({@code BREAK} or {@code WARNING}, the file and line, the kind, what was
     * seen), and a summary.
     */
    public String render() {
      StringBuilder out = new StringBuilder();
      Map<String, List<Finding>> byStream = findings.stream().filter(f -> f.stream() != null)
          .collect(Collectors.groupingBy(Finding::stream, LinkedHashMap::new, Collectors.toList()));
      for (StreamSummary stream : streams) {
        List<Finding> own = byStream.getOrDefault(stream.id(), List.of());
        boolean broken = own.stream().anyMatch(Finding::isBreak);
        out.append("stream ").append(LogSafe.clean(stream.id())).append(": records #").append(stream.firstSequence())
            .append("-#").append(stream.lastSequence()).append(" in ").append(plural(stream.files(), "file"))
            .append(", ").append(plural(stream.events(), "event")).append(", ")
            .append(plural(stream.checkpoints(), "checkpoint")).append(": ")
            .append(broken ? "BROKEN" : stream.closed() ? "intact, closed" : "intact, not closed").append('\n');
        own.forEach(finding -> line(out, finding, false));
      }
      findings.stream().filter(f -> f.stream() == null || !byStreamIds(f.stream()))
          .forEach(finding -> line(out, finding, true));
      long breaks = findings.stream().filter(Finding::isBreak).count();
      out.append(plural(files, "file")).append(", ").append(plural(streams.size(), "stream")).append(", ")
          .append(plural(records, "record")).append(" (").append(plural(events, "event")).append(", ")
          .append(plural(checkpoints, "checkpoint")).append("): ").append(plural(breaks, "break")).append(", ")
          .append(plural(findings.size() - breaks, "warning")).append(": ")
          .append(intact() ? "intact" : records == 0 ? "NOTHING VERIFIED (no guard-log record read)" : "NOT INTACT")
          .append('\n');
      return out.toString();
    }

    private boolean byStreamIds(String stream) {
      return streams.stream().anyMatch(summary -> summary.id().equals(stream));
    }

    private static void line(StringBuilder out, Finding finding, boolean withStream) {
      out.append(finding.isBreak() ? "  BREAK   " : "  WARNING ");
      out.append(withStream ? finding.toString() : finding.withoutStream());
      out.append('\n');
    }
  }

  /** A count and its noun, in the plural unless it is one: {@code 1,204 records}. */
  static String plural(long count, String noun) {
    return String.format(java.util.Locale.ROOT, "%,d", count) + " " + noun + (count == 1 ? "" : "s");
  }
}
