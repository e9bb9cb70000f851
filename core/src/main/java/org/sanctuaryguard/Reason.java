package org.sanctuaryguard;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Why a decision is what it is: one rule and what it did to which categories.
 *
 * @param rule the rule id, for example {@code "nys.vtl-201-12.dmv-records"}; rules of the guard
 *     itself start with {@code guard.}
 * @param citation the provision the rule encodes, for example {@code "N.Y. Veh. & Traf. Law §
 *     201(12)"}, or null for a rule of the guard itself
 * @param confidence how sure the rule's source is
 * @param message a sentence a caseworker understands
 * @param disposition what the rule did to {@code categories}, or null if it only added obligations
 * @param categories the requested categories the rule applied to
 * @param details the checks behind it: which test a document failed or met, which fact was missing
 * @since 0.1.0
 */
public record Reason(
    String rule,
    @Nullable String citation,
    Confidence confidence,
    String message,
    @Nullable Disposition disposition,
    Set<Category> categories,
    List<String> details) {

  /** Checks the arguments and copies the collections. */
  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(message, "message");
    categories = categories instanceof CategorySet ? categories : Set.copyOf(categories);
    details = List.copyOf(details);
  }

  /** Returns the reason on one line: rule, disposition, citation, message and details. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(rule);
    if (disposition != null) {
      out.append(" (").append(disposition).append(' ').append(categories.stream().sorted().toList()).append(')');
    }
    if (citation != null) {
      out.append(" [").append(citation).append("; ").append(confidence.tag()).append(']');
    }
    out.append(": ").append(message);
    for (String detail : details) {
      out.append(" \u2014 ").append(detail);
    }
    return out.toString();
  }
}
