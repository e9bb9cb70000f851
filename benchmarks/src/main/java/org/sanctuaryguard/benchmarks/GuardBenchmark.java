package org.sanctuaryguard.benchmarks;

import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;

/**
 * The guard's own cost, as a pair: {@link #policyDecide()} decides the unrestricted request of
 * {@link Disclosures} with the policy alone, {@link #guardDecide()} decides it with a guard of that
 * policy, which also numbers the decision, builds its guard event, pseudonymizes the subject with
 * HMAC-SHA-256 under a 32-byte key, and hands the event to its audit sink.
 *
 * <p>Why: every disclosure goes through a guard, so the difference between the two
 * scores is what auditing adds to each disclosure, apart from the sink's own I/O. The sink keeps only
 * the last event, which costs one store, so that the JIT cannot leave out the event it builds and
 * nothing accumulates. Run with {@code -prof gc} to see what the event allocates.
 */
public class GuardBenchmark extends BenchmarkSettings {

  /** The seed of the pseudonym key: any fixed key will do, since its value does not change the cost. */
  private static final long KEY_SEED = 32L;

  private Policy policy;
  private Guard guard;
  private DisclosureRequest request;
  private @Nullable GuardEvent lastEvent;

  /** Builds the guard and the request, and checks that both calls allow and that the event is recorded. */
  @Setup(Level.Trial)
  public void setUp() {
    policy = Disclosures.shippedPolicy();
    byte[] key = new byte[32];
    new Random(KEY_SEED).nextBytes(key);
    guard = Guard.of(GuardConfig.custom()
        .policy(policy)
        .auditSinks(event -> lastEvent = event)
        .pseudonymKey(key)
        .build());
    request = Disclosures.unrestricted(policy);
    Disclosures.expect("the unrestricted request, without a guard", policyDecide(), Outcome.ALLOW);
    Decision guarded = Disclosures.expect("the unrestricted request, guarded", guardDecide(), Outcome.ALLOW);
    GuardEvent event = lastEvent;
    if (event == null || !event.id().equals(guarded.auditEventId().orElse(null))
        || event.subjectPseudonyms().isEmpty() || event.failure().isPresent()) {
      throw new IllegalStateException("the guard did not record a pseudonymized event of " + guarded + ": " + event);
    }
  }

  /** Returns the last event the sink received, if any. */
  @Nullable GuardEvent lastEvent() {
    return lastEvent;
  }

  /** Closes the guard, and with it its sink. */
  @TearDown(Level.Trial)
  public void tearDown() {
    guard.close();
  }

  /** Decides with the policy alone: the direct call. */
  @Benchmark
  public Decision policyDecide() {
    return policy.decide(request);
  }

  /** Decides with the guard, which records the decision: the guarded call. */
  @Benchmark
  public Decision guardDecide() {
    return guard.decide(request);
  }
}
