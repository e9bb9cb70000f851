package org.sanctuaryguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.audit.FsyncPolicy;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * The cost of tamper evidence: appending guard events to the guard log ({@link
 * #guardLog(Turn)}: canonical JSON, chained by SHA-256 to the event before it, an Ed25519-signed
 * checkpoint every 10,000 events) and to a plain JSON Lines log of the same fields written by
 * Jackson without any of that ({@link #plainJsonLines(Turn)}, the reference), at the same forcing
 * policy: every 1,000 events, or never (left to the operating system).
 *
 * <p>The events are those of {@value #EVENTS} denials of {@link Disclosures#administrativeWarrant}
 * by one guard, appended in turn: like a guard's events, each shares the guard's own values with the
 * one before it and differs in its id and time. One operation is one event appended, so events per
 * second are 10⁹ divided by the nanoseconds per operation. Each iteration writes into a directory
 * of its own, deleted after it.
 */
public class AuditComparisonBenchmark extends BenchmarkSettings {

  /** How many distinct events the benchmarks append in turn. */
  static final int EVENTS = 1024;

  /** How often both logs force the disk. */
  @Param({"every-1000-events", "never"})
  public String fsync;

  private KeyPair keys;
  private GuardEvent[] events;
  private Path iterationDirectory;
  private GuardLogSink chained;
  private PlainJsonLinesSink plain;

  /** Captures the events and makes the signing key. */
  @Setup(Level.Trial)
  public void setUpTrial() {
    keys = SigningKeys.generate();
    events = Disclosures.administrativeWarrantEvents(Disclosures.shippedPolicy(), EVENTS);
  }

  /** Opens both logs in a fresh directory. */
  @Setup(Level.Iteration)
  public void setUpIteration() throws IOException {
    FsyncPolicy policy = switch (fsync) {
      case "every-1000-events" -> FsyncPolicy.every(1000, Duration.ofMillis(200));
      case "never" -> FsyncPolicy.never();
      default -> throw new IllegalArgumentException("unknown fsync policy " + fsync);
    };
    iterationDirectory = Files.createTempDirectory("audit-comparison");
    chained = GuardLogSink.builder(iterationDirectory.resolve("chained")).signingKey(keys.getPrivate())
        .fsync(policy).build();
    plain = new PlainJsonLinesSink(iterationDirectory.resolve("plain.jsonl"), policy);
  }

  /** Closes both logs and deletes what the iteration wrote. */
  @TearDown(Level.Iteration)
  public void tearDownIteration() {
    chained.close();
    plain.close();
    Disclosures.deleteDirectory(iterationDirectory);
  }

  /** Returns the directory the current iteration's logs write into. */
  @Nullable Path iterationDirectory() {
    return iterationDirectory;
  }

  /** Appends the next event to the guard log: chained, hashed and checkpointed. */
  @Benchmark
  public GuardLogSink guardLog(Turn turn) {
    chained.record(turn.next(events));
    return chained;
  }

  /** Appends the next event's fields to a plain JSON Lines file: the reference. */
  @Benchmark
  public PlainJsonLinesSink plainJsonLines(Turn turn) {
    plain.record(turn.next(events));
    return plain;
  }

  /** A thread's place among the events. */
  @State(Scope.Thread)
  public static class Turn {
    private int next;

    GuardEvent next(GuardEvent[] events) {
      GuardEvent event = events[next];
      next = (next + 1) % events.length;
      return event;
    }
  }
}
