package org.sanctuaryguard.spring;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * An element of a streamed response that the guard refused, or could not decide, thrown before a
 * byte of it is written, from the emitter's {@code send}: an {@link IOException}, as a failed write
 * is, so that Spring MVC passes it on as it is, without the element's {@code toString} in a message.
 * Its cause is the refusal, or the failure. The stream of an emitter a handler returned is answered
 * and ended as the element fails ({@link StreamedResponses#fail}); for any other stream, {@link
 * RefusedResponseResolver} answers it and ends the stream's asynchronous request, which nothing else
 * would end when the element was sent before the handler returned.
 */
final class StreamedElementException extends IOException {

  private static final long serialVersionUID = 1L;

  private StreamedElementException(String message, Exception cause) {
    super(message, cause);
  }

  /** The element was refused. */
  static StreamedElementException refused(ResponseRefusedException refusal) {
    return new StreamedElementException(refusal.getMessage(), refusal);
  }

  /** The element could not be decided: the failure's class is named, never its message. */
  static StreamedElementException undecided(RuntimeException failure) {
    return new StreamedElementException("the guard could not decide a streamed element ("
        + failure.getClass().getName() + ")", failure);
  }

  /** The refusal, or null if the element could not be decided. */
  @Nullable ResponseRefusedException refusal() {
    return getCause() instanceof ResponseRefusedException refusal ? refusal : null;
  }
}
