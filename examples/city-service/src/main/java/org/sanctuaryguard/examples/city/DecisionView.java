package org.sanctuaryguard.examples.city;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A decision of the guard as staff read it: what to do, what may be released and what not, why (the
 * rules with their citations), and what must follow (the obligations, with their deadlines).
 *
 * @param outcome {@code allow}, {@code allow-redacted}, {@code escalate} or {@code deny}
 * @param summary what the outcome means for the staff member, in a sentence
 * @param released the categories that may be released
 * @param withheld the categories that must not be released
 * @param escalated the categories that await counsel
 * @param reasons the rules behind the decision
 * @param obligations what must be done now
 * @param auditEventId the id of the decision's record in the guard log
 * @since 0.1.0
 */
public record DecisionView(
    String outcome,
    String summary,
    List<CategoryView> released,
    List<CategoryView> withheld,
    List<CategoryView> escalated,
    List<ReasonView> reasons,
    List<ObligationView> obligations,
    @Nullable String auditEventId) {

  /**
   * A data category.
   *
   * @param category its key, for example {@code location.home-address}
   * @param description what it holds
   * @since 0.1.0
   */
  public record CategoryView(String category, String description) {}

  /**
   * A rule behind a decision.
   *
   * @param rule the rule's id
   * @param citation the provision it encodes
   * @param message what it says, in a sentence
   * @param effect what it did ({@code withheld location.shelter}), if it decided categories
   * @param details the checks behind it: which test a document failed, which fact was missing
   * @since 0.1.0
   */
  public record ReasonView(String rule, @Nullable String citation, String message, @Nullable String effect,
      List<String> details) {}

  /**
   * Something to do because of the decision.
   *
   * @param obligation its id, for example {@code notify-subject}
   * @param whatToDo what to do, in a sentence
   * @param due by when, if the law sets a deadline
   * @since 0.1.0
   */
  public record ObligationView(String obligation, String whatToDo, @Nullable Instant due) {}
}
