package org.sanctuaryguard;

import java.util.Map;

/**
 * The facts about a subject or a request that the caller knows and the guard cannot: named
 * booleans that rules read. A fact a rule needs and the request does not carry counts as false, and
 * the decision's reasons say which fact was missing. Packs may declare more facts; these are known
 * to every policy.
 *
 * @since 0.1.0
 */
public final class Facts {

  /** The subject was convicted of a violent or serious crime (N.Y.C. Admin. Code § 9-131(a)(7)). */
  public static final String VIOLENT_OR_SERIOUS_CONVICTION = "violent-or-serious-conviction";

  /** The subject is a possible match in the terrorist screening database. */
  public static final String TERRORIST_WATCHLIST_MATCH = "terrorist-watchlist-match";

  /** The information requested is already available to the public. */
  public static final String PUBLICLY_AVAILABLE = "publicly-available";

  /** The subject is a minor. */
  public static final String SUBJECT_IS_MINOR = "subject-is-minor";

  /** The subject confirmed consent directly, not through the requesting officer. */
  public static final String CONSENT_CONFIRMED_WITH_SUBJECT = "consent-confirmed-with-subject";

  /** The request covers many subjects or a whole list; implied by the subject {@code "*"}. */
  public static final String BULK = "bulk";

  private static final Map<String, String> STANDARD =
      Map.of(
          VIOLENT_OR_SERIOUS_CONVICTION,
          "The subject was convicted of a violent or serious crime (N.Y.C. Admin. Code § 9-131(a)(7))",
          TERRORIST_WATCHLIST_MATCH,
          "The subject is a possible match in the terrorist screening database",
          PUBLICLY_AVAILABLE,
          "The information requested is already available to the public",
          SUBJECT_IS_MINOR,
          "The subject is a minor",
          CONSENT_CONFIRMED_WITH_SUBJECT,
          "The subject confirmed consent directly, not through the requesting officer",
          BULK,
          "The request covers many subjects or a whole list");

  private Facts() {}

  /** Returns the standard facts with their descriptions. */
  public static Map<String, String> standard() {
    return STANDARD;
  }
}
