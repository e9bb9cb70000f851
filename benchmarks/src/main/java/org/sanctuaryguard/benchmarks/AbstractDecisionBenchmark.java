package org.sanctuaryguard.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;

/**
 * The three decisions of {@link Disclosures}, put to the policy a subclass builds: {@link
 * #unrestricted()} (nothing restricts it: allow), {@link #administrativeWarrantDenied()} (an I-200
 * is not a judicial warrant: deny) and {@link #judicialWarrantReleased()} (a verified Article III
 * warrant lifts the Green Light Law: allow). JMH runs these methods under each subclass's name.
 *
 * <p>The requests are built once, at set-up, and each is decided once there and checked against its
 * expected outcome, so that a suite never measures the wrong path.
 */
public abstract class AbstractDecisionBenchmark extends BenchmarkSettings {

  private Policy policy;
  private DisclosureRequest unrestricted;
  private DisclosureRequest administrativeWarrant;
  private DisclosureRequest judicialWarrant;

  /** Builds the policy and the requests, and checks that each request is decided as its method says. */
  @Setup(Level.Trial)
  public void setUp() {
    policy = policy();
    unrestricted = Disclosures.unrestricted(policy);
    administrativeWarrant = Disclosures.administrativeWarrant(policy);
    judicialWarrant = Disclosures.judicialWarrant(policy);
    Disclosures.expect("the unrestricted request", unrestricted(), Outcome.ALLOW);
    Disclosures.expect("the administrative warrant", administrativeWarrantDenied(), Outcome.DENY);
    Disclosures.expect("the judicial warrant", judicialWarrantReleased(), Outcome.ALLOW);
  }

  /** Returns the policy the decisions are put to; called once per trial, at set-up. */
  protected abstract Policy policy();

  /** A city agency asks for a name and a phone number to deliver a service: a lookup of an interned decision. */
  @Benchmark
  public Decision unrestricted() {
    return policy.decide(unrestricted);
  }

  /** ICE ERO shows a shelter an administrative warrant for a home address: the rules apply, and deny. */
  @Benchmark
  public Decision administrativeWarrantDenied() {
    return policy.decide(administrativeWarrant);
  }

  /** CBP shows the motor-vehicles agency a verified Article III warrant: the rules are lifted, and allow. */
  @Benchmark
  public Decision judicialWarrantReleased() {
    return policy.decide(judicialWarrant);
  }
}
