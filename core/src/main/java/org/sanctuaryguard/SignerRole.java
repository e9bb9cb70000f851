package org.sanctuaryguard;

/**
 * The role in which someone signed a document. Each constant has a stable lower-case identifier,
 * {@link #id()}. Only {@link #ARTICLE_III_JUDGE}, {@link #MAGISTRATE_JUDGE} and {@link #STATE_JUDGE}
 * are judges of a court; an immigration judge is not, in the sense of a judicial warrant.
 *
 * @since 0.1.0
 */
public enum SignerRole {
  /** A federal judge appointed under Article III of the Constitution. */
  ARTICLE_III_JUDGE("a federal judge appointed under Article III"),

  /** A United States magistrate judge, appointed by a district court. */
  MAGISTRATE_JUDGE("a U.S. magistrate judge"),

  /** A judge of a state court. */
  STATE_JUDGE("a state judge"),

  /** An immigration judge of the Executive Office for Immigration Review, part of DOJ. */
  IMMIGRATION_JUDGE("an immigration judge"),

  /** An officer of an immigration agency (ICE, CBP, USCIS). */
  IMMIGRATION_OFFICER("an immigration officer"),

  /** A clerk of a court. */
  CLERK("a clerk"),

  /** An attorney. */
  ATTORNEY("an attorney"),

  /** Anyone else. */
  OTHER("someone who is not a judge");

  private final String id = Ids.idOf(this);
  private final String description;

  SignerRole(String description) {
    this.description = description;
  }

  /** Returns the stable identifier, for example {@code "article-iii-judge"}. */
  public String id() {
    return id;
  }

  /** Returns how a caseworker would name the role, with its article: "an immigration officer". */
  public String description() {
    return description;
  }

  /** Returns whether the role is that of a judge of a court. */
  public boolean isJudge() {
    return this == ARTICLE_III_JUDGE || this == MAGISTRATE_JUDGE || this == STATE_JUDGE;
  }

  /**
   * Returns the constant with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the constant
   * @throws UnknownIdentifierException if no constant has that identifier
   */
  public static SignerRole of(String id) {
    return Ids.parse(values(), SignerRole::id, "signer role", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
