package org.sanctuaryguard.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.sanctuaryguard.internal.json.LogField;
import org.sanctuaryguard.internal.text.RandomIds;
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
 * log with the public key. A checkpoint due on time is written by the next record, under the lock
 * it holds anyway, so that it comes on time however many threads record. A sink that starts in a
 * directory holding an earlier stream continues its chain: its first record names the stream it
 * continues, and a torn last line a crash left.
 * {@code docs/guard-log.md} documents the format.
 *
 * <pre>{@code
 * GuardLogSink log = GuardLogSink.builder(Path.of("/var/log/sanctuary-guard"))
 *     .signingKey(SigningKeys.readPrivateKey(Path.of("/etc/sanctuary-guard/guard-log.key")))
 *     .fsync(FsyncPolicy.every(1000, Duration.ofMillis(200)))
 *     .build();
 * Guard guard = Guard.of(GuardConfig.custom().policy(policy).auditSinks(log, AuditSink.slf4j()).build());
 * }</pre>
 *
 * <p>Writes are buffered and forced to disk with group commit ({@link FsyncPolicy}). A record that
 * cannot be written makes {@link #record} throw, and once a write, a force, a checkpoint's signature
 * or its copy in the checkpoint mirror has failed every later call throws too: the guard denies in
 * {@code ENFORCE} mode rather than disclose what it cannot record. What the sink accepted before it
 * failed, records of decisions already released, it still writes to the log file and forces, when
 * it fails and when it closes. While its disk has less than 1,152 KiB free, room for what it may have accepted but not
 * yet written, it accepts no record either, and takes records again once there is room. Thread-safe; records are chained in the order their calls reach the sink.
 *
 * @since 0.1.0
 */
public final class GuardLogSink implements AuditSink {

  /** The extension of guard-log files. */
  public static final String EXTENSION = ".jsonl";

  /** The file in a log's directory whose lock keeps a second sink out while one writes. */
  static final String LOCK_FILE = ".guard-log.lock";

  private static final Logger LOG = LoggerFactory.getLogger(GuardLogSink.class);
  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final int BUFFER = 64 * 1024;
  /** How many full buffers may wait for a write before recording threads wait for it too. */
  private static final int MAX_PENDING = 16;
  /**
   * How many full buffers wait before the sink's thread is woken to write them: waking a thread
   * costs about as much as a few hundred records take to chain, on a virtual machine; fewer wait
   * until the sink's next tick or group commit.
   */
  private static final int WAKE_WRITER_AT = 4;
  /**
   * The free space the sink keeps on its disk: room for every buffer that may wait for a write, the
   * one being filled, and more. A full disk found by the write of a buffer would lose records whose
   * decisions were already released; found before a record is accepted, it fails the sink while
   * what it accepted can still be written.
   */
  static final long RESERVE = (MAX_PENDING + 2L) * BUFFER;
  /**
   * How long the sink's thread leaves the work it found due on time to the next record before it
   * does it itself: while records flow, one takes it within microseconds; when none took it, none
   * is under way, and the sink's thread finds the lock free.
   */
  private static final long HANDOVER_MILLIS = 10;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** The chain fields in canonical order; the hash is the second, and its place is only noted. */
  private static final String[] CHAIN = {
    LogField.SEQUENCE.key(), LogField.HASH.key(), LogField.PREVIOUS.key(), LogField.STREAM.key()
  };
  /** The names of the sink's files: start time, stream id, index. */
  private static final Pattern FILE_NAME = Pattern.compile("guard-\\d{8}T\\d{6}Z-([a-z2-7]{16})-\\d{4,}\\.jsonl");
  private static final byte[] HASH_KEY = ("\"" + LogField.HASH.key() + "\":").getBytes(StandardCharsets.US_ASCII);
  /** Each recording thread's encoder of events, so that events are encoded outside the lock. */
  private static final ThreadLocal<EventMembers> EVENT_MEMBERS = ThreadLocal.withInitial(EventMembers::new);

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
  private final LongSupplier usableSpace;
  private final String stream;
  private final String filePrefix;
  /** The sink's own thread: writes full buffers, and checkpoints, forces or drains on time. */
  private final ScheduledExecutorService background;

  /**
   * Held to chain a record and copy it into the buffer (a microsecond or so), and for state records,
   * rolls and closing. A plain monitor: with many more recording threads than cores, handing events
   * to whichever thread holds the lock, while the others spin and park, cost 2.6 times the CPU per
   * event ({@code AuditComparisonBenchmark} with {@code -t 16}, in {@code benchmarks/RESULTS.md}).
   */
  private final Object lock = new Object();
  private final FileLock directoryLock;
  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private final CanonicalJson.Writer json = CanonicalJson.Writer.caching();
  private final CanonicalJson.Writer line = new CanonicalJson.Writer();
  /** The encoder of state records (stream starts, checkpoints), used under {@link #lock}. */
  private final EventMembers stateMembers = new EventMembers();
  /** The buffer records are appended to, under {@link #lock}. */
  private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
  /**
   * Guards the file's writes: full buffers handed off under {@link #lock} wait in {@link #pending}
   * and are written in order by the sink's own thread ({@link #background}), or by whoever drains
   * first. Taken inside {@link #lock}, or alone; never the other way round. A recording thread
   * writes only when {@link #MAX_PENDING} buffers wait, and then waits for the write, so that a slow
   * disk holds back recording instead of filling memory.
   */
  private final ReentrantLock io = new ReentrantLock();
  /** Guards {@link #pending} and {@link #spares}; held for a queue operation only. */
  private final Object queues = new Object();
  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  /** Written buffers kept for reuse, as many as may wait: allocating a direct one takes long. */
  private final ArrayDeque<ByteBuffer> spares = new ArrayDeque<>();
  private volatile int pendingBuffers;
  /** Whether a write of the buffers handed off waits for the sink's thread. */
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  /** Whether records were written for a group commit that nobody has forced yet. */
  private volatile boolean forceDue;
  private volatile FileChannel channel;
  /**
   * The file the sink writes to now, and its file key (its device and inode, or null where the file
   * system has none), set under {@link #lock} and {@link #io} both, so a force outside the lock
   * reads them under {@link #io}.
   */
  private Path file;
  private @Nullable Object fileKey;
  private int fileIndex;
  private long fileSize;
  /** When the current file's day ends, in epoch milliseconds; never without daily rolling. */
  private long nextDay;
  private long sequence;
  /** The hash of the last record written, quoted: the next record's {@code sanctuary.chain.previous}. */
  private final byte[] previous = new byte[66];
  private long sinceCheckpoint;
  /**
   * The timed work the sink's thread found due (a checkpoint, a force, a drain), for the next record
   * to do under the lock it holds anyway, or null: with many threads recording, the sink's thread
   * would wait long for the lock, and checkpoints would come late. The one volatile read a record
   * adds.
   */
  private volatile @Nullable Due due;
  /** Bytes appended since the sink started, and when the disk's free space was last read (a system call). */
  private long appended;
  private long appendedAtSpaceCheck;
  private boolean spaceShort;
  /** When the last checkpoint was written, or fell due; read by the sink's thread without the lock. */
  private volatile Instant lastCheckpoint;
  private long unsynced;
  /** When the last group commit was written, or fell due ({@link System#nanoTime}). */
  private long lastForce;
  /**
   * When the sink's thread last handed over a check for a force or a drain ({@link
   * System#nanoTime}); read and written by that thread alone.
   */
  private long writesChecked;
  private @Nullable Exception failure;
  /** What failed, with paths and no record's content: the log file, the mirror, the signing. */
  private @Nullable String failureMessage;
  /** Whether what the sink had accepted when it failed was all written to the log file. */
  private boolean acceptedWritten;
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
    this.stream = RandomIds.next();
    this.sha256 = LogLine.sha256();
    Files.createDirectories(directory);
    this.usableSpace = b.usableSpace != null ? b.usableSpace : usableSpaceOf(Files.getFileStore(directory));
    checkSpace();
    this.directoryLock = lockDirectory(directory);
    try {
      Recovery recovery = Recovery.of(directory);
      Instant now = clock.instant();
      this.filePrefix = "guard-" + STARTED.format(now) + "-" + stream + "-";
      setPrevious(recovery.lastHash.getBytes(StandardCharsets.US_ASCII), 0);
      this.lastCheckpoint = now;
      this.lastForce = System.nanoTime();
      this.writesChecked = lastForce;
      openFile(1);
      SortedMap<String, Object> start = state("stream-start", now);
      if (recovery.stream != null) {
        start.put(LogField.CONTINUES_STREAM.key(), recovery.stream);
        start.put(LogField.CONTINUES_SEQUENCE.key(), recovery.sequence);
      }
      if (recovery.invalid != null) {
        LOG.warn("guard log: the last line of the previous stream, {}, is whole but not a valid record (it was edited or"
            + " damaged, which no crash does); stream {} continues the chain from the record before it: verify the log",
            recovery.invalid, stream);
      }
      if (recovery.torn != null) {
        start.put(LogField.TORN.key(), recovery.torn);
        LOG.warn("guard log: the last line of the previous stream, {}, was torn (a crash while writing);"
            + " stream {} continues the chain from the record before it", recovery.torn, stream);
      }
      start.put(LogField.FSYNC.key(), fsync.toString());
      append(start);
      drainAndForce();
      long tick = Math.max(50, Math.min(checkpointInterval.toMillis(),
          fsync.interval().isZero() ? 1000 : fsync.interval().toMillis()));
      this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sanctuary-guard-log-" + stream);
        thread.setDaemon(true);
        return thread;
      });
      background.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      directoryLock.channel().close();
      throw e;
    }
  }

  private static LongSupplier usableSpaceOf(FileStore store) {
    return () -> {
      try {
        return store.getUsableSpace();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Fails unless the disk has {@link #RESERVE} free: what is recorded must stay writable. */
  private void checkSpace() throws IOException {
    long usable;
    try {
      usable = usableSpace.getAsLong();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (usable < RESERVE) {
      throw new IOException("the guard log's disk has " + usable + " bytes free, less than the " + RESERVE
          + " it keeps so that every record it accepts can be written");
    }
  }

  /**
   * Refuses the record about to be appended while the disk has less than {@link #RESERVE} free,
   * reading the free space once a buffer's worth was appended since the last reading, and at every
   * record while it is short. The sink does not fail: it writes what it accepted, and accepts
   * records again once the disk has room.
   */
  private void ensureSpace() {
    if (!spaceShort && appended - appendedAtSpaceCheck < BUFFER) {
      return;
    }
    appendedAtSpaceCheck = appended;
    try {
      checkSpace();
      spaceShort = false;
    } catch (IOException e) {
      spaceShort = true;
      throw new SanctuaryGuardException("guard log " + file + " accepts no record: " + e.getMessage(), e);
    }
  }

  /**
   * Takes the directory's lock file, so that no other sink, in this process or another, writes
   * into the directory while this one does: two would fork one chain.
   */
  private static FileLock lockDirectory(Path directory) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new SanctuaryGuardException("guard log " + directory + " is being written by another sink, in this"
          + " process or another; each guard needs a directory of its own");
    }
    return lock;
  }

  /**
   * A record's members in canonical form, each preceded by a comma, and where each chain
   * field goes among them ({@code cuts[i]} is the offset before which the members sort before
   * {@code CHAIN[i]}). A member named like a chain field is left out: the chain's wins.
   *
   * <p>A thread's events mostly repeat the members of its last one: the same recipient, outcome,
   * categories, packs, often the same purpose, each the very same object. A member whose name and
   * value are the objects of the last event's member in the same place is copied from that event's
   * encoding instead of encoded again; the timestamp, the id and the subjects are new objects, and
   * are encoded. Values of events are strings, boxed numbers, booleans and immutable lists ({@link
   * GuardEvent#fields()}), so the same object always encodes to the same bytes. Nothing is kept
   * beyond what the last event's encoding already holds.
   */
  private static final class EventMembers implements BiConsumer<String, Object> {

    CanonicalJson.Writer members = CanonicalJson.Writer.caching();
    final int[] cuts = new int[CHAIN.length];
    private int chain;
    /**
     * The last event's encoding, and its members by place: name, value, and where their bytes
     * begin in it; each ends where the next begins, the last where the encoding ends.
     */
    private CanonicalJson.Writer last = CanonicalJson.Writer.caching();
    private String[] names = new String[32];
    private Object[] values = new Object[32];
    private int[] starts = new int[32];
    /** How many chain fields sort before or at each member's name. */
    private int[] ranks = new int[32];
    private int lastCount;
    private int count;

    EventMembers encode(SortedMap<String, Object> fields) {
      CanonicalJson.Writer previous = members;
      members = last;
      last = previous;
      members.reset().continueObject();
      chain = 0;
      count = 0;
      fields.forEach(this);
      while (chain < CHAIN.length) {
        cuts[chain++] = members.length();
      }
      if (count < lastCount) {
        Arrays.fill(values, count, lastCount, null); // keep no value of an event before the last
      }
      lastCount = count;
      return this;
    }

    @Override
    public void accept(String key, Object value) {
      int place = count;
      if (place == names.length) {
        names = Arrays.copyOf(names, place * 2);
        values = Arrays.copyOf(values, place * 2);
        starts = Arrays.copyOf(starts, place * 2);
        ranks = Arrays.copyOf(ranks, place * 2);
      }
      boolean sameName = place < lastCount && names[place] == key;
      int rank = sameName ? ranks[place] : rank(key);
      while (chain < rank) {
        cuts[chain++] = members.length();
      }
      if (rank > 0 && CHAIN[rank - 1].equals(key)) {
        return;
      }
      count++;
      int start = members.length();
      if (sameName && values[place] == value) {
        int end = place + 1 < lastCount ? starts[place + 1] : last.length();
        members.raw(last.array(), starts[place], end - starts[place]);
      } else {
        members.member(key, value);
        names[place] = key;
        values[place] = value;
        ranks[place] = rank;
      }
      starts[place] = start;
    }

    /** Returns how many chain fields sort before or at the name. */
    private static int rank(String key) {
      int rank = 0;
      while (rank < CHAIN.length && CHAIN[rank].compareTo(key) <= 0) {
        rank++;
      }
      return rank;
    }
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
    EventMembers members = EVENT_MEMBERS.get().encode(event.fields());
    boolean commits = false;
    synchronized (lock) {
      ensureWritable();
      ensureSpace();
      boolean accepted = false;
      try {
        append(members);
        accepted = true;
        if (++sinceCheckpoint >= checkpointEvents) {
          checkpoint(false);
        }
        if (fsync.forces() && ++unsynced >= fsync.events()) {
          groupCommit();
          commits = true;
        }
        Due timed = due;
        if (timed != null) {
          due = null;
          commits |= doTimedWork(timed, true);
        }
      } catch (IOException | RuntimeException e) {
        SanctuaryGuardException failed = fail(e);
        if (!accepted || !(e instanceof Failure side && !side.logFile) || !acceptedWritten) {
          throw failed;
        }
        // the record is in the chain, and the log has it: the checkpoint that followed it failed
        LOG.error("GUARD LOG FAILED: {}; the record that was due for a checkpoint was written, and every later decision"
            + " is denied in enforce mode until the guard restarts", failureMessage);
        commits = false;
      }
    }
    if (commits) {
      forceWritten();
    }
    if (pendingBuffers >= WAKE_WRITER_AT) {
      writeHandedOff();
    }
  }

  /**
   * Forces what was written to disk, outside {@link #lock}, so that others go on appending while
   * the disk works; called by the thread whose record made the group commit due, which returns only
   * once a force begun after its commit was written is done. If another thread's force already
   * began, waiting for {@link #io} waits for that force, which covers this commit too. A failure
   * fails the sink, and this record with it.
   */
  private void forceWritten() {
    io.lock();
    releasingIo(() -> {
      if (forceDue) {
        forceDue = false;
        channel.force(false);
        checkFile();
      }
    });
  }

  /** What a thread does to the file holding {@link #io}. */
  private interface FileWork {
    void run() throws IOException;
  }

  /**
   * Does the work under {@link #io}, which the caller took, and lets go of it; if the work fails,
   * fails the sink and throws.
   */
  private void releasingIo(FileWork work) {
    IOException failed = null;
    try {
      work.run();
    } catch (IOException e) {
      failed = e;
    } finally {
      io.unlock();
    }
    if (failed != null) {
      synchronized (lock) {
        throw fail(failed);
      }
    }
  }

  /**
   * Has the buffers handed off written by the sink's thread, once {@link #WAKE_WRITER_AT} wait, so
   * that the recording thread returns without waiting for the file: the write (a kernel copy into
   * new pages of the file, about a microsecond per record) leaves the request's path. When {@link
   * #MAX_PENDING} buffers wait, or the sink's thread has stopped, the recording thread writes them
   * itself, outside {@link #lock}; then a failure fails the sink, and this record with it.
   */
  private void writeHandedOff() {
    if (pendingBuffers < MAX_PENDING) {
      if (writeScheduled.get() || !writeScheduled.compareAndSet(false, true)) {
        return; // a write is on its way or under way, and writes what waits before it ends
      }
      try {
        background.execute(this::writeInBackground);
        return;
      } catch (RejectedExecutionException e) {
        writeScheduled.set(false); // the sink is closing: write here
      }
    }
    io.lock();
    releasingIo(this::writePending);
  }

  /**
   * Writes the buffers handed off, on the sink's thread, until none waits; a failure fails the
   * sink. Until it ends, recording threads leave what they hand off to it.
   */
  private void writeInBackground() {
    try {
      do {
        io.lock();
        releasingIo(this::writePending);
        writeScheduled.set(false);
      } while (pendingBuffers >= WAKE_WRITER_AT && writeScheduled.compareAndSet(false, true));
    } catch (SanctuaryGuardException e) {
      writeScheduled.set(false);
      failedInBackground(e.getCause() != null ? e.getCause() : e);
    }
  }

  private void failedInBackground(Throwable cause) {
    LOG.error("GUARD LOG FAILED ({}): {}; every later decision is denied in enforce mode until the guard restarts",
        cause.getClass().getName(), failureMessage);
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
    stopBackground();
    synchronized (lock) {
      if (closed) {
        return;
      }
      SanctuaryGuardException failed = null;
      if (failure == null) {
        try {
          checkpoint(true);
          drainAndForce();
        } catch (IOException | RuntimeException e) {
          failed = fail(e);
        }
      } else if (!writeAccepted()) {
        failed = new SanctuaryGuardException("guard log " + directory + ": " + failureMessage + "; records it had accepted, of decisions already"
            + " released, could not all be written to " + file, failure);
      }
      closed = true;
      io.lock(); // a force of a group commit, outside the lock, ends before the file closes
      try {
        channel.close();
      } catch (IOException e) {
        if (failed == null) {
          failed = new SanctuaryGuardException("guard log file " + file + " could not be closed cleanly ("
              + e.getClass().getName() + ")", e);
        }
      } finally {
        io.unlock();
        unlockDirectory();
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * Stops the sink's thread once a write or a tick under way is done. Interrupting it instead would
   * close the file under the write, as an interrupted {@link FileChannel} does, and fail the sink.
   */
  private void stopBackground() {
    background.shutdown();
    try {
      if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("guard log {}: a write still runs after a minute; closing without waiting for it", directory);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GuardLogSink[" + directory + ", stream " + stream + ", fsync " + fsync + ", checkpoints "
        + (keyId == null ? "unsigned" : "signed by key " + keyId) + "]";
  }

  /**
   * Stops as a crash of the process would, for tests: no closing checkpoint, nothing buffered
   * written, the file and the directory's lock released (as the operating system releases them).
   */
  void crash() {
    background.shutdownNow();
    synchronized (lock) {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("guard log {}: {} while closing after a crash", directory, e.getClass().getName());
      }
      unlockDirectory();
    }
  }

  private void unlockDirectory() {
    try {
      directoryLock.channel().close();
    } catch (IOException e) {
      LOG.warn("guard log {}: could not release the directory's lock: {}", directory, e.getClass().getName());
    }
  }

  /**
   * Finds on time, without the lock, what may be due: a checkpoint once its interval passed, a
   * force every fsync interval, a drain of a sink that never forces at every tick. It hands the
   * work to the next record, which holds the lock anyway and does what is due, and does it itself
   * only if no record took it within {@link #HANDOVER_MILLIS}.
   */
  private void tick() {
    if (due != null) {
      return; // handed over, and not taken yet
    }
    Instant now = clock.instant();
    long nanos = System.nanoTime();
    boolean writes = !fsync.forces() || nanos - writesChecked >= fsync.interval().toNanos();
    if (writes || Duration.between(lastCheckpoint, now).compareTo(checkpointInterval) >= 0) {
      if (writes) {
        writesChecked = nanos;
      }
      due = new Due(now, nanos);
      try {
        background.schedule(this::takeOver, HANDOVER_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // the sink is closing: a record takes the work, or close() writes its closing checkpoint
      }
    }
  }

  /** Does the timed work handed over if no record took it: none is under way, so the lock is free. */
  private void takeOver() {
    if (due == null) {
      return;
    }
    synchronized (lock) {
      Due timed = due;
      due = null;
      if (timed == null || closed || failure != null) {
        return;
      }
      try {
        doTimedWork(timed, false);
      } catch (IOException | RuntimeException e) {
        fail(e);
        failedInBackground(e);
      }
    }
  }

  /** When the sink's thread found timed work due: by the sink's clock, and by {@link System#nanoTime}. */
  private record Due(Instant at, long nanos) {}

  /**
   * Does the timed work found due, under {@link #lock}: a checkpoint if events came since the last
   * and its interval passed, with a group commit; a group commit if records wait for a force and
   * the fsync interval passed; or a drain of a sink that never forces. The next falls due an
   * interval after this one fell due, however late a record took it. A recording thread forces
   * once it let go of the lock, and is told so by the result; the sink's thread forces here.
   */
  private boolean doTimedWork(Due timed, boolean recording) throws IOException {
    boolean checkpointDue = sinceCheckpoint > 0
        && Duration.between(lastCheckpoint, timed.at).compareTo(checkpointInterval) >= 0;
    if (checkpointDue) {
      checkpoint(false);
      lastCheckpoint = timed.at;
    }
    if (checkpointDue
        || (unsynced > 0 && fsync.forces() && timed.nanos - lastForce >= fsync.interval().toNanos())) {
      boolean forceAfterLock = recording && fsync.forces();
      if (forceAfterLock) {
        groupCommit();
      } else {
        drainAndForce();
      }
      lastForce = timed.nanos;
      return forceAfterLock;
    }
    if (!fsync.forces() && (buffer.position() > 0 || pendingBuffers > 0)) {
      drain();
      checkFile();
    }
    return false;
  }

  /** Writes what was appended as a group commit, which the recording thread forces once it lets go of the lock. */
  private void groupCommit() throws IOException {
    drainForCommit();
    forceDue = true;
  }

  private void ensureWritable() {
    if (closed) {
      throw new SanctuaryGuardException("guard log " + file + " is closed");
    }
    if (failure != null) {
      throw new SanctuaryGuardException("guard log " + directory + " failed earlier (" + failureMessage
          + "): no further record is written", failure);
    }
  }

  /**
   * Fails the sink: from now on it accepts no record. What it accepted before, records of decisions
   * already released, it still writes to the log file and forces, at once and again at {@link
   * #close}: whatever failed, the checkpoint mirror, the signing of a checkpoint or the log file
   * itself (then as far as the file still takes them). Returns the exception to throw, naming what
   * failed.
   */
  private SanctuaryGuardException fail(Exception e) {
    String what = e instanceof Failure own ? own.getMessage()
        : "the guard log file " + file + " could not be written (" + e.getClass().getName() + ")";
    if (failure == null) {
      failure = e;
      failureMessage = what;
      acceptedWritten = writeAccepted();
    }
    return new SanctuaryGuardException("guard log " + directory + ": " + what, e);
  }

  /**
   * Writes every record the sink accepted that is not written yet, and forces the file as its fsync
   * policy does, after the sink failed; returns whether all of it is in the log file. A failure is
   * logged, and the records are reported as lost.
   */
  private boolean writeAccepted() {
    if (closed) {
      return true; // close() wrote and forced all it accepted
    }
    boolean unwritten = buffer.position() > 0 || pendingBuffers > 0;
    if (!channel.isOpen()) {
      if (unwritten) {
        LOG.error("GUARD LOG FAILED: records it had accepted, of decisions already released, could not be written:"
            + " the guard log file {} is closed", file);
      }
      return !unwritten;
    }
    try {
      drainAndForce();
      if (unwritten) {
        LOG.warn("guard log {} failed ({}); the records it had accepted were written to {}", directory,
            failureMessage, file);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.error("GUARD LOG FAILED: records it had accepted, of decisions already released, could not all be written"
          + " to {} ({}): {}", file, e.getClass().getName(), e instanceof Failure own ? own.getMessage() : "");
      return false;
    }
  }

  private SortedMap<String, Object> state(String action, Instant at) {
    SortedMap<String, Object> record = new TreeMap<>();
    record.put(LogField.TIMESTAMP.key(), at.toString());
    record.put(LogField.KIND.key(), "state");
    record.put(LogField.ACTION.key(), action);
    record.put(LogField.SCHEMA.key(), GuardEvent.SCHEMA_VERSION);
    if (keyId != null) {
      record.put(LogField.KEY.key(), keyId);
    }
    return record;
  }

  private void checkpoint(boolean closing) throws IOException {
    Instant now = clock.instant();
    SortedMap<String, Object> record = state("checkpoint", now);
    record.put(LogField.EVENTS.key(), sinceCheckpoint);
    record.put(LogField.HEAD.key(), new String(previous, 1, 64, StandardCharsets.US_ASCII));
    record.put(LogField.CLOSING.key(), closing);
    if (signingKey != null) {
      splice(stateMembers.encode(record), sequence + 1);
      record.put(LogField.SIGNATURE.key(), sign(json.array(), json.length()));
    }
    append(record);
    if (mirror != null) {
      mirror(line.toByteArray());
    }
    sinceCheckpoint = 0;
    lastCheckpoint = now;
  }

  /** Writes a state record (a stream start, a checkpoint) with the chain fields added. */
  private void append(SortedMap<String, Object> fields) throws IOException {
    append(stateMembers.encode(fields));
  }

  /**
   * Writes a record whose members are encoded already (a guard event's by the recording thread,
   * before it took the lock): the lock is held for the chain alone.
   */
  private void append(EventMembers record) throws IOException {
    writeHashed(splice(record, ++sequence));
  }

  /**
   * Writes the canonical form of the record with the chain fields spliced in their sorted places,
   * but the hash, into {@link #json}, and returns where the hash member goes. The hash always
   * follows {@code event.sequence}, so it is never the first member.
   */
  private int splice(EventMembers record, long number) {
    byte[] members = record.members.array();
    int[] cuts = record.cuts;
    json.reset().continueObject().raw(members, 0, cuts[0]).member(CHAIN[0], number)
        .raw(members, cuts[0], cuts[1] - cuts[0]);
    int hashAt = json.length();
    json.raw(members, cuts[1], cuts[2] - cuts[1]).rawMember(CHAIN[2], previous)
        .raw(members, cuts[2], cuts[3] - cuts[2]).member(CHAIN[3], stream)
        .raw(members, cuts[3], record.members.length() - cuts[3]).endObject();
    json.array()[0] = '{';
    return hashAt;
  }

  /**
   * Hashes the canonical form in {@link #json}, which lacks only the hash, then writes it with the
   * hash member put at {@code hashAt}, so that each record is serialized once.
   */
  private void writeHashed(int hashAt) throws IOException {
    sha256.update(json.array(), 0, json.length());
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
    line.reset().raw(json.array(), 0, hashAt).raw(',').raw(HASH_KEY, 0, HASH_KEY.length).raw('"');
    int hex = line.length();
    for (byte b : digest) {
      line.raw(HEX[(b >> 4) & 0xf]).raw(HEX[b & 0xf]);
    }
    setPrevious(line.array(), hex);
    line.raw('"').raw(json.array(), hashAt, json.length() - hashAt).raw('\n');
    roll(line.length());
    write(line.array(), line.length());
  }

  private void setPrevious(byte[] hex, int offset) {
    previous[0] = '"';
    System.arraycopy(hex, offset, previous, 1, 64);
    previous[65] = '"';
  }

  private void roll(int incoming) throws IOException {
    long current = fileSize + buffer.position();
    boolean full = rollBytes > 0 && current > 0 && current + incoming > rollBytes;
    boolean dayEnded = clock.millis() >= nextDay;
    if (full || dayEnded) {
      drainAndForce();
      io.lock(); // a group commit's force waits for the new file, instead of forcing the closed one
      try {
        channel.close();
        openFile(fileIndex + 1);
      } finally {
        io.unlock();
      }
    }
  }

  private void openFile(int index) throws IOException {
    fileIndex = index;
    file = directory.resolve(filePrefix + String.format("%04d", index) + EXTENSION);
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    fileKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    fileSize = 0;
    nextDay = rollZone == null ? Long.MAX_VALUE
        : LocalDate.now(clock.withZone(rollZone)).plusDays(1).atStartOfDay(rollZone).toInstant().toEpochMilli();
  }

  private void write(byte[] bytes, int length) throws IOException {
    appended += length;
    if (length > buffer.remaining()) {
      handOff();
    }
    if (length > buffer.capacity()) {
      drain();
      io.lock();
      try {
        writeAll(ByteBuffer.wrap(bytes, 0, length));
        fileSize += length;
      } finally {
        io.unlock();
      }
      return;
    }
    buffer.put(bytes, 0, length);
  }

  /** Queues the full buffer for writing and appends to a spare one from now on. */
  private void handOff() {
    if (buffer.position() == 0) {
      return;
    }
    fileSize += buffer.position();
    buffer.flip();
    ByteBuffer spare;
    synchronized (queues) {
      pending.add(buffer);
      pendingBuffers = pending.size();
      spare = spares.poll();
    }
    buffer = spare != null ? spare : ByteBuffer.allocateDirect(BUFFER);
  }

  /** Writes the buffers handed off, in order; the caller holds {@link #io}. */
  private void writePending() throws IOException {
    for (ByteBuffer next = nextPending(); next != null; next = nextPending()) {
      writeAll(next);
      synchronized (queues) {
        pending.poll();
        pendingBuffers = pending.size();
        if (spares.size() < MAX_PENDING) {
          spares.push(next.clear()); // last in, first out: the buffers in use stay few, and warm
        }
      }
    }
  }

  private @Nullable ByteBuffer nextPending() {
    synchronized (queues) {
      return pending.peek();
    }
  }

  /** Writes the bytes to the file; the caller holds {@link #io}. */
  private void writeAll(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /**
   * Writes everything appended so far: the buffers handed off, then the current one. A write that
   * fails leaves what it did not write at the start of the current buffer, so that writing again
   * (after a failure, to write what the sink accepted) neither repeats nor loses a byte.
   */
  private void drain() throws IOException {
    io.lock();
    try {
      writePending();
      buffer.flip();
      try {
        writeAll(buffer);
      } finally {
        fileSize += buffer.position();
        buffer.compact();
      }
    } finally {
      io.unlock();
    }
  }

  /**
   * Writes and forces everything appended so far, under {@link #lock}: the group commits due are
   * forced with it, so that their threads, which may come to {@link #forceWritten} only after the
   * file closed, have nothing left to force.
   */
  private void drainAndForce() throws IOException {
    drainForCommit();
    if (fsync.forces()) {
      channel.force(false);
      forceDue = false;
    }
    checkFile();
  }

  /**
   * Fails unless the file the sink writes to is still the file at its path: a log directory deleted,
   * or a file moved away or replaced, while the sink runs would take records into a file nobody
   * reads. Checked at every force, checkpoint and roll, and at every drain of a sink that never
   * forces (one {@code stat} each), so for each record only under a policy that forces each
   * one: the records accepted since the last check went to the file removed.
   */
  private void checkFile() throws Failure {
    Object key;
    try {
      key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      throw new Failure(true, "the guard log file " + file + " was removed or replaced ("
          + SanctuaryGuardException.describe(e) + ")", e);
    }
    if (fileKey != null && !fileKey.equals(key)) {
      throw new Failure(true, "the guard log file " + file + " was removed or replaced (another file is at its path)",
          null);
    }
  }

  /** Writes everything appended so far as a group commit, which a force then makes durable. */
  private void drainForCommit() throws IOException {
    drain();
    unsynced = 0;
    lastForce = System.nanoTime();
  }

  private void mirror(byte[] line) throws IOException {
    try {
      Files.createDirectories(Objects.requireNonNull(mirror).toAbsolutePath().getParent());
      try (FileChannel out = FileChannel.open(mirror, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(false);
      }
    } catch (IOException e) {
      throw new Failure(false, "the checkpoint mirror " + mirror + " could not be written ("
          + SanctuaryGuardException.describe(e) + ")", e);
    }
  }

  private String sign(byte[] canonical, int length) throws Failure {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initSign(Objects.requireNonNull(signingKey));
      signature.update(canonical, 0, length);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Failure(false, "a checkpoint could not be signed (" + e.getClass().getName() + ")", e);
    }
  }

  /**
   * A failure the sink describes itself, with paths and nothing of a record: of the log file, or of
   * something else (the checkpoint mirror, the signing of checkpoints), which leaves the log file
   * able to take what the sink accepted.
   */
  private static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean logFile;

    Failure(boolean logFile, String message, @Nullable Throwable cause) {
      super(message, cause);
      this.logFile = logFile;
    }
  }

  /**
   * Where the last stream in the directory ended: its last valid record, the torn line a crash left
   * after it, or a whole last line that is not a valid record (which no crash leaves).
   */
  private record Recovery(@Nullable String stream, long sequence, String lastHash, @Nullable String torn,
      @Nullable String invalid) {

    /**
     * Finds the last stream among the sink's own files (a checkpoint mirror or another file in the
     * directory is never continued): the stream that no other continues, the latest started if
     * several, and reads its last file, keeping only its last two lines. A last file that holds
     * only a torn line, as a crash right after a roll leaves it, is recovered from the end of the
     * file before it; a stream whose only line is its torn start, as a crash while a sink opened
     * leaves it, is passed over for the stream before it.
     */
    static Recovery of(Path directory) throws IOException {
      Map<String, List<Path>> streams = new HashMap<>();
      try (Stream<Path> listing = Files.list(directory)) {
        listing.filter(path -> FILE_NAME.matcher(path.getFileName().toString()).matches()).filter(Recovery::nonEmpty)
            .forEach(path -> streams.computeIfAbsent(streamOf(path), id -> new ArrayList<>()).add(path));
      }
      streams.values().forEach(files -> files.sort(LogFiles.ORDER));
      Set<String> continued = new HashSet<>();
      for (List<Path> files : streams.values()) {
        String predecessor = continues(files.get(0));
        if (predecessor != null) {
          continued.add(predecessor);
        }
      }
      Comparator<Map.Entry<String, List<Path>>> byStart =
          Comparator.comparing(entry -> entry.getValue().get(0), LogFiles.ORDER);
      String tornStart = null;
      while (!streams.isEmpty()) {
        Map.Entry<String, List<Path>> lastStream = streams.entrySet().stream()
            .filter(entry -> !continued.contains(entry.getKey())).max(byStart)
            .orElseGet(() -> streams.entrySet().stream().max(byStart).orElseThrow());
        Recovery recovery = ofStream(lastStream.getValue(), tornStart);
        if (recovery != null) {
          return recovery;
        }
        tornStart = lastStream.getValue().get(0).getFileName() + ":1";
        LOG.warn("guard log: stream {} holds only its first line, torn (a crash while it started); the stream before it"
            + " is continued", lastStream.getKey());
        streams.remove(lastStream.getKey());
      }
      return new Recovery(null, 0, LogLine.ZERO, tornStart, null);
    }

    /**
     * Where the stream ends: its last valid record, and the torn or invalid line after it; null if
     * its only line is a torn start, so that the stream before it is continued.
     *
     * @param tornStart the torn start of a stream passed over, which is the line to record as torn
     */
    private static @Nullable Recovery ofStream(List<Path> files, @Nullable String tornStart) throws IOException {
      Path path = files.get(files.size() - 1);
      String name = path.getFileName().toString();
      LastLines last = LastLines.of(path);
      String torn = tornStart;
      String invalid = null;
      if (last.last != null && !last.terminated) {
        if (tornStart != null) {
          throw new IOException(name + " ends in a torn line, and the stream after it holds only its torn first line,"
              + " " + tornStart + ": continuing its chain is not possible; move the files aside after review");
        }
        torn = name + ":" + last.count;
        if (last.beforeLast == null) {
          // a crash right after a roll, or while the stream started: the file holds only a torn line
          if (files.size() == 1) {
            return null;
          }
          Path previousFile = files.get(files.size() - 2);
          LastLines previous = LastLines.of(previousFile);
          Recovery end = previous.last == null || !previous.terminated ? null : valid(previous.last, torn, null);
          if (end == null) {
            throw new IOException(name + " holds only a torn line, and " + previousFile.getFileName() + " before it"
                + " does not end in a guard-log record: continuing its chain is not possible; move the files aside"
                + " after review");
          }
          return end;
        }
      } else if (last.last != null) {
        Recovery whole = valid(last.last, torn, null);
        if (whole != null) {
          return whole;
        }
        invalid = name + ":" + last.count;
      }
      Recovery before = last.beforeLast == null ? null : valid(last.beforeLast, torn, invalid);
      if (before == null) {
        throw new IOException(name + " ends in lines that are not guard-log records: continuing its chain is not"
            + " possible; move the file aside after review");
      }
      return before;
    }

    private static String streamOf(Path file) {
      Matcher name = FILE_NAME.matcher(file.getFileName().toString());
      return name.matches() ? name.group(1) : "";
    }

    /** Returns the stream that the file's first record, a stream start, says it continues. */
    private static @Nullable String continues(Path file) throws IOException {
      LogLine line = new LogLine();
      String[] continued = {null};
      new LogFiles().read(file, first -> {
        if (!first.tooLong && line.read(first.bytes, first.offset, first.length)) {
          continued[0] = line.string(LogField.CONTINUES_STREAM);
        }
        return false;
      });
      return continued[0];
    }

    private static @Nullable Recovery valid(byte[] text, @Nullable String torn, @Nullable String invalid) {
      LogLine line = new LogLine();
      if (line.read(text, 0, text.length) && line.hashValid()) {
        return new Recovery(line.string(LogField.STREAM), line.number(LogField.SEQUENCE),
            Objects.requireNonNull(line.string(LogField.HASH)), torn, invalid);
      }
      return null;
    }

    /** Keeps the last two lines of a file, and whether a line feed ends the last. */
    private static final class LastLines implements LogFiles.LineHandler {
      byte @Nullable [] last;
      byte @Nullable [] beforeLast;
      boolean terminated;
      long count;

      static LastLines of(Path file) throws IOException {
        LastLines lines = new LastLines();
        new LogFiles().read(file, lines);
        return lines;
      }

      @Override
      public boolean line(LogFiles.Line line) {
        beforeLast = last;
        last = line.tooLong ? new byte[0] : Arrays.copyOfRange(line.bytes, line.offset, line.offset + line.length);
        terminated = line.terminated;
        count = line.number;
        return true;
      }
    }

    private static boolean nonEmpty(Path path) {
      try {
        return Files.size(path) > 0;
      } catch (IOException e) {
        return false;
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
    private @Nullable LongSupplier usableSpace;

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
     * Also appends every checkpoint to this file, outside the log directory and best on another disk
     * or host, so that cutting the tail of the log after its last checkpoint is detected.
     *
     * @throws IllegalArgumentException if the file is inside the log directory
     */
    public Builder checkpointMirror(Path file) {
      Objects.requireNonNull(file, "file");
      if (file.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("the checkpoint mirror must be outside the log directory " + directory
            + ", best on another disk, but was " + file);
      }
      this.mirror = file;
      return this;
    }

    /** Sets the clock of timestamps and days; the system's UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Reads the disk's free space from this supplier instead of the directory's file store: for tests. */
    Builder usableSpace(LongSupplier usableSpace) {
      this.usableSpace = Objects.requireNonNull(usableSpace, "usableSpace");
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
