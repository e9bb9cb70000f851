package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a refused response with 403 and a problem, ahead of every other exception resolver, so
 * that no handler of the application turns it into something that could hold the response.
 */
final class RefusedResponseResolver implements HandlerExceptionResolver, Ordered {

  @Override
  public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
      @Nullable Object handler, Exception exception) {
    if (!(exception instanceof ResponseRefusedException refused)) {
      return null;
    }
    try {
      Problems.refused(response, refused.decision());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
