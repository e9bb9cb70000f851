package org.sanctuaryguard;

/**
 * The kind of legal basis a recipient presents for a request. Each constant has a stable
 * lower-case identifier, {@link #id()}.
 *
 * <p>The type is what the document claims to be; whether it holds is checked against its issuer,
 * signer, dates, scope and authenticity. Immigration paperwork (Forms I-200, I-203, I-205, I-247A,
 * 8 CFR 287.4 subpoenas) is signed by immigration officers and is never judicial.
 *
 * @since 0.1.0
 */
public enum BasisType {
  /** A warrant issued by a court and signed by a judge. */
  JUDICIAL_WARRANT("a judicial warrant"),

  /** An order issued by a court and signed by a judge, including unsealing orders. */
  COURT_ORDER("a court order"),

  /** A subpoena issued by a court and signed by a judge. */
  JUDICIAL_SUBPOENA("a judicial subpoena"),

  /** A grand-jury or trial subpoena issued by a clerk or an attorney. */
  CLERK_SUBPOENA("a subpoena issued by a clerk or an attorney"),

  /** Forms I-200, I-203, I-205, I-286, a notice to appear, an NCIC immigration violator hit. */
  ADMINISTRATIVE_WARRANT("an administrative warrant"),

  /** Form I-247A and its variants: a request to hold or to notify, signed by an officer. */
  DETAINER("an immigration detainer"),

  /** An 8 CFR 287.4 subpoena, a DHS immigration enforcement subpoena, a customs summons. */
  ADMINISTRATIVE_SUBPOENA("an administrative subpoena"),

  /** The written consent of the subject, or of a parent or guardian of a minor. */
  WRITTEN_CONSENT("written consent"),

  /** A statute or regulation, named by citation, that requires the disclosure. */
  REQUIRED_BY_LAW("a legal requirement"),

  /** An imminent threat to life or safety. */
  EXIGENT_CIRCUMSTANCES("exigent circumstances"),

  /** Nothing presented. */
  NONE("no legal basis");

  private final String id = Ids.idOf(this);
  private final String description;

  BasisType(String description) {
    this.description = description;
  }

  /** Returns the stable identifier, for example {@code "judicial-warrant"}. */
  public String id() {
    return id;
  }

  /** Returns how a caseworker would name it, with its article: "an administrative warrant". */
  public String description() {
    return description;
  }

  /** Returns whether a document of this type is issued by a court and signed by a judge. */
  public boolean isJudicial() {
    return this == JUDICIAL_WARRANT || this == COURT_ORDER || this == JUDICIAL_SUBPOENA;
  }

  /** Returns whether a document of this type comes from a court, a judge's or a clerk's. */
  public boolean isCourtDocument() {
    return isJudicial() || this == CLERK_SUBPOENA;
  }

  /**
   * Returns the constant with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the constant
   * @throws UnknownIdentifierException if no constant has that identifier
   */
  public static BasisType of(String id) {
    return Ids.parse(values(), BasisType::id, "basis type", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
