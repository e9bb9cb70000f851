package org.sanctuaryguard;

/**
 * Why a recipient asks for the data. Each constant has a stable lower-case identifier, {@link #id()}, that
 * configuration, packs, scenario files and guard events use.
 *
 * @since 0.1.0
 */
public enum Purpose {
  /** Enforcement of the civil provisions of the immigration laws. */
  CIVIL_IMMIGRATION_ENFORCEMENT,

  /** Enforcement of the criminal provisions that penalize entry and reentry (8 U.S.C. §§ 1325, 1326). */
  CRIMINAL_IMMIGRATION_ENFORCEMENT,

  /** The investigation of a crime. */
  CRIMINAL_INVESTIGATION,

  /** The investigation or prevention of terrorism. */
  COUNTERTERRORISM,

  /** Verification of eligibility for a benefit started by the city. */
  BENEFITS_VERIFICATION,

  /** The data subject's own request. */
  SUBJECT_REQUEST,

  /** Delivering a city service. */
  SERVICE_DELIVERY,

  /** An imminent threat to life or safety. */
  EXIGENT_SAFETY,

  /** Litigation. */
  LITIGATION,

  /** Statistics and research. */
  STATISTICS,

  /** Any other purpose. */
  OTHER;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "civil-immigration-enforcement"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the constant with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the constant
   * @throws UnknownIdentifierException if no constant has that identifier
   */
  public static Purpose of(String id) {
    return Ids.parse(values(), Purpose::id, "purpose", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
