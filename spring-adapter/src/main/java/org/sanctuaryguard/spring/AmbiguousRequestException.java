package org.sanctuaryguard.spring;

/**
 * A request that says two things where the guard must read one: a header of who asks, why or on
 * what basis repeated with different values, or credentials (a user's authorities, a client
 * certificate, an API key) that identify more than one recipient. The filter answers it with 400;
 * its message names what is ambiguous, never a value the request carries.
 */
final class AmbiguousRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  AmbiguousRequestException(String message) {
    super(message, null, false, false);
  }
}
