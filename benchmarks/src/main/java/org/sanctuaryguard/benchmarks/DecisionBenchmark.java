package org.sanctuaryguard.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Policy;

/**
 * What {@link Policy#decide} costs with the packs that ship with the library ({@code nyc}, {@code
 * new-york-state}, {@code federal}), on the three paths a city meets: a request nothing restricts,
 * an administrative warrant the packs refuse, and a judicial warrant they honour.
 *
 * <p>Why: the guard sits at every disclosure point of a city's software, so the common path must
 * cost no more than a hash lookup. The targets are an unrestricted decision under 100 ns (median)
 * without allocating, since the policy interns such decisions, and a denial or a release under 2 µs.
 * {@link #baseline()} returns a decision made at set-up: the floor of the harness, against which the
 * others are read. Run with {@code -prof gc} to see the bytes each decision allocates.
 */
public class DecisionBenchmark extends AbstractDecisionBenchmark {

  private Decision precomputed;

  /** Returns the shipped packs' policy, and keeps a decision of it for {@link #baseline()}. */
  @Override
  protected Policy policy() {
    Policy policy = Disclosures.shippedPolicy();
    precomputed = policy.decide(Disclosures.unrestricted(policy));
    return policy;
  }

  /** Returns a field: what JMH itself costs for a method that returns a decision. */
  @Benchmark
  public Decision baseline() {
    return precomputed;
  }
}
