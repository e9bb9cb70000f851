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

  /**
   * Describes a failure to read a file in words, not a class name: "no such file", "access
   * denied", "is a directory", or the exception's own message.
   *
   * @param e the failure
   * @return a short description
   */
  public static String describe(java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return exists.getFile() + " already exists";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "the file is not UTF-8 text";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "access denied";
    }
    if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
      return "is a directory";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
