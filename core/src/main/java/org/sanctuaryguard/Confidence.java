package org.sanctuaryguard;

/**
 * How sure the source of a rule is, as tagged in the legal reference the packs are written from.
 * A rule of {@link #UNCONFIRMED} confidence says so in its explanation, so that counsel checks it.
 *
 * @since 0.1.0
 */
public enum Confidence {
  /** [C]: read in a statute, bill, court or government text. */
  CONFIRMED("C"),

  /** [S]: from a secondary source only (news, advocacy group, law-firm note). */
  SECONDARY("S"),

  /** [U]: from general knowledge or a source that was cut off; to be verified. */
  UNCONFIRMED("U");

  private final String tag;

  Confidence(String tag) {
    this.tag = tag;
  }

  /** Returns the one-letter tag used in packs and references: {@code "C"}, {@code "S"} or {@code "U"}. */
  public String tag() {
    return tag;
  }

  /**
   * Returns the confidence with the given tag ({@code "C"}, {@code "S"}, {@code "U"}), ignoring case.
   *
   * @param tag the tag
   * @return the confidence
   * @throws UnknownIdentifierException if no confidence has that tag
   */
  public static Confidence of(String tag) {
    return Ids.parse(values(), Confidence::tag, "confidence", tag);
  }

  @Override
  public String toString() {
    return tag;
  }
}
