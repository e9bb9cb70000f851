package org.sanctuaryguard;

/**
 * What a decision does with one requested category. Ordered from least to most strict: across rules
 * and packs the strictest applies (withheld over escalated over released).
 *
 * @since 0.1.0
 */
public enum Disposition {
  /** The category may be released. */
  RELEASED,

  /** The category awaits counsel and is not released until counsel decides. */
  ESCALATED,

  /** The category is withheld. */
  WITHHELD;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "withheld"}. */
  public String id() {
    return id;
  }

  /** Returns the stricter of this and {@code other}. */
  public Disposition stricter(Disposition other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * Returns the disposition with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the disposition
   * @throws UnknownIdentifierException if no disposition has that identifier
   */
  public static Disposition of(String id) {
    return Ids.parse(values(), Disposition::id, "disposition", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
