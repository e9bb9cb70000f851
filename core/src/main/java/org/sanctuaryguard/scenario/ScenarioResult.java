package org.sanctuaryguard.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Problem;
import org.sanctuaryguard.Reason;

/**
 * The result of one scenario: passed, failed (the decision differs from what was expected), or in
 * error (the scenario could not be run as written).
 *
 * @param source the scenario file
 * @param index the scenario's position in the file, from 1; 0 for a problem of the file itself
 * @param name the scenario's name, a placeholder if it has none, or {@code "(the file)"}
 * @param status passed, failed or error
 * @param decision the decision, unless the scenario was in error
 * @param mismatches for a failed scenario, each difference from what was expected
 * @param problems for a scenario in error, what is wrong with it
 * @since 0.1.0
 */
public record ScenarioResult(
    String source,
    int index,
    String name,
    Status status,
    @Nullable Decision decision,
    List<String> mismatches,
    List<Problem> problems) {

  /** How a scenario ended. */
  public enum Status {
    /** The decision is what was expected. */
    PASSED,
    /** The decision differs from what was expected. */
    FAILED,
    /** The scenario could not be run as written. */
    ERROR
  }

  /** Checks the arguments and copies the lists. */
  public ScenarioResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    mismatches = List.copyOf(mismatches);
    problems = List.copyOf(problems);
  }

  /** Returns whether this result is about the file as a whole (unreadable, not JSON, bad packs). */
  public boolean isFileProblem() {
    return index == 0;
  }

  /** Returns whether the scenario passed. */
  public boolean passed() {
    return status == Status.PASSED;
  }

  /** Returns the decision, unless the scenario was in error. */
  public Optional<Decision> decisionIfAny() {
    return Optional.ofNullable(decision);
  }

  /**
   * Describes the result for a person: the status and name, and for a failure the differences and
   * the decision's reasons, for an error its problems.
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(status == Status.PASSED ? "PASS " : status == Status.FAILED ? "FAIL " : "ERROR").append(' ').append(name);
    if (status == Status.FAILED && decision != null) {
      for (String mismatch : mismatches) {
        out.append("\n      ").append(mismatch);
      }
      out.append("\n      decision: ").append(decision.outcome())
          .append("; released ").append(decision.released())
          .append("; withheld ").append(decision.withheld());
      if (!decision.escalated().isEmpty()) {
        out.append("; escalated ").append(decision.escalated());
      }
      out.append("\n      obligations: ").append(decision.obligations().stream().map(o -> o.kind().id()).toList());
      out.append("\n      reasons:");
      for (Reason reason : decision.reasons()) {
        out.append("\n        - ").append(reason);
      }
    }
    for (Problem problem : problems) {
      out.append("\n      ").append(problem);
    }
    return out.toString();
  }
}
