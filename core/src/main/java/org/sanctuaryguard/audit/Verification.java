package org.sanctuaryguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.audit.GuardLogVerifier.Finding;
import org.sanctuaryguard.audit.GuardLogVerifier.Kind;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.sanctuaryguard.internal.json.LogField;
import org.sanctuaryguard.internal.text.LogSafe;

/**
 * One run of {@link GuardLogVerifier}: reads the files once, in order, keeping a small state per
 * stream, and reports the first break of each stream. When a record does not follow the one
 * before it, the verifier waits for the stream's next record before it says what happened: the
 * two together tell an inserted line from an edited one, and a fork from a duplicate. A gap is
 * reported as a deletion, and becomes a reordering if the missing records turn up later.
 *
 * <p>With more than one processor, records' own hashes are checked on another thread ({@link
 * HashChecks}) while the rest goes on as if they held; if one did not, that result is dropped and
 * the files are verified again on one thread, which gives every break its exact place and kind.
 * An intact log is thus read once, at nearly twice the speed, and a broken one twice.
 */
final class Verification {

  private static final byte[] CHECKPOINT = ascii("checkpoint");
  private static final byte[] STREAM_START = ascii("stream-start");
  private static final byte[] EVENT = ascii("event");
  private static final int RING = 1024;

  private final Map<String, PublicKey> keys;
  private final List<Path> mirrorFiles;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Chain> chains = new LinkedHashMap<>();
  /** Continuations, by the id of the stream continued. */
  private final Map<String, List<Claim>> claims = new HashMap<>();
  private final Set<String> continuing = new HashSet<>();
  /** Torn lines that a stream start says it recovered from: {@code file-name:line}. */
  private final Set<String> recovered = new HashSet<>();
  /** Unreadable lines by file: line number to the index of its finding. */
  private final Map<Path, TreeMap<Long, Integer>> unreadable = new HashMap<>();
  private final Map<String, MirrorChain> mirror = new LinkedHashMap<>();
  private final LogLine line = new LogLine();
  private final LogFiles reader = new LogFiles();
  private final boolean parallel;
  private @Nullable HashChecks hashChecks;
  private @Nullable Chain current;
  private int files;
  /** The lines of the file being read that were not in canonical form, and the first of them. */
  private long reformatted;
  private long firstReformatted;
  private long records;
  private long events;
  private long checkpoints;

  /**
   * Prepares a run.
   *
   * @param parallel whether records' own hashes are checked on another thread
   */
  Verification(Map<String, PublicKey> keys, List<Path> mirrorFiles, boolean parallel) {
    this.keys = keys;
    this.mirrorFiles = mirrorFiles;
    this.parallel = parallel;
  }

  Outcome run(List<Path> paths) {
    if (!parallel) {
      return readAll(paths);
    }
    try (HashChecks checks = new HashChecks()) {
      hashChecks = checks;
      Outcome outcome = readAll(paths);
      if (checks.allHeld()) {
        return outcome;
      }
    }
    return new Verification(keys, mirrorFiles, false).run(paths);
  }

