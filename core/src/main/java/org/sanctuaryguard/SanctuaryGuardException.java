package org.sanctuaryguard;

/**
 * The root of every exception the library throws on purpose. Messages never carry a protected
 * value: they name identifiers, fields, rules and files, never a resident's data.
 *
 * @since 0.1.0
 */
public class SanctuaryGuardException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming what is wrong and never a protected value
   */
  public SanctuaryGuardException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming what is wrong and never a protected value
   * @param cause the underlying failure
   */
  public SanctuaryGuardException(String message, Throwable cause) {
    super(message, cause);
  }
}
