package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.internal.json.LogField;

/**
 * Timed checkpoints under load: the sink's thread finds a checkpoint due on its clock, but with
 * many threads recording it would wait long for the sink's lock, so the next record writes the
 * checkpoint under the lock it holds anyway. The test holds the lock itself, as recording threads
 * do, and sets the clock; nothing depends on how fast the machine is.
 */
class GuardLogSinkTimedWorkTest {

  private static final KeyPair KEYS = SigningKeys.generate();
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @TempDir Path directory;

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-05T10:00:00Z"), ZoneOffset.UTC);

  /** A sink whose checkpoints fall due by its clock alone: never by count, and forces never by time. */
  private GuardLogSink sink() {
    return GuardLogSink.builder(directory).signingKey(KEYS.getPrivate()).clock(clock)
        .checkpointEvery(1_000_000, INTERVAL).fsync(FsyncPolicy.every(1_000_000, Duration.ofHours(1))).build();
  }

  @Test
  void recordWhenACheckpointFellDueWhileOthersHoldTheLockThenTheNextRecordWritesIt() throws Exception {
    GuardLogSink sink = sink();
    Guard guard = GuardLogVerifierTest.guard(sink);
    decide(guard);
    Object lock = field(sink, "lock");
    Thread tick = thread("sanctuary-guard-log-" + sink.stream());

    List<LogRecord> records;
    try {
      synchronized (lock) {
        clock.advance(INTERVAL.multipliedBy(10));
        awaitUntil(() -> tick.getState() == Thread.State.BLOCKED); // the sink's thread found it due, and waits
        decide(guard);
        records = records(sink.currentFile());
      }
    } finally {
      guard.close();
    }

    LogRecord checkpoint = records.get(records.size() - 1);
    assertThat(checkpoint.action()).as("the record after the second decision").isEqualTo("checkpoint");
    assertThat(checkpoint.fields().get(LogField.EVENTS.key())).isEqualTo(2L);
    assertThat(checkpoint.string(LogField.TIMESTAMP.key())).isEqualTo(clock.instant().toString());
    assertThat(records.get(records.size() - 2).action()).isEqualTo("disclosure-decision");

    assertThat(GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory).intact()).isTrue();
  }

  @Test
  void tickWhenACheckpointFellDueAndNoRecordComesThenTheSinksThreadWritesIt() throws Exception {
    GuardLogSink sink = sink();
    Guard guard = GuardLogVerifierTest.guard(sink);
    decide(guard);

    clock.advance(INTERVAL.multipliedBy(10));

    try {
      awaitUntil(() -> actions(sink.currentFile()).contains("checkpoint"));
      assertThat(actions(sink.currentFile())).containsExactly("stream-start", "disclosure-decision", "checkpoint");
    } finally {
      guard.close();
    }
    assertThat(GuardLogVerifier.create().withPublicKeys(KEYS.getPublic()).verify(directory).intact()).isTrue();
  }

  private static void decide(Guard guard) {
    guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1").build());
  }

  private static List<LogRecord> records(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.stream().map(line -> LogRecord.parse(file.toString(), 0, line)).toList();
  }

  private static List<String> actions(Path file) {
    try {
      return records(file).stream().map(LogRecord::action).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Object field(GuardLogSink sink, String name) throws ReflectiveOperationException {
    Field field = GuardLogSink.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(sink);
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }

  /** Waits for what the sink's thread does on its next tick: at most a generous bound, on a loaded machine. */
  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s for the sink's thread").isLessThan(until);
      Thread.sleep(5);
    }
  }
}
