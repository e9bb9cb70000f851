package org.sanctuaryguard;

/**
 * A class whose protected properties are tagged wrongly: an unknown category, a registered property
 * that does not exist, a protected primitive, a property the guard may not read, a tag the guard
 * would not apply (on a static field, an interface's constant among them, on an enum, or on a class
 * extending a collection, a map or an {@code AtomicReference}), a field of an {@code
 * AtomicReference}'s subclass that may hold more than a plain value; or, in a payload, what the
 * guard does not look into: a stream or an iterator, which it could not without consuming it, a
 * {@code Map.Entry} or an {@code AtomicReference}, a {@code Future}, a {@code Reference} or a
 * {@code ThreadLocal}, whose value it cannot take as it is. Thrown the first time a guard meets the class,
 * naming the class and the property; for a registration of a class whose fields the guard never
 * reads (an enum, a collection, a map or an {@code AtomicReference}, a class of the JDK, an
 * interface), by {@link ProtectedProperties.Builder} when it is made.
 *
 * @since 0.1.0
 */
public final class InvalidProtectionException extends SanctuaryGuardException {

  private static final long serialVersionUID = 1L;

  private final String type;
  private final String property;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param type the class's name
   * @param property the property's name, or empty if the problem is the class's
   * @param problem what is wrong
   */
  public InvalidProtectionException(String type, String property, String problem) {
    super(type + (property.isEmpty() ? "" : "." + property) + ": " + problem);
    this.type = type;
    this.property = property;
    this.problem = problem;
  }

  /**
   * The same refusal, its message ending with where a payload holds the class; thrown in its place
   * by the scan of a payload.
   */
  InvalidProtectionException heldAt(String where) {
    InvalidProtectionException located = new InvalidProtectionException(type, property,
        problem + (problem.endsWith(".") ? " " : ". ") + where);
    located.setStackTrace(getStackTrace());
    return located;
  }

  /** Returns the name of the class tagged wrongly. */
  public String type() {
    return type;
  }

  /** Returns the name of the property tagged wrongly, or empty. */
  public String property() {
    return property;
  }
}
