package org.sanctuaryguard.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Policy;

/**
 * The guard against the general policy engines a city would otherwise use, jCasbin and Cedar, on
 * the same five rules ({@code comparison/}) and the same four requests: a city agency nothing
 * restricts, ICE with an administrative warrant, CBP with a verified judicial warrant, and a data
 * broker's bulk request. Each engine decides every category asked for.
 *
 * <p>The comparison leans toward the engines: their inputs ({@link EngineInputs}, and the objects
 * each engine's API takes) are built at set-up, while the guard's time runs from the request
 * itself to a decision with its reasons and obligations. {@link #guardShippedPacks()} adds the
 * guard on the three shipped packs, which hold many more rules. The set-up refuses to run if the
 * engines disagree on any category of the request. The goal: the guard at least ten times faster
 * than the faster engine.
 */
public class EngineComparisonBenchmark extends BenchmarkSettings {

  /** Which request of {@link EngineComparison#BENCHMARKED} is decided. */
  @Param({"unrestricted", "administrative-warrant", "judicial-warrant", "data-broker"})
  public String request;

  private Policy comparisonPolicy;
  private DisclosureRequest comparisonRequest;
  private Policy shippedPolicy;
  private DisclosureRequest shippedRequest;
  private CasbinEngine casbin;
  private CasbinEngine.Request casbinRequest;
  private CedarEngine cedar;
  private CedarEngine.Request cedarRequest;

  /** Loads the three engines, builds their inputs and checks that they agree on the request. */
  @Setup(Level.Trial)
  public void setUp() {
    EngineComparison comparison = new EngineComparison();
    comparisonPolicy = comparison.policy;
    comparisonRequest = EngineComparison.requests(comparisonPolicy).get(request);
    if (comparisonRequest == null) {
      throw new IllegalArgumentException("no request named " + request + "; known: " + EngineComparison.BENCHMARKED);
    }
    EngineComparison.Verdicts verdicts = comparison.verdicts(comparisonRequest);
    if (!verdicts.agree()) {
      throw new IllegalStateException("the engines disagree on " + request + ": " + verdicts);
    }
    shippedPolicy = Disclosures.shippedPolicy();
    shippedRequest = EngineComparison.requests(shippedPolicy).get(request);
    casbin = comparison.casbin;
    casbinRequest = CasbinEngine.prepare(comparison.inputs(comparisonRequest));
    cedar = comparison.cedar;
    cedarRequest = CedarEngine.prepare(comparisonRequest.recipient().id(), comparison.inputs(comparisonRequest));
  }

  /** The guard on the five comparison rules, from the request to a decision with its reasons. */
  @Benchmark
  public Decision guard() {
    return comparisonPolicy.decide(comparisonRequest);
  }

  /** The guard on the packs that ship with the library: the same request, many more rules. */
  @Benchmark
  public Decision guardShippedPacks() {
    return shippedPolicy.decide(shippedRequest);
  }

  /** jCasbin: one {@code enforce} per category, on inputs built at set-up. */
  @Benchmark
  public boolean[] casbin() {
    return casbin.decide(casbinRequest);
  }

  /** Cedar: one authorization per category, on inputs built at set-up. */
  @Benchmark
  public boolean[] cedar() {
    return cedar.decide(cedarRequest);
  }
}
