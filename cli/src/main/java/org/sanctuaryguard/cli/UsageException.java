package org.sanctuaryguard.cli;

/** A command line that is wrong; the message says what is wrong with it. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
