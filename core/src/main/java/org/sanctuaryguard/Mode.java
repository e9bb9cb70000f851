package org.sanctuaryguard;

/**
 * Whether the guard enforces its decisions.
 *
 * @since 0.1.0
 */
public enum Mode {
  /** Decisions are enforced: only released categories leave, and any failure denies. */
  ENFORCE,

  /**
   * Decisions are made and recorded, but everything is released: a city rolls the guard out in
   * this mode to see what it would have done before it enforces.
   */
  MONITOR;

  private final String id = Ids.idOf(this);

  /** Returns the stable identifier, {@code "enforce"} or {@code "monitor"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the mode with the given identifier, ignoring case.
   *
   * @param id the identifier
   * @return the mode
   * @throws UnknownIdentifierException if no mode has that identifier
   */
  public static Mode of(String id) {
    return Ids.parse(values(), Mode::id, "mode", id);
  }

  @Override
  public String toString() {
    return id;
  }
}
