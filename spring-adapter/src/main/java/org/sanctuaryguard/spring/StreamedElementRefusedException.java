package org.sanctuaryguard.spring;

import java.io.IOException;

/**
 * The refusal of an element of a streamed response, thrown before a byte of it is written, from the
 * emitter's {@code send}: an {@link IOException}, as a failed write is, so that Spring MVC passes it
 * on as it is, without the element's {@code toString} in a message. Its cause is the refusal.
 */
final class StreamedElementRefusedException extends IOException {

  private static final long serialVersionUID = 1L;

  StreamedElementRefusedException(ResponseRefusedException refusal) {
    super(refusal.getMessage(), refusal);
  }

  ResponseRefusedException refusal() {
    return (ResponseRefusedException) getCause();
  }
}
