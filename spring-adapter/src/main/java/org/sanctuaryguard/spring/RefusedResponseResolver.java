package org.sanctuaryguard.spring;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
    Throwable cause = exception;
    while (cause instanceof ServletException && cause.getCause() != null) {
      cause = cause.getCause(); // a functional endpoint's write wraps what it throws
    }
    ResponseRefusedException refused;
    if (cause instanceof ResponseRefusedException whole) {
      refused = whole;
    } else if (cause instanceof StreamedElementRefusedException element && !response.isCommitted()) {
      refused = element.refusal(); // refused before the stream began: nothing of it is written yet
    } else {
      return null;
    }
    Problems.refusedNow(response, refused.decision());
    if (cause instanceof StreamedElementRefusedException && request.isAsyncStarted()) {
      request.getAsyncContext().complete(); // the stream began, and ends with the refusal
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
