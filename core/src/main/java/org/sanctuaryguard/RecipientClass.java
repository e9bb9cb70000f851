package org.sanctuaryguard;

/**
 * The class of a recipient, which the packs' rules are written against. Each constant has a stable lower-case identifier, {@link #id()}, that
 * configuration, packs, scenario files and guard events use.
 *
 * @since 0.1.0
 */
public enum RecipientClass {
  /** An agency or component whose work includes civil or criminal immigration enforcement. */
  IMMIGRATION_ENFORCEMENT,

  /** A channel through which data reaches immigration enforcement (task forces with DHS members, fusion centers, data brokers, 287(g) partners). */
  IMMIGRATION_ADJACENT,

  /** Police and prosecutors without an immigration function. */
  LAW_ENFORCEMENT,

  /** A status check that the city itself starts for eligibility (USCIS SAVE). */
  BENEFITS_VERIFICATION,

  /** Another agency of the same city. */
  CITY_AGENCY,

  /** The person the data is about or their authorized representative. */
  DATA_SUBJECT,

  /** Publication or an open-data release. */
  PUBLIC,

  /** Anyone else. */
  OTHER,

  /** A recipient that nothing resolves; treated at least as strictly as IMMIGRATION_ADJACENT. */
  UNKNOWN;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "immigration-enforcement"}. */
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
  public static RecipientClass of(String id) {
    return Ids.parse(values(), RecipientClass::id, "recipient class", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
