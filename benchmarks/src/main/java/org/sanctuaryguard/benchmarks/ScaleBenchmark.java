package org.sanctuaryguard.benchmarks;

import java.util.List;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Param;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Policy;

/**
 * The decisions of {@link DecisionBenchmark}, made by the shipped packs alone ({@code
 * rules=shipped}) and by the shipped packs composed with a thousand generated rules ({@code
 * rules=1000}, see {@link GeneratedPacks}).
 *
 * <p>Why: a city composes its own packs with the shipped ones, and its policy grows. The policy
 * indexes rules by holder, recipient class, purpose and basis type when it is built, so a decision
 * looks only at the rules of its own context instead of scanning them all. The target: with 1,000
 * more rules a decision takes at most twice as long as with the shipped packs alone; compare the
 * two scores of each method.
 *
 * <p>The generated rules fall into the requests' contexts, where the engine must consider and
 * reject them, but none names a category the requests ask for. At set-up each request is decided by
 * both policies and the decisions must be the same (outcome, categories, reasons, obligations), so
 * the two scores compare equal work. Any other count of generated rules can be given with {@code -p
 * rules=N}.
 */
public class ScaleBenchmark extends AbstractDecisionBenchmark {

  /** The value of {@link #rules} that stands for the shipped packs with nothing added. */
  public static final String SHIPPED = "shipped";

  /** {@value #SHIPPED}, or how many generated rules to compose with the shipped packs. */
  @Param({SHIPPED, "1000"})
  public String rules = SHIPPED;

  /** Returns the shipped packs' policy, with the generated rules added unless {@link #rules} is shipped. */
  @Override
  protected Policy policy() {
    Policy shipped = Disclosures.shippedPolicy();
    if (SHIPPED.equals(rules)) {
      return shipped;
    }
    GeneratedPacks generated = GeneratedPacks.generate(Integer.parseInt(rules), GeneratedPacks.SEED, Disclosures.CATEGORIES);
    Policy larger = Policy.builder().packs(shipped.packs()).packs(generated.packs()).clock(shipped.clock()).build();
    List<Function<Policy, DisclosureRequest>> requests =
        List.of(Disclosures::unrestricted, Disclosures::administrativeWarrant, Disclosures::judicialWarrant);
    for (Function<Policy, DisclosureRequest> request : requests) {
      Decision expected = shipped.decide(request.apply(shipped));
      Decision actual = larger.decide(request.apply(larger));
      if (!sameDecision(expected, actual)) {
        throw new IllegalStateException("the generated rules change a decision: the shipped packs decide "
            + expected + ", with " + rules + " generated rules it is " + actual);
      }
    }
    return larger;
  }

  private static boolean sameDecision(Decision a, Decision b) {
    return a.outcome() == b.outcome()
        && a.released().equals(b.released())
        && a.withheld().equals(b.withheld())
        && a.escalated().equals(b.escalated())
        && a.reasons().equals(b.reasons())
        && a.obligations().equals(b.obligations());
  }
}
