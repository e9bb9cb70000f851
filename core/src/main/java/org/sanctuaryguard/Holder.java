package org.sanctuaryguard;

/**
 * The kind of agency that holds the data, which decides which laws apply. Each constant has a stable lower-case identifier, {@link #id()}, that
 * configuration, packs, scenario files and guard events use.
 *
 * @since 0.1.0
 */
public enum Holder {
  /** Any city agency not named below. */
  CITY_AGENCY,

  /** The department of correction. */
  CORRECTION,

  /** The police department. */
  POLICE,

  /** The department of probation. */
  PROBATION,

  /** The motor-vehicles agency. */
  MOTOR_VEHICLES,

  /** A school. */
  SCHOOL,

  /** A health agency or public hospital. */
  HEALTH,

  /** A shelter. */
  SHELTER,

  /** A social-services agency. */
  SOCIAL_SERVICES,

  /** A children's services agency. */
  CHILDREN_SERVICES,

  /** A court. */
  COURT,

  /** A library. */
  LIBRARY,

  /** A labor agency. */
  LABOR;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, for example {@code "city-agency"}. */
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
  public static Holder of(String id) {
    return Ids.parse(values(), Holder::id, "holder", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
