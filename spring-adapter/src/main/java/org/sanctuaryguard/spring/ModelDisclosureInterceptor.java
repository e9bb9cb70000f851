package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides the model a view renders, as the response advice decides a body: a JSON view ({@code
 * JacksonJsonView}) or a template shows the model's values to the requester without a message
 * converter. A model that holds protected values is decided as one payload for the requester,
 * purpose and basis, with the facts the application's {@link FactsResolver} finds for the map of its
 * values; a decision that releases nothing refuses the response with 403, and one that withholds
 * some categories replaces each value of the model with the guard's redacted copy, since the view
 * may write it with a mapper the module is not in; a value the guard refuses to release redacted
 * (a JDK event whose source holds what the decision withholds) refuses it with 403. Spring MVC's
 * binding results are left out of the decision, since they hold the same values as the model; the
 * binding result of a value replaced by its copy is removed, so that a form binds the copy, not the
 * original.
 *
 * <p>A view outside the filter's URL patterns has no requester: its model is decided for an
 * unknown one, without facts, and rendered with the copies, which release nothing protected, as a
 * body outside them is written without its protected values.
 *
 * <p>One of Spring's Jackson views, whether the handler returns it or the application's view
 * resolvers resolve its name (which is done here, as the dispatcher servlet would, and the view set
 * in its place), is given the model's values as the adapter's mapper writes them under the decision
 * ({@link GuardedJacksonView}), since its own mapper would write whatever the values' getters
 * return.
 *
 * <p>The view of an exception is decided too: Spring MVC calls no interceptor for the view that an
 * exception resolver returns (an {@code @ExceptionHandler} method's {@code ModelAndView}, {@code
 * @ResponseStatus}, a {@code SimpleMappingExceptionResolver} of the application's), so each
 * exception resolver bean is proxied ({@link ExceptionViews}) to decide its view's model the same
 * way; a refused one is answered with the 403 problem.
 *
 * <p>A {@link WebMvcConfigurer} too, that adds itself to the application's interceptors.
 */
final class ModelDisclosureInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private final Decisions decisions;
  /** The adapter's mapper, which holds the guard's module. */
  private final JsonMapper mapper;
  private final ObjectProvider<ViewResolver> viewResolvers;
  /** The view resolvers in their order, found at the first view given by name: beans made once. */
  private volatile @Nullable List<ViewResolver> orderedResolvers;

  ModelDisclosureInterceptor(Decisions decisions, JsonMapper mapper, ObjectProvider<ViewResolver> viewResolvers) {
    this.decisions = decisions;
    this.mapper = mapper;
    this.viewResolvers = viewResolvers;
  }

  /**
   * Adds this interceptor ahead of every other, so that Spring MVC, which calls {@code postHandle} in
   * the reverse order, calls it last: the model is decided with what the application's interceptors
   * add to it, a record of the user's say, and with the view they leave.
   */
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
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
   * @return the decision if it refuses the view, or the guard's refusal of a value it cannot release
   *     redacted; else null
   */
  @Nullable Decision decide(HttpServletRequest request, @Nullable ModelAndView view) {
    if (view == null) {
      return null;
    }
    View rendering = view.isReference() ? resolved(view.getViewName(), request) : view.getView();
    if (rendering != null) {
      // the dispatcher servlet renders the view resolved here: a name is resolved once, to the view decided for
      view.setView(GuardedJacksonView.guarded(rendering, mapper));
    }
    if (view.getModelMap().isEmpty()) {
      return null;
    }
    InboundRequest inbound = InboundRequest.of(request);
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
    if (!decision.permitsAny() && inbound != InboundRequest.OUTSIDE) {
      return decision;
    }
    Map<String, Object> released = new LinkedHashMap<>();
    for (Map.Entry<String, Object> value : shown.entrySet()) {
      try {
        released.put(value.getKey(), decisions.released(value.getValue(), decision));
      } catch (DisclosureRefusedException refused) {
        return refused.decision(); // before any value of the model is replaced
      }
    }
    DecisionScope scope = DecisionScope.current();
    if (scope != null && scope.isResponse()) {
      scope.decide(decision);
    }
    released.forEach((name, copy) -> {
      if (copy != shown.get(name)) {
        view.addObject(name, copy);
        // a form's fields read the binding result, whose target is the original: bind the copy instead
        view.getModelMap().remove(BindingResult.MODEL_KEY_PREFIX + name);
      }
    });
    return null;
  }

  /**
   * Returns the view that the application's view resolvers resolve the name to, asked in their
   * order as the dispatcher servlet asks them, or null; one that fails fails again when the
   * dispatcher servlet asks it. A view found is set on the model and view, so the dispatcher servlet
   * renders it without resolving the name again.
   */
  private @Nullable View resolved(@Nullable String name, HttpServletRequest request) {
    if (name == null) {
      return null;
    }
    List<ViewResolver> resolvers = orderedResolvers;
    if (resolvers == null) {
      resolvers = viewResolvers.orderedStream().toList();
      orderedResolvers = resolvers;
    }
    Locale locale = RequestContextUtils.getLocale(request);
    for (ViewResolver resolver : resolvers) {
      try {
        View view = resolver.resolveViewName(name, locale);
        if (view != null) {
          return view;
        }
      } catch (Exception e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Decides the view of every exception resolver bean: Spring MVC's composite of its own resolvers
   * (the {@code @ExceptionHandler} methods, {@code @ResponseStatus}) and each one the application
   * declares. Each bean is proxied, as Spring proxies a bean for {@code @Async}: a proxy of the
   * bean's own class, which keeps its type, its order and what is inside it (the composite's
   * resolvers are Spring's own, where Spring Boot and the application's configurers find them by
   * type), or, for a class that cannot be extended, of its interfaces. A refused view is answered
   * with the 403 problem and nothing is rendered.
   */
  static final class ExceptionViews extends OwnClassProxies {

    private static final long serialVersionUID = 1L;
    /** The request attribute of the last view decided, so that one resolver's view is decided once. */
    private static final String DECIDED = ExceptionViews.class.getName() + ".DECIDED";

    ExceptionViews(ObjectProvider<ModelDisclosureInterceptor> interceptor) {
      // the guard's own resolver answers its refusals and renders no view
      super(type -> HandlerExceptionResolver.class.isAssignableFrom(type) && type != RefusedResponseResolver.class,
          "resolveException",
          new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class, Object.class, Exception.class},
          (MethodInterceptor) invocation -> {
            Object[] arguments = invocation.getArguments();
            return decided((HttpServletRequest) arguments[0], (HttpServletResponse) arguments[1],
                (ModelAndView) invocation.proceed(), interceptor.getObject());
          });
    }

    private static @Nullable ModelAndView decided(HttpServletRequest request, HttpServletResponse response,
        @Nullable ModelAndView view, ModelDisclosureInterceptor interceptor) {
      if (view == null || request.getAttribute(DECIDED) == view) {
        return view; // a resolver bean inside another (Spring's composite) returned it decided already
      }
      Decision refused = interceptor.decide(request, view);
      if (refused == null) {
        request.setAttribute(DECIDED, view);
        return view;
      }
      Problems.refusedNow(request, response, refused);
      return new ModelAndView(); // answered: nothing to render
    }
  }
}
