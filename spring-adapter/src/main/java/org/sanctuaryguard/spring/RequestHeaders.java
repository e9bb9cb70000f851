package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * Reads the headers by which a request says who asks, why and on what basis. Such a header must
 * be sent once: a request that repeats one with different values is ambiguous (a proxy may read
 * the last where the guard reads the first), and is refused rather than read either way.
 */
final class RequestHeaders {

  private RequestHeaders() {}

  /**
   * Returns the value of a header, or null if the request lacks it.
   *
   * @throws AmbiguousHeaderException if the request repeats the header with different values
   */
  static @Nullable String single(HttpServletRequest request, String name) {
    String first = request.getHeader(name);
    if (first == null) {
      return null;
    }
    Enumeration<String> values = request.getHeaders(name);
    while (values.hasMoreElements()) {
      if (!first.equals(values.nextElement())) {
        throw new AmbiguousHeaderException(name);
      }
    }
    return first;
  }

  /** A request repeats a header with different values; the message names the header, never a value. */
  static final class AmbiguousHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AmbiguousHeaderException(String header) {
      super("the request carries the header " + header + " more than once, with different values; send it once",
          null, false, false);
    }
  }
}
