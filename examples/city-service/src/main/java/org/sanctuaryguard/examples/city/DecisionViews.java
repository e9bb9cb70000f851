package org.sanctuaryguard.examples.city;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Obligation;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.Reason;
import org.sanctuaryguard.examples.city.DecisionView.CategoryView;
import org.sanctuaryguard.examples.city.DecisionView.ObligationView;
import org.sanctuaryguard.examples.city.DecisionView.ReasonView;
import org.springframework.stereotype.Component;

/**
 * Renders decisions, and the guard events that record them, as {@link DecisionView}s: plain
 * sentences for outcomes and obligations, descriptions for categories, citations for rules.
 */
@Component
class DecisionViews {

  private static final Map<ObligationKind, String> TO_DO = Map.of(
      ObligationKind.LOG_REQUEST, "Record the request and the answer given (the guard log holds this decision).",
      ObligationKind.REPORT_PERIODIC, "Include the request in the quarterly report to the Council (Admin Code § 10-178(d)).",
      ObligationKind.NOTIFY_SUBJECT, "Tell the resident of the request and of the agency that made it.",
      ObligationKind.NOTIFY_PRIVACY_OFFICER, "Tell the agency privacy officer.",
      ObligationKind.NOTIFY_CHIEF_PRIVACY_OFFICER, "Tell the city's Chief Privacy Officer.",
      ObligationKind.REQUIRE_RECIPIENT_CERTIFICATION, "Get the recipient's written certification before releasing anything.",
      ObligationKind.ESCALATE_TO_COUNSEL, "Call agency counsel, ask the officer to wait, and follow counsel's direction.",
      ObligationKind.CAPTURE_DOCUMENTS, "Keep a copy or a photograph of the document presented.",
      ObligationKind.BREACH_REVIEW, "Review the disclosure as a possible breach.",
      ObligationKind.STRIP_NON_STATUS_FIELDS, "If counsel releases anything, release the immigration status alone: no address, date or other field.");

  private final Policy policy;

  DecisionViews(Guard guard) {
    this.policy = guard.policy();
  }

  DecisionView of(Decision decision) {
    List<ReasonView> reasons = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      String effect = reason.disposition() == null ? null : reason.disposition().id() + " "
          + reason.categories().stream().map(Category::key).sorted().collect(Collectors.joining(", "));
      reasons.add(new ReasonView(reason.rule(), reason.citation(), reason.message(), effect, reason.details()));
    }
    return new DecisionView(decision.outcome().id(), summary(decision.outcome()), views(decision.released()),
        views(decision.withheld()), views(decision.escalated()), reasons, obligations(decision.obligations()),
        decision.auditEventId().orElse(null));
  }

  /** Renders a recorded decision: its reasons carry each rule's citation and title, not the sentences of the moment. */
  DecisionView of(GuardEvent event) {
    Outcome outcome = event.outcome().orElseThrow(() -> new IllegalArgumentException("not a decision: " + event.id()));
    List<ReasonView> reasons = event.rules().stream().map(rule -> policy.rule(rule)
        .map(cited -> new ReasonView(rule, cited.citation(), Objects.requireNonNullElse(cited.title(), rule), null,
            List.of()))
        .orElseGet(() -> new ReasonView(rule, null, rule.startsWith("guard.") ? "A rule of the guard itself."
            : "A rule that no pack of the guard holds now.", null, List.of()))).toList();
    return new DecisionView(outcome.id(), summary(outcome), keys(event.released()), keys(event.withheld()),
        keys(event.escalated()), reasons, obligations(event.obligations()), event.id());
  }

  private static String summary(Outcome outcome) {
    switch (outcome) {
      case ALLOW:
        return "Everything asked for may be released.";
      case ALLOW_REDACTED:
        return "Release only the categories listed as released; withhold the rest.";
      case ESCALATE:
        return "Release nothing yet: agency counsel decides first.";
      default:
        return "Release nothing.";
    }
  }

  private static List<ObligationView> obligations(List<Obligation> obligations) {
    return obligations.stream().map(obligation -> new ObligationView(obligation.kind().id(),
        TO_DO.getOrDefault(obligation.kind(), obligation.kind().id()), obligation.deadline().orElse(null))).toList();
  }

  private List<CategoryView> views(Collection<Category> decided) {
    return decided.stream().sorted().map(category -> new CategoryView(category.key(), category.description())).toList();
  }

  private List<CategoryView> keys(List<String> recorded) {
    return views(recorded.stream().map(policy.categories()::get).toList());
  }
}
