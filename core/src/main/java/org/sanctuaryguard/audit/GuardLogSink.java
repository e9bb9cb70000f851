package org.sanctuaryguard.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard log: a durable, tamper-evident audit sink that writes each guard event as one line of
 * JSON (JSON Lines, field names close to the Elastic Common Schema) into files that roll by size
 * and by day, so that an existing log pipeline (Filebeat or Fluent Bit into OpenSearch, Splunk,
 * Kafka) ships them unchanged.
 *
 * <p>Every record is chained: it carries its stream's id (a stream is one sink instance, so one per
 * guard instance), its sequence number in the stream, the hash of the record before it, and its
 * own SHA-256 hash over its canonical form. Every N events or T seconds, and when the sink is
 * closed, a checkpoint signed with Ed25519 commits to the head of the chain; reviewers verify the
 * log with the public key. A sink that starts in a directory holding an earlier stream continues
 * its chain: its first record names the stream it continues, and a torn last line a crash left.
 * {@code docs/guard-log.md} documents the format.
 *
 * {@snippet :
 * GuardLogSink log = GuardLogSink.builder(Path.of("/var/log/sanctuary-guard"))
 *     .signingKey(SigningKeys.readPrivateKey(Path.of("/etc/sanctuary-guard/guard-log.key")))
 *     .fsync(FsyncPolicy.every(1000, Duration.ofMillis(200)))
 *     .build();
 * Guard guard = Guard.of(GuardConfig.custom().policy(policy).auditSinks(log, AuditSink.slf4j()).build());
 * }
 *
 * <p>Writes are buffered and forced to disk with group commit ({@link FsyncPolicy}). A record that
 * cannot be written makes {@link #record} throw, and once a write or a force has failed every later
 * call throws too: the guard denies in {@code ENFORCE} mode rather than disclose what it cannot
 * record. Thread-safe; records are chained in the order their calls reach the sink.
 *
 * @since 0.1.0
 */
public final class GuardLogSink implements AuditSink {

  /** The extension of guard-log files. */
  public static final String EXTENSION = ".jsonl";

  private static final Logger LOG = LoggerFactory.getLogger(GuardLogSink.class);
  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final int BUFFER = 64 * 1024;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final Path directory;
  private final @Nullable PrivateKey signingKey;
  private final @Nullable String keyId;
  private final FsyncPolicy fsync;
  private final int checkpointEvents;
  private final Duration checkpointInterval;
  private final long rollBytes;
  private final @Nullable ZoneId rollZone;
  private final @Nullable Path mirror;
  private final Clock clock;
  private final String stream;
  private final String filePrefix;
  private final ScheduledExecutorService timer;

  private final Object lock = new Object();
  private final MessageDigest sha256;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private FileChannel channel;
  private Path file;
  private int fileIndex;
  private long fileSize;
  private @Nullable LocalDate fileDay;
  private long sequence;
  private String previous;
  private long sinceCheckpoint;
  private Instant lastCheckpoint;
  private long unsynced;
  private long lastForce;
  private @Nullable Exception failure;
  private boolean closed;

  private GuardLogSink(Builder b) throws IOException {
    this.directory = b.directory;
    this.signingKey = b.signingKey;
    this.keyId = b.signingKey == null ? null : SigningKeys.keyId(SigningKeys.publicKeyOf(b.signingKey));
    this.fsync = b.fsync;
    this.checkpointEvents = b.checkpointEvents;
    this.checkpointInterval = b.checkpointInterval;
    this.rollBytes = b.rollBytes;
    this.rollZone = b.rollZone;
    this.mirror = b.mirror;
    this.clock = b.clock;
    this.stream = newStreamId();
    this.sha256 = sha256();
    Files.createDirectories(directory);
    Recovery recovery = Recovery.of(directory);
    Instant now = clock.instant();
    this.filePrefix = "guard-" + STARTED.format(now) + "-" + stream + "-";
    this.previous = recovery.lastHash;
    this.lastCheckpoint = now;
    this.lastForce = System.nanoTime();
    openFile(1);
    SortedMap<String, Object> start = state("stream-start", now);
    if (recovery.stream != null) {
      start.put("sanctuary.continues.stream", recovery.stream);
      start.put("sanctuary.continues.sequence", recovery.sequence);
    }
    if (recovery.torn != null) {
      start.put("sanctuary.recovery.torn", recovery.torn);
      LOG.warn("guard log: the last line of the previous stream, {}, was torn (a crash while writing);"
          + " stream {} continues the chain from the record before it", recovery.torn, stream);
    }
    start.put("sanctuary.fsync", fsync.toString());
    append(start);
    drainAndForce();
    long tick = Math.max(50, Math.min(checkpointInterval.toMillis(),
        fsync.interval().isZero() ? 1000 : fsync.interval().toMillis()));
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sanctuary-guard-log-" + stream);
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Returns a builder of a guard log writing into a directory.
   *
   * @param directory where the log's files go; created if missing
   * @return the builder
   */
  public static Builder builder(Path directory) {
    return new Builder(Objects.requireNonNull(directory, "directory"));
  }

  /** Returns the id of this sink's stream. */
  public String stream() {
    return stream;
  }

  /** Returns the file the sink writes to now. */
  public Path currentFile() {
    synchronized (lock) {
      return file;
    }
  }

  /**
   * Chains and writes the event.
   *
   * @throws SanctuaryGuardException if the event could not be written, or an earlier write or force
   *     failed, or the sink is closed
   */
  @Override
  public void record(GuardEvent event) {
    SortedMap<String, Object> fields = event.fields();
    synchronized (lock) {
      ensureWritable();
      try {
        append(new TreeMap<>(fields));
        if (++sinceCheckpoint >= checkpointEvents) {
          checkpoint(false);
        }
        if (fsync.forces() && ++unsynced >= fsync.events()) {
          drainAndForce();
        }
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    }
  }

  /** Writes a checkpoint now, and forces the log to disk. */
  public void checkpoint() {
    synchronized (lock) {
      ensureWritable();
      try {
        checkpoint(false);
        drainAndForce();
      } catch (IOException | RuntimeException e) {
        throw fail(e);
      }
    }
  }

  /** Writes the closing checkpoint, forces the log to disk and closes it; later records fail. */
  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (failure == null) {
          checkpoint(true);
          drainAndForce();
        }
        channel.close();
      } catch (IOException | RuntimeException e) {
        throw new SanctuaryGuardException("guard log " + file + " could not be closed cleanly: " + e, e);
      }
    }
  }

  @Override
  public String toString() {
    return "GuardLogSink[" + directory + ", stream " + stream + ", fsync " + fsync + ", checkpoints "
        + (keyId == null ? "unsigned" : "signed by key " + keyId) + "]";
  }

  private void tick() {
    synchronized (lock) {
      if (closed || failure != null) {
        return;
      }
      try {
        if (sinceCheckpoint > 0
            && Duration.between(lastCheckpoint, clock.instant()).compareTo(checkpointInterval) >= 0) {
          checkpoint(false);
          drainAndForce();
        } else if (unsynced > 0 && fsync.forces()
            && System.nanoTime() - lastForce >= fsync.interval().toNanos()) {
          drainAndForce();
        } else if (!fsync.forces() && buffer.position() > 0) {
          drain();
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("GUARD LOG FAILED ({}): records since the last force may be lost, and every later decision is"
            + " denied in enforce mode until the guard restarts", e.getClass().getName());
        fail(e);
      }
    }
  }

  private void ensureWritable() {
    if (closed) {
      throw new SanctuaryGuardException("guard log " + file + " is closed");
    }
    if (failure != null) {
      throw new SanctuaryGuardException("guard log " + file + " failed earlier (" + failure.getClass().getName()
          + "): no further record is written", failure);
    }
  }

  private SanctuaryGuardException fail(Exception e) {
    if (failure == null) {
      failure = e;
    }
    return new SanctuaryGuardException("guard log " + file + " could not be written (" + e.getClass().getName() + ")", e);
  }

  private SortedMap<String, Object> state(String action, Instant at) {
    SortedMap<String, Object> record = new TreeMap<>();
    record.put("@timestamp", at.toString());
    record.put("event.kind", "state");
    record.put("event.action", action);
    record.put(LogRecord.SCHEMA, GuardEvent.SCHEMA_VERSION);
    if (keyId != null) {
      record.put(LogRecord.KEY, keyId);
    }
    return record;
  }

  private void checkpoint(boolean closing) throws IOException {
    Instant now = clock.instant();
    SortedMap<String, Object> record = state("checkpoint", now);
    record.put("sanctuary.checkpoint.events", sinceCheckpoint);
    record.put("sanctuary.checkpoint.head", previous);
    record.put("sanctuary.checkpoint.closing", closing);
    chain(record);
    if (signingKey != null) {
      record.put(LogRecord.SIGNATURE, sign(CanonicalJson.bytes(record)));
    }
    byte[] line = seal(record);
    if (mirror != null) {
      mirror(line);
    }
    sinceCheckpoint = 0;
    lastCheckpoint = now;
  }

  /** Adds the chain fields to a record, seals it with its hash and writes it. */
  private void append(SortedMap<String, Object> record) throws IOException {
    chain(record);
    seal(record);
  }

  private void chain(SortedMap<String, Object> record) {
    record.put(LogRecord.SEQUENCE, ++sequence);
    record.put(LogRecord.STREAM, stream);
    record.put(LogRecord.PREVIOUS, previous);
  }

  private byte[] seal(SortedMap<String, Object> record) throws IOException {
    String hash = HexFormat.of().formatHex(sha256.digest(CanonicalJson.bytes(record)));
    record.put(LogRecord.HASH, hash);
    StringBuilder text = new StringBuilder(1024);
    CanonicalJson.object(text, record);
    byte[] line = text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    roll(line.length);
    write(line);
    previous = hash;
    return line;
  }

  private void roll(int incoming) throws IOException {
    long current = fileSize + buffer.position();
    boolean full = rollBytes > 0 && current > 0 && current + incoming > rollBytes;
    boolean nextDay = rollZone != null && !LocalDate.now(clock.withZone(rollZone)).equals(fileDay);
    if (full || nextDay) {
      drainAndForce();
      channel.close();
      openFile(fileIndex + 1);
    }
  }

  private void openFile(int index) throws IOException {
    fileIndex = index;
    file = directory.resolve(filePrefix + String.format("%04d", index) + EXTENSION);
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fileSize = 0;
    fileDay = rollZone == null ? null : LocalDate.now(clock.withZone(rollZone));
  }

  private void write(byte[] line) throws IOException {
    if (line.length > buffer.remaining()) {
      drain();
    }
    if (line.length > buffer.capacity()) {
      ByteBuffer whole = ByteBuffer.wrap(line);
      while (whole.hasRemaining()) {
        fileSize += channel.write(whole);
      }
      return;
    }
    buffer.put(line);
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      fileSize += channel.write(buffer);
    }
    buffer.clear();
  }

  private void drainAndForce() throws IOException {
    drain();
    if (fsync.forces()) {
      channel.force(false);
    }
    unsynced = 0;
    lastForce = System.nanoTime();
  }

  private void mirror(byte[] line) throws IOException {
    Files.createDirectories(Objects.requireNonNull(mirror).toAbsolutePath().getParent());
    try (FileChannel out = FileChannel.open(mirror, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(line);
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    }
  }

  private String sign(byte[] canonical) {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initSign(Objects.requireNonNull(signingKey));
      signature.update(canonical);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a checkpoint (" + e.getClass().getName() + ")", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static String newStreamId() {
    SecureRandom random = new SecureRandom();
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(id);
  }

  /** Where an earlier stream in the directory ended: its last valid record, and a torn line after it. */
  private record Recovery(@Nullable String stream, long sequence, String lastHash, @Nullable String torn) {

    /** Reads the last file of the directory as a stream of lines, keeping only the last two. */
    static Recovery of(Path directory) throws IOException {
      List<Path> files;
      try (Stream<Path> listing = Files.list(directory)) {
        files = listing.filter(path -> path.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
      }
      List<Path> written = files.stream().filter(GuardLogSink.Recovery::nonEmpty).toList();
      if (written.isEmpty()) {
        return new Recovery(null, 0, LogRecord.ZERO, null);
      }
      Path path = written.get(written.size() - 1);
      String name = path.getFileName().toString();
      int count = 0;
      String last = null;
      String beforeLast = null;
      try (java.io.BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          count++;
          beforeLast = last;
          last = line;
        }
      }
      String torn = null;
      if (last != null && !endsWithNewline(path)) {
        torn = name + ":" + count;
      } else if (last != null) {
        Recovery whole = valid(name, count, last, null);
        if (whole != null) {
          return whole;
        }
        torn = name + ":" + count;
      }
      Recovery before = beforeLast == null ? null : valid(name, count - 1, beforeLast, torn);
      if (before == null) {
        throw new IOException(name + " ends in lines that are not guard-log records: continuing its chain is not"
            + " possible; move the file aside after review");
      }
      return before;
    }

    private static @Nullable Recovery valid(String file, int line, String text, @Nullable String torn) {
      try {
        LogRecord record = LogRecord.parse(file, line, text);
        if (record.hashValid() && record.stream() != null && record.hash() != null) {
          return new Recovery(record.stream(), record.sequence(), Objects.requireNonNull(record.hash()), torn);
        }
      } catch (IllegalArgumentException unreadable) {
        // not a whole record
      }
      return null;
    }

    private static boolean nonEmpty(Path path) {
      try {
        return Files.size(path) > 0;
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean endsWithNewline(Path path) throws IOException {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        long size = channel.size();
        if (size == 0) {
          return true;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
      }
    }
  }

  /**
   * Builds a {@link GuardLogSink}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private final Path directory;
    private @Nullable PrivateKey signingKey;
    private FsyncPolicy fsync = FsyncPolicy.every(1000, Duration.ofMillis(200));
    private int checkpointEvents = 10_000;
    private Duration checkpointInterval = Duration.ofMinutes(1);
    private long rollBytes = 256L * 1024 * 1024;
    private @Nullable ZoneId rollZone = ZoneOffset.UTC;
    private @Nullable Path mirror;
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory) {
      this.directory = directory;
    }

    /** Signs checkpoints with an Ed25519 private key; without one they are hashed but not signed. */
    public Builder signingKey(PrivateKey key) {
      this.signingKey = Objects.requireNonNull(key, "key");
      SigningKeys.publicKeyOf(key);
      return this;
    }

    /** Sets how often writes are forced to disk; every 1,000 events or 200 ms by default. */
    public Builder fsync(FsyncPolicy policy) {
      this.fsync = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets how often a signed checkpoint commits to the chain; every 10,000 events or a minute by default. */
    public Builder checkpointEvery(int events, Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (events < 1 || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "checkpoints need at least 1 event and a positive interval, but were " + events + " and " + interval);
      }
      this.checkpointEvents = events;
      this.checkpointInterval = interval;
      return this;
    }

    /** Starts a new file when the current one would grow past this size; 256 MiB by default; 0 for never. */
    public Builder rollAt(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("roll size must be 0 (never) or positive, but was " + bytes);
      }
      this.rollBytes = bytes;
      return this;
    }

    /** Starts a new file every day in this time zone (UTC by default); null for never. */
    public Builder rollDaily(@Nullable ZoneId zone) {
      this.rollZone = zone;
      return this;
    }

    /**
     * Also appends every checkpoint to this file, best on another disk or host, so that cutting the
     * tail of the log after its last checkpoint is detected.
     */
    public Builder checkpointMirror(Path file) {
      this.mirror = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Sets the clock of timestamps and days; the system's UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the log: continues the chain of the last stream in the directory, and writes the new
     * stream's first record.
     *
     * @throws SanctuaryGuardException if the directory cannot be written
     */
    public GuardLogSink build() {
      try {
        return new GuardLogSink(this);
      } catch (IOException e) {
        throw new SanctuaryGuardException("cannot open the guard log in " + directory + ": "
            + SanctuaryGuardException.describe(e), e);
      }
    }
  }
}
