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
 * that no handler of the application turns it into something that could hold the response; and a
 * streamed element refused or not decided, which ends its stream: with the 403 problem, or a 500
 * one, if nothing of the stream was written yet; else the container aborts the response, so that
 * the client sees the stream cut short, not ended (the container's dispatch to its error page that
 * follows runs no handler, {@link EarlyRefusalInterceptor}). First of all, a body or a view's model
 * that the guard decided and whose write failed before the response was committed (a serializer the
 * guard refuses, say) has its decision withdrawn ({@link Decisions#withdrawUnsent}), whatever failed
 * and whichever resolver answers it: the guard log then shows no release that was not made.
 */
final class RefusedResponseResolver implements HandlerExceptionResolver, Ordered {

  private final Decisions decisions;

  RefusedResponseResolver(Decisions decisions) {
    this.decisions = decisions;
  }

  @Override
  public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
      @Nullable Object handler, Exception exception) {
    decisions.withdrawUnsent(DecisionScope.current(), response, exception);
    Throwable cause = exception;
    while (cause instanceof ServletException && cause.getCause() != null) {
      cause = cause.getCause(); // a functional endpoint's write wraps what it throws
    }
    if (cause instanceof ResponseRefusedException refused) {
      Problems.refusedNow(request, response, refused.decision());
      return new ModelAndView();
    }
    if (!(cause instanceof StreamedElementException element)) {
      return null;
    }
    boolean began = !answer(request, response, element);
    if (request.isAsyncStarted()) {
      // an element sent before the handler returned its emitter failed as Spring MVC started the stream: nothing
      // else would end its asynchronous request
      request.getAsyncContext().complete();
    }
    if (began) {
      // left to the container, which aborts it, so that the client sees it cut short rather than ended
      StreamedResponses.cutShort(request);
      return null;
    }
    return new ModelAndView();
  }

  /**
   * Answers the failed element of a stream with 403 and the refusal, or 500 if it could not be
   * decided, unless some of the stream was written already; returns whether it answered. It may be
   * called twice for one element (as the element fails, and as its stream's asynchronous request
   * ends with the failure), so it logs nothing: {@link UnadvisedBodies} logs a failure to decide
   * once.
   */
  static boolean answer(HttpServletRequest request, HttpServletResponse response, StreamedElementException element) {
    ResponseRefusedException refused = element.refusal();
    if (response.isCommitted()) {
      return false;
    }
    // nothing of the stream is written yet
    if (refused != null) {
      Problems.refusedNow(request, response, refused.decision());
    } else {
      Problems.undecidedNow(request, response);
    }
    return true;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
