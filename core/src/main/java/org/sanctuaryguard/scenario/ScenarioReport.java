package org.sanctuaryguard.scenario;

import java.util.List;
import java.util.Objects;

/**
 * The results of running scenario files, in file order and scenario order.
 *
 * @param results one result per scenario, and one error result per file that could not be read
 * @since 0.1.0
 */
public record ScenarioReport(List<ScenarioResult> results) {

  /** Copies the results. */
  public ScenarioReport {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
  }

  /** Returns whether every scenario passed (and there was at least one). */
  public boolean allPassed() {
    return !results.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
  }

  /** Returns how many results have the given status. */
  public long count(ScenarioResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /**
   * Renders the report for a terminal: each file, each scenario with its status, the differences
   * and reasons of failures, the problems of errors, and a summary line.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    String source = null;
    for (ScenarioResult result : results) {
      if (!result.source().equals(source)) {
        source = result.source();
        out.append(source).append('\n');
      }
      out.append("  ").append(result.describe()).append('\n');
    }
    out.append(results.size()).append(results.size() == 1 ? " scenario: " : " scenarios: ")
        .append(count(ScenarioResult.Status.PASSED)).append(" passed, ")
        .append(count(ScenarioResult.Status.FAILED)).append(" failed, ")
        .append(count(ScenarioResult.Status.ERROR)).append(count(ScenarioResult.Status.ERROR) == 1 ? " error" : " errors")
        .append('\n');
    return out.toString();
  }
}
