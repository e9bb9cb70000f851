package org.sanctuaryguard;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule of a pack as people cite it, for a decision read back from a guard event, which records
 * rule ids only: see {@link Policy#rule(String)}. Immutable.
 *
 * @param id the rule id, for example {@code "nyc.10-178.no-city-resources"}
 * @param title the rule's short name, or null if its pack gives none
 * @param citation the provision the rule encodes, for example {@code "N.Y.C. Admin. Code §
 *     10-178(c)"}
 * @param confidence how sure the rule's source is
 * @since 0.1.0
 */
public record RuleSummary(String id, @Nullable String title, String citation, Confidence confidence) {

  /** Checks that the id, the citation and the confidence are given. */
  public RuleSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(confidence, "confidence");
  }
}
