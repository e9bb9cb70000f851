package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides the model a view renders, as the response advice decides a body: a JSON view ({@code
 * JacksonJsonView}) or a template shows the model's values to the requester without a message
 * converter. A model that holds protected values is decided as one payload for the requester,
 * purpose and basis; a decision that releases nothing refuses the response with 403, and one that
 * withholds some categories replaces each value of the model with the guard's redacted copy, since
 * the view may write it with a mapper the module is not in. Spring MVC's binding results are left
 * out of the decision, since they hold the same values as the model; the binding result of a value
 * replaced by its copy is removed, so that a form binds the copy, not the original.
 *
 * <p>A view outside the filter's URL patterns has no requester: its model is decided for an
 * unknown one, and rendered with the copies, which release nothing protected, as a body outside
 * them is written without its protected values.
 *
 * <p>A {@link WebMvcConfigurer} too, that adds itself to the application's interceptors.
 */
final class ModelDisclosureInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  /** Who asks for a view outside the filter's URL patterns: nobody the guard identified. */
  private static final InboundRequest OUTSIDE = new InboundRequest(
      Requester.of(Recipient.unknown("a request outside sanctuary.guard.inbound.url-patterns")), Purpose.OTHER,
      LegalBasis.none());

  private final Decisions decisions;

  ModelDisclosureInterceptor(Decisions decisions) {
    this.decisions = decisions;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
      @Nullable ModelAndView view) {
    if (view == null || view.getModelMap().isEmpty()) {
      return;
    }
    InboundRequest inbound = request.getAttribute(InboundRequest.ATTRIBUTE) instanceof InboundRequest found ? found
        : OUTSIDE;
    Map<String, Object> shown = new LinkedHashMap<>();
    view.getModelMap().forEach((name, value) -> {
      if (value != null && !name.startsWith(BindingResult.MODEL_KEY_PREFIX)) {
        shown.put(name, value);
      }
    });
    Decision decision = decisions.decideBody(inbound, shown);
    if (decision == null) {
      return;
    }
    if (!decision.permitsAny() && inbound != OUTSIDE) {
      throw new ResponseRefusedException(decision);
    }
    DecisionScope scope = DecisionScope.current();
    if (scope != null && scope.isResponse()) {
      scope.decide(decision);
    }
    if (decision.mode() == Mode.ENFORCE && decision.outcome() != Outcome.ALLOW) {
      Guard guard = decisions.guard();
      shown.forEach((name, value) -> {
        view.addObject(name, guard.redact(value, decision).value());
        // a form's fields read the binding result, whose target is the original: bind the copy instead
        view.getModelMap().remove(BindingResult.MODEL_KEY_PREFIX + name);
      });
    }
  }
}