  private Outcome readAll(List<Path> paths) {
    List<Path> logFiles = LogFiles.expand(paths, mirrorFiles, findings::add);
    readMirrors();
    for (Path file : logFiles) {
      readStart(file);
    }
    for (Path file : logFiles) {
      reformatted = 0;
      try {
        reader.read(file, read -> {
          readLine(file, read);
          return true;
        });
        files++;
      } catch (IOException | RuntimeException e) {
        findings.add(LogFiles.unreadable(file, e));
      }
      if (reformatted > 0) {
        findings.add(new Finding(Kind.REFORMATTED, null, file, firstReformatted, reformatted + " line(s) of the"
            + " file, from this one, are not in the canonical form that the guard-log sink writes (other spacing,"
            + " key order, escapes or line ends): a pipeline re-serialized them, or something else wrote them. Their"
            + " records were checked in canonical form and hold, but a tool that reads the lines as they are (grep, a"
            + " shipper's filter) may read them differently: verify the lines as written"));
      }
    }
    finish();
    Map<Path, Integer> rank = new HashMap<>();
    for (int i = 0; i < logFiles.size(); i++) {
      rank.put(logFiles.get(i), i);
    }
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparing((Finding f) -> rank.getOrDefault(f.file(), Integer.MAX_VALUE))
        .thenComparing(f -> f.file().toString()).thenComparingLong(Finding::line));
    List<GuardLogVerifier.StreamSummary> summaries = new ArrayList<>();
    Map<String, Map<Path, Long>> covered = new HashMap<>();
    for (Chain chain : chains.values()) {
      summaries.add(new GuardLogVerifier.StreamSummary(chain.id, chain.firstSequence, chain.lastRead, chain.records,
          chain.events, chain.checkpoints, chain.files.size(), chain.closed && !chain.broken()));
      if (!chain.covered.isEmpty()) {
        covered.put(chain.id, Map.copyOf(chain.covered));
      }
    }
    return new Outcome(new GuardLogVerifier.Result(summaries, ordered, files, records, events, checkpoints),
        new Coverage(covered));
  }

  /** What a run found, and which records the signed checkpoints it verified cover. */
  record Outcome(GuardLogVerifier.Result result, Coverage coverage) {}

  /**
   * The records that a signed checkpoint covers, as the verifier proved it: in each stream, those
   * read in its chain up to its last checkpoint whose signature verified (and that its mirror
   * holds, if one was given), before any break. Records after it (an {@linkplain Kind#UNSIGNED_TAIL
   * unsigned tail}, or what follows a break) are covered by none. A record is covered at its place,
   * the file and line where the verifier read it, not by its number: a record elsewhere that claims a
   * covered number of the stream is not.
   */
  static final class Coverage {
    /** By stream id: each file that holds covered records of the stream, and its last line covered. */
    private final Map<String, Map<Path, Long>> lastLines;

    Coverage(Map<String, Map<Path, Long>> lastLines) {
      this.lastLines = Map.copyOf(lastLines);
    }

    /** Returns whether a signed checkpoint covers the record of {@code stream} read at this file and line. */
    boolean covers(String stream, Path file, long line) {
      Long last = lastLines.getOrDefault(stream, Map.of()).get(file);
      return last != null && line <= last;
    }
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** Reads a file's first line: a stream start names the stream it continues and a torn line it recovered from. */
  private void readStart(Path file) {
    try {
      reader.read(file, read -> {
        // a start cut off is no record, and claims nothing, not even itself as the torn line recovered from
        if (!read.tooLong && read.terminated && line.read(read.bytes, read.offset, read.length) && line.hashValid()) {
          claim(line, file, read.number);
        }
        return false;
      });
    } catch (IOException | RuntimeException e) {
      // the main pass reports the file
    }
  }

  private void readLine(Path file, LogFiles.Line read) {
    if (read.tooLong) {
      unreadableLine(file, read.number, Kind.UNREADABLE, "longer than " + LogLine.MAX_LENGTH + " bytes: not a guard-log line");
      return;
    }
    if (read.blank()) {
      return;
    }
    boolean ok = line.read(read.bytes, read.offset, read.length);
    if (!read.terminated) {
      if (recovered.contains(tornLine(file, Long.toString(read.number)))) {
        findings.add(new Finding(Kind.RECOVERED_TORN_LINE, null, file, read.number, "the last line of the file is cut"
            + " off, as a crash while writing leaves it; a later stream recovered from it and continues the chain from"
            + " the record before it"));
        return;
      }
      // whole or not, a line without its line feed is what a crash leaves, which the next sink recovers from and the
      // report does not count: read as a record, it could say what no chain vouches for
      unreadableLine(file, read.number, Kind.TORN_LINE, "the last line of the file is cut off, without its line feed,"
          + " and no stream recovered from it: its writer crashed and was not restarted, or the file was cut"
          + (ok ? "" : " (" + line.problem() + ")"));
      return;
    }
    if (!ok) {
      unreadableLine(file, read.number, Kind.UNREADABLE, Objects.requireNonNull(line.problem()));
      return;
    }
    if (line.reformatted() && reformatted++ == 0) {
      firstReformatted = read.number;
    }
    record(file, read.number);
  }

  private void unreadableLine(Path file, long number, Kind kind, String message) {
    unreadable.computeIfAbsent(file, f -> new TreeMap<>()).put(number, findings.size());
    findings.add(new Finding(kind, null, file, number, message));
  }

  private void record(Path file, long number) {
    Chain chain = chain();
    long sequence = line.number(LogField.SEQUENCE);
    boolean isEvent = line.stringEquals(LogField.KIND, EVENT, EVENT.length);
    boolean isCheckpoint = line.stringEquals(LogField.ACTION, CHECKPOINT, CHECKPOINT.length);
    records++;
    chain.records++;
    if (isEvent) {
      events++;
      chain.events++;
    } else if (isCheckpoint) {
      checkpoints++;
      chain.checkpoints++;
    }
    chain.files.add(file);
    chain.lastRead = sequence;
    chain.lowest = Math.min(chain.lowest, sequence);
    if (chain.firstSequence < 0) {
      chain.firstSequence = sequence;
      chain.firstFile = file;
      chain.firstLine = number;
    }
    if (chain.broken()) {
      afterBreak(chain, sequence, file, number);
      return;
    }
    HashChecks checks = hashChecks;
    boolean valid = checks != null && checks.submit(line) || line.hashValid();
    Snapshot suspect = chain.suspect;
    if (suspect != null) {
      classify(chain, suspect, snapshot(sequence, valid, file, number));
      return;
    }
    if (chain.lastSequence == 0) {
      if (!valid) {
        breakAt(chain, Kind.EDITED, file, number, "the record's content does not match its hash");
        return;
      }
      accept(chain, sequence, file, number, isEvent, isCheckpoint);
      return;
    }
    if (valid && sequence == chain.lastSequence + 1 && line.stringEquals(LogField.PREVIOUS, chain.lastHash, 64)) {
      accept(chain, sequence, file, number, isEvent, isCheckpoint);
    } else {
      chain.suspect = snapshot(sequence, valid, file, number);
    }
  }

  /** Returns the chain of the line's stream; the last one, without decoding its id, when it is the same. */
  private Chain chain() {
    Chain last = current;
    if (last != null && line.stringEquals(LogField.STREAM, last.idBytes, last.idBytes.length)) {
      return last;
    }
    String id = Objects.requireNonNull(line.string(LogField.STREAM));
    Chain chain = chains.computeIfAbsent(id, Chain::new);
    current = chain;
    return chain;
  }

  private Snapshot snapshot(long sequence, boolean valid, Path file, long number) {
    byte[] hash = new byte[64];
    byte[] previous = new byte[64];
    int hashLength = line.copyString(LogField.HASH, hash);
    int previousLength = line.copyString(LogField.PREVIOUS, previous);
    return new Snapshot(sequence, valid, hashLength == 64 ? hash : null, previousLength == 64 ? previous : null,
        file, number);
  }

  // ---- a record that follows the one before it ---------------------------------------------

  private void accept(Chain chain, long sequence, Path file, long number, boolean isEvent, boolean isCheckpoint) {
    if (chain.closed) {
      breakAt(chain, Kind.INSERTED, file, number, "a record after the stream's closing checkpoint (" + place(chain.lastFile,
          chain.lastLine) + ")");
      return;
    }
    for (Claim claim : claims.getOrDefault(chain.id, List.of())) {
      if (sequence == claim.sequence && !line.stringEquals(LogField.HASH, claim.previous, claim.previous.length)) {
        breakAt(chain, Kind.EDITED, file, number, "stream " + clean(claim.continuing) + " continues this stream from"
            + " this record (" + place(claim.file, claim.line) + "), but from one with another hash: it was changed");
        return;
      }
      if (sequence == claim.sequence + 1) {
        breakAt(chain, Kind.INSERTED, file, number, "stream " + clean(claim.continuing) + " continued this stream from"
            + " record #" + claim.sequence + " (" + place(claim.file, claim.line) + "); this record follows that point");
        return;
      }
    }
    if (chain.lastFile != null && !chain.lastFile.equals(file)) {
      chain.passed.put(chain.lastFile, chain.lastLine);
    }
    chain.lastSequence = sequence;
    line.copyString(LogField.HASH, chain.lastHash);
    int previousLength = line.copyString(LogField.PREVIOUS, chain.lastPrevious);
    if (previousLength != 64) {
      Arrays.fill(chain.lastPrevious, (byte) 0);
    }
    chain.lastFile = file;
    chain.lastLine = number;
    chain.ring[(int) (sequence % RING)] = fingerprint(chain.lastHash);
    if (sequence == 1 && line.stringEquals(LogField.ACTION, STREAM_START, STREAM_START.length)) {
      chain.counting = true;
      chain.keyId = line.string(LogField.KEY);
      claim(line, file, number);
    }
    if (isEvent) {
      chain.sinceCheckpoint++;
      chain.sinceSigned++;
    }
    if (isCheckpoint && !checkpoint(chain, sequence, file, number)) {
      return;
    }
    mirrorCheck(chain, sequence, file, number, isCheckpoint);
    if (isCheckpoint && chain.signedSequence == sequence && !chain.broken()) {
      // the signature commits, through the chain, to every record of the stream read up to here
      chain.covered.putAll(chain.passed);
      chain.passed.clear();
      chain.covered.put(file, number);
    }
  }

  /** Checks a checkpoint that follows the chain; false if it broke the stream. */
  private boolean checkpoint(Chain chain, long sequence, Path file, long number) {
    String signature = line.string(LogField.SIGNATURE);
    String key = line.string(LogField.KEY);
    String problem = signatureProblem(line, chain.keyId);
    if (problem != null) {
      Kind kind = signature != null && key != null && !keys.containsKey(key) ? Kind.UNKNOWN_KEY : Kind.BAD_SIGNATURE;
      if (problem.startsWith(DOES_NOT_VERIFY)) {
        // the chain held up to here, so its hashes were recomputed after a change
        problem += ": the chain holds, so a record since " + (chain.signedSequence == 0 ? "the stream's start"
            : "the last good checkpoint (" + place(chain.signedFile, chain.signedLine) + ")") + " was changed and its"
            + " hashes recomputed, or this checkpoint was";
      }
      breakAt(chain, kind, file, number, problem);
      return false;
    }
    if (!Objects.equals(line.string(LogField.HEAD), line.string(LogField.PREVIOUS))) {
      breakAt(chain, Kind.EDITED, file, number, "the checkpoint's head is not the hash of the record before it");
      return false;
    }
    long counted = line.number(LogField.EVENTS);
    if (chain.counting && counted != chain.sinceCheckpoint) {
      breakAt(chain, counted > chain.sinceCheckpoint ? Kind.DELETED : Kind.INSERTED, file, number,
          "the checkpoint counts " + counted + " events since the checkpoint before it, but " + chain.sinceCheckpoint
              + " were read");
      return false;
    }
    chain.counting = true;
    chain.sinceCheckpoint = 0;
    if (signature != null) {
      chain.signedSequence = sequence;
      chain.signedFile = file;
      chain.signedLine = number;
      chain.sinceSigned = 0;
    }
    if (Boolean.TRUE.equals(line.bool(LogField.CLOSING))) {
      chain.closed = true;
    }
    return true;
  }

  /**
   * Returns what is wrong with a checkpoint's signature, or null: one that names a key must be
   * signed with it, the key must be given, and must be the one the stream's start names.
   */
  private @Nullable String signatureProblem(LogLine checkpoint, @Nullable String streamKey) {
    String signature = checkpoint.string(LogField.SIGNATURE);
    String key = checkpoint.string(LogField.KEY);
    if (signature == null) {
      return key == null && streamKey == null ? null
          : "the checkpoint is not signed, though the stream signs its checkpoints with key " + clean(
              key == null ? Objects.requireNonNull(streamKey) : key);
    }
    if (key == null) {
      return "the checkpoint is signed but names no key";
    }
    PublicKey publicKey = keys.get(key);
    if (publicKey == null) {
      return "the checkpoint is signed with key " + clean(key) + ", which is not among the public keys given ("
          + (keys.isEmpty() ? "none was given" : String.join(", ", new java.util.TreeSet<>(keys.keySet()))) + ")";
    }
    if (streamKey != null && !streamKey.equals(key)) {
      return "the checkpoint is signed with key " + clean(key) + ", but its stream's start names key " + clean(streamKey);
    }
    try {
      Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(checkpoint.signedBytes());
      if (verifier.verify(Base64.getDecoder().decode(signature))) {
        return null;
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // not a signature of this key
    }
    return DOES_NOT_VERIFY + clean(key);
  }

  private static final String DOES_NOT_VERIFY = "the checkpoint's signature does not verify with key ";

  /** How a torn line recovered from is known: its file's path as read, and its number. */
  private static String tornLine(Path file, String number) {
    return file.normalize() + ":" + number;
  }

  /** Registers what a stream start says: the stream it continues, and the torn line it recovered from. */
  private void claim(LogLine start, Path file, long number) {
    if (start.number(LogField.SEQUENCE) != 1 || !start.stringEquals(LogField.ACTION, STREAM_START, STREAM_START.length)) {
      return;
    }
    String torn = start.string(LogField.TORN);
    int at = torn == null ? -1 : torn.lastIndexOf(':');
    if (at > 0) {
      // the torn file is the stream start's sibling, as the sink wrote both in its directory: a file of that name
      // in another directory is not the one recovered from
      recovered.add(tornLine(file.resolveSibling(torn.substring(0, at)), torn.substring(at + 1)));
    }
    String continued = start.string(LogField.CONTINUES_STREAM);
    String id = start.string(LogField.STREAM);
    if (continued == null || id == null || !continuing.add(id)) {
      return;
    }
    byte[] previous = new byte[64];
    int length = start.copyString(LogField.PREVIOUS, previous);
    claims.computeIfAbsent(continued, k -> new ArrayList<>()).add(new Claim(id, continued,
        start.number(LogField.CONTINUES_SEQUENCE), length == 64 ? previous : Arrays.copyOf(previous, 0), file, number));
  }

  // ---- a record that does not follow: what happened ---------------------------------------

  /**
   * Says what broke the stream, from the last record that followed ({@code g}), the first that did
   * not ({@code x}) and the one after it ({@code y}, null at the end of the stream).
   */
  private void classify(Chain chain, Snapshot x, @Nullable Snapshot y) {
    chain.suspect = null;
    Integer lost = unreadableBetween(chain.lastFile, chain.lastLine, x.file, x.line);
    if (lost != null) {
      Finding finding = findings.get(lost);
      findings.set(lost, new Finding(finding.kind(), chain.id, finding.file(), finding.line(), finding.message()
          + "; the stream's chain goes on at " + place(x.file, x.line)));
      chain.breakIndex = lost;
      return;
    }
    long expected = chain.lastSequence + 1;
    String before = place(chain.lastFile, chain.lastLine);
    boolean goesOnWithout = y != null && y.sequence == expected && y.previousIs(chain.lastHash);
    if (!x.valid) {
      if (goesOnWithout) {
        breakAt(chain, Kind.INSERTED, x.file, x.line, "this line is not part of the chain: its content does not match"
            + " its hash, and the chain goes on without it at " + place(y.file, y.line));
      } else {
        breakAt(chain, Kind.EDITED, x.file, x.line, "the record's content does not match its hash");
      }
    } else if (x.sequence == expected) {
      if (goesOnWithout) {
        breakAt(chain, Kind.INSERTED, x.file, x.line, "this record does not chain to the record before it (" + before
            + "), and the chain goes on without it at " + place(y.file, y.line));
      } else if (y == null || y.follows(x)) {
        breakAt(chain, Kind.EDITED, chain.lastFile, chain.lastLine, "this record was changed and hashed again: the"
            + " record after it (" + place(x.file, x.line) + ") chains to another hash");
      } else {
        breakAt(chain, Kind.EDITED, x.file, x.line, "this record does not chain to the record before it (" + before + ")");
      }
    } else if (x.sequence > expected) {
      boolean wholeFile = !x.file.equals(chain.lastFile) && chain.files.size() > 1;
      breakAt(chain, Kind.DELETED, x.file, x.line, (x.sequence - expected == 1 ? "record #" + expected + " is"
          : "records #" + expected + "-#" + (x.sequence - 1) + " are") + " missing before this record"
          + (wholeFile ? " (a whole file of the stream?)" : ""));
      chain.missingFrom = expected;
      chain.missingTo = x.sequence - 1;
      chain.gapSequence = x.sequence;
      if (y != null) {
        afterBreak(chain, y.sequence, y.file, y.line);
      }
    } else if (x.sequence < chain.firstSequence) {
      breakAt(chain, Kind.REORDERED, chain.firstFile, chain.firstLine, "record #" + chain.firstSequence
          + " comes before record #" + x.sequence + " (" + place(x.file, x.line) + ")");
    } else if (x.sequence == chain.lastSequence && x.hashIs(chain.lastHash)) {
      breakAt(chain, Kind.DUPLICATED, x.file, x.line, "a second copy of record #" + x.sequence + " (" + before + ")");
    } else if (x.sequence == chain.lastSequence && x.previousIs(chain.lastPrevious)) {
      if (y != null && y.follows(x)) {
        breakAt(chain, Kind.INSERTED, chain.lastFile, chain.lastLine, "this record is not part of the chain: another"
            + " record #" + x.sequence + " follows at " + place(x.file, x.line) + ", and the chain goes on from that one");
      } else {
        breakAt(chain, Kind.INSERTED, x.file, x.line, "a second, different record #" + x.sequence + " (the first is at "
            + before + ")");
      }
    } else if (chain.lastSequence - x.sequence < RING && x.hash != null) {
      boolean same = chain.ring[(int) (x.sequence % RING)] == fingerprint(x.hash);
      breakAt(chain, same ? Kind.DUPLICATED : Kind.INSERTED, x.file, x.line, same
          ? "a second copy of record #" + x.sequence + ", which came before"
          : "this record claims the place of record #" + x.sequence + ", which came before with other content");
    } else {
      breakAt(chain, Kind.DUPLICATED, x.file, x.line, "a repeat of record #" + x.sequence + ", which came long before");
    }
  }

  /** After a deletion, a missing record that turns up later makes it a reordering. */
  private void afterBreak(Chain chain, long sequence, Path file, long number) {
    if (sequence < chain.missingFrom || sequence > chain.missingTo) {
      return;
    }
    Finding deleted = findings.get(chain.breakIndex);
    findings.set(chain.breakIndex, new Finding(Kind.REORDERED, chain.id, deleted.file(), deleted.line(),
        "record #" + chain.gapSequence + " comes before record #" + sequence + ", which follows at " + place(file, number)));
    chain.missingTo = 0;
  }

  private @Nullable Integer unreadableBetween(@Nullable Path fromFile, long fromLine, Path toFile, long toLine) {
    if (fromFile == null) {
      return null;
    }
    TreeMap<Long, Integer> inFrom = unreadable.get(fromFile);
    if (fromFile.equals(toFile)) {
      return inFrom == null ? null : first(inFrom.subMap(fromLine, false, toLine, false));
    }
    Integer after = inFrom == null ? null : first(inFrom.tailMap(fromLine, false));
    if (after != null) {
      return after;
    }
    TreeMap<Long, Integer> inTo = unreadable.get(toFile);
    return inTo == null ? null : first(inTo.headMap(toLine, false));
  }

  private static @Nullable Integer first(SortedMap<Long, Integer> lines) {
    return lines.isEmpty() ? null : lines.get(lines.firstKey());
  }

  private void breakAt(Chain chain, Kind kind, @Nullable Path file, long number, String message) {
    chain.breakIndex = findings.size();
    findings.add(new Finding(kind, chain.id, Objects.requireNonNull(file), number, message));
  }

  // ---- the checkpoint mirror ----------------------------------------------------------------

  private void readMirrors() {
    for (Path file : mirrorFiles) {
      try {
        reader.read(file, read -> {
          mirrorLine(line, file, read);
          return true;
        });
      } catch (IOException | RuntimeException e) {
        findings.add(LogFiles.unreadable(file, e));
      }
    }
    mirror.values().forEach(MirrorChain::sort);
  }

  private void mirrorLine(LogLine entry, Path file, LogFiles.Line read) {
    if (read.tooLong || read.blank()) {
      if (read.tooLong) {
        findings.add(new Finding(Kind.UNREADABLE, null, file, read.number, "longer than " + LogLine.MAX_LENGTH + " bytes"));
      }
      return;
    }
    if (!entry.read(read.bytes, read.offset, read.length)) {
      findings.add(new Finding(read.terminated ? Kind.UNREADABLE : Kind.TORN_LINE, null, file, read.number,
          "not a checkpoint of the mirror: " + entry.problem()));
      return;
    }
    String stream = Objects.requireNonNull(entry.string(LogField.STREAM));
    if (!entry.stringEquals(LogField.ACTION, CHECKPOINT, CHECKPOINT.length)) {
      findings.add(new Finding(Kind.UNREADABLE, stream, file, read.number, "the mirror holds a record that is not a"
          + " checkpoint"));
      return;
    }
    if (!entry.hashValid()) {
      findings.add(new Finding(Kind.EDITED, stream, file, read.number, "the mirror's checkpoint does not match its hash"));
      return;
    }
    byte[] hash = new byte[64];
    entry.copyString(LogField.HASH, hash);
    mirror.computeIfAbsent(stream, MirrorChain::new).add(entry.number(LogField.SEQUENCE), hash, file, read.number);
  }

  private void mirrorCheck(Chain chain, long sequence, Path file, long number, boolean isCheckpoint) {
    if (mirrorFiles.isEmpty()) {
      return;
    }
    MirrorChain copies = mirror.get(chain.id);
    boolean mirrored = false;
    if (copies != null) {
      while (chain.mirrorCursor < copies.size && copies.sequences[chain.mirrorCursor] < sequence) {
        chain.mirrorCursor++;
      }
      if (chain.mirrorCursor < copies.size && copies.sequences[chain.mirrorCursor] == sequence) {
        int at = chain.mirrorCursor++;
        if (!line.stringEquals(LogField.HASH, copies.hashes[at], 64)) {
          mirrorBreak(chain, copies, at, Kind.MIRROR_MISMATCH, file, number, "this record differs from its copy in the"
              + " checkpoint mirror (" + place(copies.files[at], copies.lines[at]) + ")");
          return;
        }
        mirrored = true;
      }
    }
    if (isCheckpoint && !mirrored) {
      breakAt(chain, Kind.MIRROR_MISSING, file, number, "the checkpoint mirror lacks this checkpoint: the mirror was cut,"
          + " or its sink did not write this checkpoint");
    }
  }

  /** Reports a break that a mirror's checkpoint proves, unless that checkpoint is not validly signed itself. */
  private void mirrorBreak(Chain chain, MirrorChain copies, int at, Kind kind, Path file, long number, String message) {
    String problem = mirrorSignatureProblem(copies.files[at], copies.lines[at], chain.keyId);
    if (problem != null) {
      breakAt(chain, Kind.BAD_SIGNATURE, copies.files[at], copies.lines[at], "in the checkpoint mirror: " + problem);
    } else {
      breakAt(chain, kind, file, number, message);
    }
  }

  private @Nullable String mirrorSignatureProblem(Path file, long number, @Nullable String streamKey) {
    LogLine entry = new LogLine();
    String[] problem = {"the checkpoint could not be read again"};
    try {
      new LogFiles().read(file, read -> {
        if (read.number < number) {
          return true;
        }
        if (!read.tooLong && entry.read(read.bytes, read.offset, read.length)) {
          problem[0] = signatureProblem(entry, streamKey);
        }
        return false;
      });
    } catch (IOException | RuntimeException e) {
      // reported as a problem of the signature
    }
    return problem[0];
  }

  // ---- the end of the input -------------------------------------------------------------------

  private void finish() {
    for (Chain chain : chains.values()) {
      Snapshot suspect = chain.suspect;
      if (suspect != null) {
        classify(chain, suspect, null);
      }
    }
    for (List<Claim> continuations : claims.values()) {
      continuations.forEach(this::resolve);
    }
    for (MirrorChain copies : mirror.values()) {
      Chain chain = chains.get(copies.stream);
      if (chain == null) {
        findings.add(new Finding(Kind.DELETED, copies.stream, copies.files[0], copies.lines[0], "the checkpoint mirror"
            + " holds " + copies.size + " checkpoint(s) of this stream, but none of its records was read"));
      } else if (!chain.broken() && copies.size > 0 && copies.sequences[copies.size - 1] > chain.lastSequence) {
        int at = chain.mirrorCursor;
        while (copies.sequences[at] <= chain.lastSequence) {
          at++;
        }
        mirrorBreak(chain, copies, at, Kind.TRUNCATED, Objects.requireNonNull(chain.lastFile), chain.lastLine,
            "the checkpoint mirror holds checkpoint #" + copies.sequences[at] + " of this stream (" + place(
                copies.files[at], copies.lines[at]) + "), but the stream ends at record #" + chain.lastSequence
                + ": it was cut after this line");
      }
    }
    for (Chain chain : chains.values()) {
      if (chain.lowest > 1 && !chain.broken()) {
        findings.add(new Finding(Kind.NOT_GIVEN, chain.id, Objects.requireNonNull(chain.firstFile), chain.firstLine,
            "the stream is given from record #" + chain.lowest + " on: its records before are not among the files"
                + " (removed by retention, or deleted)"));
      }
      if (!chain.broken()) {
        coverage(chain);
      }
    }
    for (int i = 0; i < findings.size(); i++) {
      Finding finding = findings.get(i);
      if (finding.kind() == Kind.TORN_LINE && recovered.contains(tornLine(finding.file(), Long.toString(finding.line())))) {
        findings.set(i, new Finding(Kind.RECOVERED_TORN_LINE, finding.stream(), finding.file(), finding.line(),
            "the last line of the file is cut off, as a crash while writing leaves it; a later stream recovered from it"));
      }
    }
  }

  /** Checks what a stream start said of the stream it continues, once both were read. */
  private void resolve(Claim claim) {
    Chain continued = chains.get(claim.continued);
    Chain continuing = chains.get(claim.continuing);
    if (continued == null) {
      findings.add(new Finding(Kind.NOT_GIVEN, claim.continuing, claim.file, claim.line, "this stream continues stream "
          + clean(claim.continued) + " from its record #" + claim.sequence + ", which is not among the files given"));
      return;
    }
    if (continued.broken() || continued.lastSequence == 0) {
      return;
    }
    if (continued.lastSequence < claim.sequence) {
      breakAt(continued, Kind.TRUNCATED, continued.lastFile, continued.lastLine, "stream " + clean(claim.continuing)
          + " continues this stream from record #" + claim.sequence + " (" + place(claim.file, claim.line)
          + "), but it ends at record #" + continued.lastSequence + ": records #" + (continued.lastSequence + 1) + "-#"
          + claim.sequence + " are missing from its end");
    } else if (continued.lastSequence == claim.sequence) {
      if (Arrays.equals(continued.lastHash, claim.previous)) {
        continued.continuedBy = continuing;
      } else {
        breakAt(continued, Kind.EDITED, continued.lastFile, continued.lastLine, "stream " + clean(claim.continuing)
            + " continues this stream from this record (" + place(claim.file, claim.line) + "), but from one with"
            + " another hash: it was changed");
      }
    }
  }

  /**
   * Warns of the records of a stream that no signature of its own covers. A restart that continued
   * the stream signs only what it found on disk: records after the stream's last signed checkpoint
   * could have been changed before the restart, so they stay a tail.
   */
  private void coverage(Chain chain) {
    Chain next = chain.continuedBy;
    if (chain.signedSequence == chain.lastSequence && (chain.closed || next != null)) {
      return;
    }
    if (next != null && next.signedSequence > 0) {
      Path from = chain.signedSequence == 0 ? chain.firstFile : chain.signedFile;
      long line = chain.signedSequence == 0 ? chain.firstLine : chain.signedLine;
      findings.add(new Finding(Kind.UNSIGNED_TAIL, chain.id, Objects.requireNonNull(from), line,
          (chain.lastSequence - chain.signedSequence) + " record(s) " + (chain.signedSequence == 0 ? "of the stream"
              : "after this checkpoint") + " (to " + place(chain.lastFile, chain.lastLine) + ") are covered by no"
              + " signature of the stream: stream " + clean(next.id) + " continued it after it stopped without"
              + " closing, and signs them only as it found them on disk, so they could have been changed before it"));
      return;
    }
    if (chain.signedSequence == 0) {
      findings.add(new Finding(Kind.UNSIGNED_TAIL, chain.id, Objects.requireNonNull(chain.firstFile), chain.firstLine,
          "no signed checkpoint covers the stream's " + chain.events + " event(s)"
              + (chain.keyId == null && chain.counting ? ": its start names no signing key (a sink without one, or a"
                  + " log whose key and signatures were removed)" : "")
              + "; records could have been changed, cut or appended without a trace"));
    } else if (chain.signedSequence == chain.lastSequence) {
      findings.add(new Finding(Kind.UNSIGNED_TAIL, chain.id, Objects.requireNonNull(chain.signedFile), chain.signedLine,
          "the stream ends at this checkpoint, which does not close it: its writer is still running or stopped without"
              + " closing, and a cut after this line could not be seen"));
    } else {
      findings.add(new Finding(Kind.UNSIGNED_TAIL, chain.id, Objects.requireNonNull(chain.signedFile), chain.signedLine,
          (chain.lastSequence - chain.signedSequence) + " record(s) after this checkpoint (" + chain.sinceSigned
              + " event(s), to " + place(chain.lastFile, chain.lastLine) + ") are covered by no signature: the stream"
              + " was neither closed nor continued, so they could have been cut or appended to"));
    }
  }

  // ---- small things ----------------------------------------------------------------------------

  private static String place(@Nullable Path file, long number) {
    return (file == null ? "?" : LogSafe.clean(String.valueOf(file.getFileName()))) + ":" + number;
  }

  private static String clean(String value) {
    return LogSafe.clean(value);
  }

  private static long fingerprint(byte[] hash) {
    long value = 0;
    for (int i = 0; i < 16; i++) {
      value = value << 4 | Character.digit(hash[i], 16) & 0xf;
    }
    return value;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** What the verifier keeps of one stream. */
  private static final class Chain {
    final String id;
    final byte[] idBytes;
    final Set<Path> files = new HashSet<>();
    /** The files of the stream's records that its last signed checkpoint covers, with the last line covered. */
    final Map<Path, Long> covered = new HashMap<>();
    /** The files the chain left since that checkpoint, with the stream's last line in each. */
    final Map<Path, Long> passed = new HashMap<>();
    final byte[] lastHash = new byte[64];
    final byte[] lastPrevious = new byte[64];
    final long[] ring = new long[RING];
    long records;
    long events;
    long checkpoints;
    long firstSequence = -1;
    long lowest = Long.MAX_VALUE;
    long lastRead;
    @Nullable Path firstFile;
    long firstLine;
    long lastSequence;
    @Nullable Path lastFile;
    long lastLine;
    @Nullable String keyId;
    boolean counting;
    long sinceCheckpoint;
    long signedSequence;
    @Nullable Path signedFile;
    long signedLine;
    long sinceSigned;
    boolean closed;
    @Nullable Chain continuedBy;
    @Nullable Snapshot suspect;
    int breakIndex = -1;
    long missingFrom = 1;
    long missingTo;
    long gapSequence;
    int mirrorCursor;

    Chain(String id) {
      this.id = id;
      byte[] quoted = CanonicalJson.string(id);
      this.idBytes = Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    boolean broken() {
      return breakIndex >= 0;
    }
  }

  /** A stream start's word on the stream it continues. */
  private record Claim(String continuing, String continued, long sequence, byte[] previous, Path file, long line) {}

  /** What the verifier keeps of a record that did not follow, and of the one after it. */
  private record Snapshot(long sequence, boolean valid, byte @Nullable [] hash, byte @Nullable [] previous, Path file,
      long line) {

    boolean follows(Snapshot before) {
      return sequence == before.sequence + 1 && before.hash != null && previousIs(before.hash);
    }

    boolean previousIs(byte[] hashBytes) {
      return previous != null && Arrays.equals(previous, hashBytes);
    }

    boolean hashIs(byte[] hashBytes) {
      return hash != null && Arrays.equals(hash, hashBytes);
    }
  }

  /** The checkpoints of one stream in the mirrors, sorted by sequence number. */
  private static final class MirrorChain {
    final String stream;
    long[] sequences = new long[16];
    byte[][] hashes = new byte[16][];
    Path[] files = new Path[16];
    long[] lines = new long[16];
    int size;

    MirrorChain(String stream) {
      this.stream = stream;
    }

    void add(long sequence, byte[] hash, Path file, long line) {
      if (size == sequences.length) {
        sequences = Arrays.copyOf(sequences, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
        files = Arrays.copyOf(files, size * 2);
        lines = Arrays.copyOf(lines, size * 2);
      }
      sequences[size] = sequence;
      hashes[size] = hash;
      files[size] = file;
      lines[size] = line;
      size++;
    }

    void sort() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingLong(i -> sequences[i]));
      long[] s = new long[size];
      byte[][] h = new byte[size][];
      Path[] f = new Path[size];
      long[] l = new long[size];
      int kept = 0;
      for (Integer i : order) {
        if (kept > 0 && s[kept - 1] == sequences[i] && Arrays.equals(h[kept - 1], hashes[i])) {
          continue;
        }
        s[kept] = sequences[i];
        h[kept] = hashes[i];
        f[kept] = files[i];
        l[kept] = lines[i];
        kept++;
      }
      sequences = s;
      hashes = h;
      files = f;
      lines = l;
      size = kept;
    }
  }
}
