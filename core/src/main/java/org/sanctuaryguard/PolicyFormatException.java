package org.sanctuaryguard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy pack that cannot be used as written. Carries every problem found, each naming the file,
 * the rule and the field.
 *
 * @since 0.1.0
 */
public final class PolicyFormatException extends SanctuaryGuardException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems what is wrong, at least one
   */
  public PolicyFormatException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem found. */
  public List<Problem> problems() {
    return problems == null ? List.of() : problems; // transient: absent from a deserialized exception
  }

  private static String message(List<Problem> problems) {
    String first = problems.isEmpty() ? "invalid policy pack" : problems.get(0).source();
    return first
        + " has "
        + problems.size()
        + (problems.size() == 1 ? " problem:" : " problems:")
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
