package org.sanctuaryguard;

import java.util.Objects;

/**
 * A disclosure the guard refused in {@link Mode#ENFORCE}: the decision denies, or awaits counsel.
 * Carries the decision, whose reasons say why; the message names the outcome, the rules and the
 * audit event, never a protected value.
 *
 * @since 0.1.0
 */
public final class DisclosureRefusedException extends SanctuaryGuardException {

  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  /**
   * Creates the exception.
   *
   * @param decision the decision that refuses the disclosure
   */
  public DisclosureRefusedException(Decision decision) {
    super(message(Objects.requireNonNull(decision, "decision")));
    this.decision = decision;
  }

  /** Returns the decision, with its reasons and obligations. */
  public Decision decision() {
    return decision;
  }

  private static String message(Decision decision) {
    return "disclosure refused: " + decision.outcome()
        + (decision.outcome() == Outcome.ESCALATE ? " (awaits counsel)" : "")
        + "; rules " + decision.rules()
        + decision.auditEventId().map(id -> "; event " + id).orElse("");
  }
}
