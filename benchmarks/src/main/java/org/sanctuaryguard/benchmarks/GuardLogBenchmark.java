package org.sanctuaryguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.audit.FsyncPolicy;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.GuardLogVerifier;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * The guard log's costs beyond appending (which {@link AuditComparisonBenchmark} measures against a
 * plain JSON Lines log): a whole decision with its event through the file sink ({@link
 * #decideIntoFileSink()}), and verifying a log written beforehand ({@link #verify()}).
 *
 * <p>The log verified holds {@value #VERIFY_EVENTS} events of real decisions: those of the denial
 * of {@link Disclosures#administrativeWarrant} decided {@value AuditComparisonBenchmark#EVENTS}
 * times, in turn, with checkpoints signed with Ed25519 every 10,000 events, the sink's default. Verifying reports throughput in events per
 * second (it counts the events of the log per invocation); the decision reports nanoseconds, whose
 * sampled median is the target. Each iteration writes into a directory of its own, deleted after
 * it, so that the disk holds one iteration's files at a time.
 */
public class GuardLogBenchmark extends BenchmarkSettings {

  /** How many events the log that {@link #verify()} reads holds: {@code @OperationsPerInvocation} counts them. */
  public static final int VERIFY_EVENTS = 100_000;

  private KeyPair keys;
  private DisclosureRequest request;
  private Policy policy;
  private Path trialDirectory;
  private Path written;
  private GuardLogVerifier verifier;
  private Path iterationDirectory;
  private Guard guard;

  /** Writes the log that {@link #verify()} reads. */
  @Setup(Level.Trial)
  public void setUpTrial() throws IOException {
    keys = SigningKeys.generate();
    policy = Disclosures.shippedPolicy();
    GuardEvent[] events = Disclosures.administrativeWarrantEvents(policy, AuditComparisonBenchmark.EVENTS);
    request = Disclosures.unrestricted(policy);
    trialDirectory = Files.createTempDirectory("guard-log-benchmark");
    written = trialDirectory.resolve("written");
    try (GuardLogSink sink = GuardLogSink.builder(written).signingKey(keys.getPrivate()).fsync(FsyncPolicy.never())
        .build()) {
      for (int i = 0; i < VERIFY_EVENTS; i++) {
        sink.record(events[i % events.length]);
      }
    }
    verifier = GuardLogVerifier.create().withPublicKeys(keys.getPublic());
    GuardLogVerifier.Result result = verifier.verify(written);
    if (!result.findings().isEmpty() || result.events() != VERIFY_EVENTS) {
      throw new IllegalStateException("the log to verify does not verify: " + result.render());
    }
  }

  /** Opens the guard, writing into a fresh directory. */
  @Setup(Level.Iteration)
  public void setUpIteration() throws IOException {
    iterationDirectory = Files.createTempDirectory(trialDirectory, "iteration");
    guard = Guard.of(GuardConfig.custom().policy(policy).pseudonymKey(new byte[32])
        .auditSinks(GuardLogSink.builder(iterationDirectory.resolve("guard")).signingKey(keys.getPrivate()).build())
        .build());
    Decision decision = Disclosures.expect("the unrestricted request", decideIntoFileSink(), Outcome.ALLOW);
    if (decision.auditEventId().isEmpty()) {
      throw new IllegalStateException("the guard did not record " + decision);
    }
  }

  /** Closes the guard and deletes what the iteration wrote. */
  @TearDown(Level.Iteration)
  public void tearDownIteration() {
    guard.close();
    Disclosures.deleteDirectory(iterationDirectory);
  }

  /** Deletes the log written for {@link #verify()}. */
  @TearDown(Level.Trial)
  public void tearDownTrial() {
    Disclosures.deleteDirectory(trialDirectory);
  }

  /** Returns the directory the current iteration's sinks write into. */
  @Nullable Path iterationDirectory() {
    return iterationDirectory;
  }

  /**
   * Decides the unrestricted request of {@link Disclosures} with a guard whose only audit sink is
   * the file sink (forcing every 1,000 events): compare with {@code GuardBenchmark.guardDecide},
   * whose sink keeps the event in memory.
   */
  @Benchmark
  public Decision decideIntoFileSink() {
    return guard.decide(request);
  }

  /** Verifies the log written at set-up; one operation per event of it. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(VERIFY_EVENTS)
  public GuardLogVerifier.Result verify() {
    return verifier.verify(written);
  }
}
