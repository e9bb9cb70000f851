package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Decides each response body that holds protected values, for the requester the filter identified,
 * the purpose and basis it stated, the payload itself (its categories and {@code @SubjectId}s) and
 * the facts the application's {@link FactsResolver} finds for it, just before the body is written.
 * A decision that releases nothing (deny, or escalate in enforce mode) ends the response with 403
 * and a problem: written here for the body of an exception handler, whose failure Spring MVC would
 * answer with the original error. Any other decision becomes that of the response's {@link
 * DecisionScope}, under which the Jackson module writes the body through the adapter's JSON
 * converter; any other converter (the application's own, whose mapper may lack the module; XML;
 * Gson) is given the guard's redacted copy instead; so it is outside the filter's URL patterns,
 * where the body is decided for an unknown requester. A body without protected values costs a class
 * look-up. A stream or an iterator is collected into a list first, which is written as the same
 * JSON array.
 */
@ControllerAdvice
final class ResponseDisclosureAdvice implements ResponseBodyAdvice<Object> {

  private final Decisions decisions;

  ResponseDisclosureAdvice(Decisions decisions) {
    this.decisions = decisions;
  }

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
    DecisionScope scope = DecisionScope.current();
    if (body == null || scope != null && !scope.isResponse()) {
      return body;
    }
    if (scope == null) {
      // the filter opened no scope (outside its URL patterns, an error dispatch): the guard's converter writes no
      // protected value without one; any other is given what the requester, or an unknown one, may have
      return GuardedJsonConverter.class.isAssignableFrom(converterType) ? body : releasedUnscoped(collected(body),
          request instanceof ServletServerHttpRequest servlet ? InboundRequest.of(servlet.getServletRequest())
              : InboundRequest.OUTSIDE);
    }
    scope.examined();
    body = collected(body);
    if (!decisions.guard().mayHoldProtected(body.getClass()) || !(request instanceof ServletServerHttpRequest servlet)
        || !(servlet.getServletRequest().getAttribute(InboundRequest.ATTRIBUTE) instanceof InboundRequest inbound)) {
      return body;
    }
    Decision decision = decisions.decideBody(inbound, body);
    if (decision == null) {
      return body;
    }
    if (!decision.permitsAny()) {
      if (returnType.hasMethodAnnotation(ExceptionHandler.class) && response instanceof ServletServerHttpResponse out) {
        // Spring MVC would answer a refusal here with the original error, whose status tells whether the record exists
        Problems.refusedNow(servlet.getServletRequest(), out.getServletResponse(), decision);
        return null;
      }
      throw new ResponseRefusedException(decision);
    }
    scope.decide(decision);
    // another converter writes the body, maybe with a mapper the module is not in: release the guard's redacted copy
    return GuardedJsonConverter.class.isAssignableFrom(converterType) ? body : decisions.released(body, decision);
  }

  /**
   * What a converter of the application's is given of a body written where the filter opened no
   * scope: the guard's redacted copy for the requester, decided, as a view's model is there.
   */
  private Object releasedUnscoped(Object body, InboundRequest inbound) {
    Decision decision = decisions.decideBody(inbound, body);
    return decision == null ? body : decisions.released(body, decision);
  }

  /**
   * A stream or an iterator as a list, which Jackson writes as the same array: the guard cannot look
   * into either without consuming it, and the whole body is decided before a byte of it is written.
   */
  private static Object collected(Object body) {
    if (body instanceof Stream<?> stream) {
      try (stream) {
        return stream.toList();
      }
    }
    if (body instanceof Iterator<?> iterator) {
      List<Object> all = new ArrayList<>();
      iterator.forEachRemaining(all::add);
      return all;
    }
    return body;
  }
}
