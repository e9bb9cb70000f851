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
   * @throws AmbiguousRequestException if the request repeats the header with different values
   */
  static @Nullable String single(HttpServletRequest request, String name) {
    String first = request.getHeader(name);
    if (first == null) {
      return null;
    }
    Enumeration<String> values = request.getHeaders(name);
    while (values.hasMoreElements()) {
      if (!first.equals(values.nextElement())) {
        throw new AmbiguousRequestException("the request carries the header " + name
            + " more than once, with different values; send it once");
      }
    }
    return first;
  }
}
