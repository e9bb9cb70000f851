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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
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
 * <p>The view of an exception is decided too: Spring MVC calls no interceptor for the view that an
 * exception resolver returns (an {@code @ExceptionHandler} method's {@code ModelAndView}, {@code
 * @ResponseStatus}), so each of Spring MVC's exception resolvers is wrapped ({@link
 * ExceptionViews}) to decide its view's model the same way; a refused one is answered with the 403
 * problem. An exception resolver that the application declares as a bean of its own is not
 * wrapped.
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
    Decision refused = decide(request, view);
    if (refused != null) {
      throw new ResponseRefusedException(refused);
    }
  }

  /**
   * Decides a view's model, and replaces its values with their redacted copies if the decision
   * withholds any category.
   *
   * @return the decision if it refuses the view, else null
   */
  @Nullable Decision decide(HttpServletRequest request, @Nullable ModelAndView view) {
    if (view == null || view.getModelMap().isEmpty()) {
      return null;
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
      return null;
    }
    if (!decision.permitsAny() && inbound != OUTSIDE) {
      return decision;
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
    return null;
  }

  /**
   * Wraps the exception resolvers in Spring MVC's composite of them once it is built, so that the
   * view each returns is decided: Spring Boot and the application's configurers have set them up by
   * then, finding each by its type.
   */
  static final class ExceptionViews implements BeanPostProcessor {

    private final ObjectProvider<ModelDisclosureInterceptor> interceptor;

    ExceptionViews(ObjectProvider<ModelDisclosureInterceptor> interceptor) {
      this.interceptor = interceptor;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof HandlerExceptionResolverComposite composite) {
        composite.setExceptionResolvers(composite.getExceptionResolvers().stream()
            .<HandlerExceptionResolver>map(resolver -> new DecidedViews(resolver, interceptor)).toList());
      }
      return bean;
    }
  }

  /** One of Spring MVC's exception resolvers, whose view is decided before it is rendered. */
  private static final class DecidedViews implements HandlerExceptionResolver {

    private final HandlerExceptionResolver resolver;
    private final ObjectProvider<ModelDisclosureInterceptor> interceptor;

    DecidedViews(HandlerExceptionResolver resolver, ObjectProvider<ModelDisclosureInterceptor> interceptor) {
      this.resolver = resolver;
      this.interceptor = interceptor;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
        @Nullable Object handler, Exception exception) {
      ModelAndView view = resolver.resolveException(request, response, handler, exception);
      Decision refused = interceptor.getObject().decide(request, view);
      if (refused == null) {
        return view;
      }
      Problems.refusedNow(response, refused);
      return new ModelAndView(); // answered: nothing to render
    }

    @Override
    public String toString() {
      return "DecidedViews[" + resolver + "]";
    }
  }
}
