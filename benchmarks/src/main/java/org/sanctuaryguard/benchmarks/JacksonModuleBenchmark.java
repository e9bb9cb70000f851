package org.sanctuaryguard.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.benchmarks.RedactionBenchmark.Resident;
import org.sanctuaryguard.spring.DecisionScope;
import org.sanctuaryguard.spring.SanctuaryGuardModule;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring adapter's Jackson 3 module against plain Jackson, writing the 20-property resident of
 * {@link RedactionBenchmark} to JSON bytes: {@link #plainJackson()} with a mapper without the module,
 * {@link #unrestricted()} with the module under a decision that releases everything (a requester
 * nothing restricts), and {@link #redacting()} under a decision that withholds immigration status
 * and home address, the same decision for every write ({@link #redacting()}) or a decision of its own
 * for each, as each response has ({@link #redactingEachResponse()}). Each guarded write opens and
 * closes its {@link DecisionScope}, as the adapter does for each response.
 *
 * <p>Why: every JSON response and request body of a guarded Spring service goes through the module.
 * The targets are 1.05 × plain Jackson for an unrestricted requester and 1.15 × for a redacting one.
 */
public class JacksonModuleBenchmark extends BenchmarkSettings {

  private Resident resident;
  private JsonMapper plain;
  private JsonMapper guarded;
  private Decision released;
  private Decision redacted;
  private Decision[] redactedEach;
  private int next;

  /** Builds the mappers and both decisions, and checks what each write holds. */
  @Setup(Level.Trial)
  public void setUp() {
    resident = RedactionBenchmark.resident();
    Guard guard = Guard.of(GuardConfig.custom().policy(Policy.of(RedactionBenchmark.WITHHOLD_STATUS_AND_ADDRESS))
        .auditSinks(event -> { }).build());
    plain = JsonMapper.builder().build();
    guarded = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
    released = Disclosures.expect("the police's request", guard.decide(guard.request().recipient("nypd")
        .purpose(Purpose.CRIMINAL_INVESTIGATION).payload(resident).build()), Outcome.ALLOW);
    redacted = redactingDecision(guard);
    redactedEach = new Decision[] {redactingDecision(guard), redactingDecision(guard)};
    if (!java.util.Arrays.equals(plainJackson(), unrestricted())) {
      throw new IllegalStateException("the module changed what an unrestricted requester receives");
    }
  }

  /** A city agency's request, decided anew: each decision releases a set of categories of its own. */
  private Decision redactingDecision(Guard guard) {
    return Disclosures.expect("a city agency's request", guard.decide(guard.request().recipient("city-agency")
        .purpose(Purpose.SERVICE_DELIVERY).payload(resident).build()), Outcome.ALLOW_REDACTED);
  }

  /** Writes the resident with plain Jackson: the baseline. */
  @Benchmark
  public byte[] plainJackson() {
    return plain.writeValueAsBytes(resident);
  }

  /** Writes the resident through the module for a requester nothing restricts. */
  @Benchmark
  public byte[] unrestricted() {
    return write(released);
  }

  /** Writes the resident through the module for a requester from whom status and address are withheld. */
  @Benchmark
  public byte[] redacting() {
    return write(redacted);
  }

  /**
   * Writes the resident for a redacting requester under a decision other than the last write's, as
   * each response has its own: the module then asks the decision about every protected property.
   */
  @Benchmark
  public byte[] redactingEachResponse() {
    next ^= 1;
    return write(redactedEach[next]);
  }

  private byte[] write(Decision decision) {
    DecisionScope scope = DecisionScope.open(decision);
    try {
      return guarded.writeValueAsBytes(resident);
    } finally {
      scope.close();
    }
  }
}
