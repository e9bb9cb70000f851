package org.sanctuaryguard;

/**
 * The outcome of a decision, from most to least permissive. Derived from the categories' results:
 * {@link #ESCALATE} if any category awaits counsel, else {@link #DENY} if nothing is released,
 * else {@link #ALLOW_REDACTED} if anything is withheld, else {@link #ALLOW}.
 *
 * @since 0.1.0
 */
public enum Outcome {
  /** Everything requested may be released. */
  ALLOW,

  /** Some categories may be released; the others are withheld. */
  ALLOW_REDACTED,

  /** At least one category awaits counsel; nothing is released until counsel decides. */
  ESCALATE,

  /** Nothing may be released. */
  DENY;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "allow-redacted"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the outcome with the given identifier, ignoring case and accepting {@code _} for
   * {@code -}.
   *
   * @param id the identifier
   * @return the outcome
   * @throws UnknownIdentifierException if no outcome has that identifier
   */
  public static Outcome of(String id) {
    return Ids.parse(values(), Outcome::id, "outcome", id.replace('_', '-'));
  }

  @Override
  public String toString() {
    return id;
  }
}
