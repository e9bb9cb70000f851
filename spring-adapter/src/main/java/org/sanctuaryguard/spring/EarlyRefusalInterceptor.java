package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SubjectId;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a request before its handler runs when nothing of what the handler declares it returns
 * could be released to the requester, for the purpose and basis the filter found. The answer is
 * then the same 403 whether or not the record asked for exists, and the handler does not look it
 * up. Without it, a requester to whom nothing of a resident's record can be released would still
 * tell a record that exists (403, from the decision on its body) from one that does not (404).
 *
 * <p>What the handler returns is the body type it declares, through {@code ResponseEntity}, {@code
 * HttpEntity} and asynchronous results, and its categories are those its declared types can hold
 * ({@link Guard#declaredCategories}). Each category is released or not on its own, so a decision
 * that releases none of them releases nothing of any record of the type. The person asked about is
 * the value of the handler's path variable tagged {@link SubjectId}: the refusal is decided and
 * recorded for that person, and a document that does not name them opens nothing. Without such a
 * variable, a document that names particular people is checked as if the record were one of
 * theirs: the check refuses what the document could not open for anyone it names, and leaves the
 * rest to the decision on the body.
 *
 * <p>The check records nothing unless it refuses. Then the refusal is recorded, as the decision of
 * the request, and the handler does not run, so no body is decided after it. Without a document,
 * what passes is remembered per handler, recipient and purpose, so that the requests of the city's
 * own staff pay a look-up: a guard's policy is immutable, and if time could change what it
 * releases, a remembered pass only leaves the decision to the body, as without the check.
 *
 * <p>A {@link WebMvcConfigurer} too, that adds itself to the application's interceptors.
 */
final class EarlyRefusalInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  /** Return types whose first type argument is what the handler's body is. */
  private static final List<Class<?>> WRAPPERS =
      List.of(HttpEntity.class, CompletionStage.class, Callable.class, DeferredResult.class, WebAsyncTask.class);

  private final Decisions decisions;
  private final Map<HandlerKey, Handler> handlers = new ConcurrentHashMap<>();

  /**
   * A handler method of a controller class: one method a generic superclass declares returns a
   * different type in each controller that extends it.
   */
  private record HandlerKey(Class<?> controller, Method method) {}

  /**
   * A handler's declared body: its categories (none for a handler that writes no body), the names
   * of its path variables tagged {@link SubjectId}, and the recipients and purposes that passed
   * without a document.
   */
  private record Handler(Set<Category> categories, List<String> subjectVariables, Set<Pass> passes) {}

  private record Pass(String recipient, Purpose purpose) {}

  EarlyRefusalInterceptor(Decisions decisions) {
    this.decisions = decisions;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Guard guard = decisions.guard();
    if (!(handler instanceof HandlerMethod method) || guard.config().mode() != Mode.ENFORCE
        || !(request.getAttribute(InboundRequest.ATTRIBUTE) instanceof InboundRequest inbound)) {
      return true;
    }
    Handler declared = handlers.computeIfAbsent(new HandlerKey(method.getBeanType(), method.getMethod()),
        key -> new Handler(bodyCategories(guard, method), subjectVariables(method), ConcurrentHashMap.newKeySet()));
    if (declared.categories().isEmpty()) {
      return true;
    }
    Pass pass = inbound.basis().type() == BasisType.NONE
        ? new Pass(inbound.requester().recipient().id(), inbound.purpose()) : null;
    if (pass != null && declared.passes().contains(pass)) {
      return true;
    }
    Set<String> asked = subjects(request, declared.subjectVariables());
    DisclosureRequest disclosure = inbound.request(guard)
        .holder(guard.config().holder())
        .categories(declared.categories())
        .subjects(asked.isEmpty() ? inbound.basis().subjects() : asked)
        .build();
    if (!guard.policy().decide(disclosure).released().isEmpty()) {
      if (pass != null) {
        declared.passes().add(pass);
      }
      return true;
    }
    Decision decision = decisions.decide(disclosure, Decisions.Direction.INBOUND);
    if (decision.permitsAny()) {
      return true; // the guard's own decision released something after all: the body's decides
    }
    throw new ResponseRefusedException(decision);
  }

  /** The categories of the body a handler declares, through the wrappers; none if it writes no body. */
  private static Set<Category> bodyCategories(Guard guard, HandlerMethod method) {
    MethodParameter returned = method.getReturnType();
    ResolvableType body = ResolvableType.forMethodParameter(returned);
    boolean writesBody = returned.hasMethodAnnotation(ResponseBody.class)
        || AnnotatedElementUtils.hasAnnotation(returned.getContainingClass(), ResponseBody.class)
        || body.as(HttpEntity.class) != ResolvableType.NONE;
    if (!writesBody) {
      return Set.of();
    }
    for (ResolvableType inner = unwrap(body); inner != null; inner = unwrap(body)) {
      body = inner;
    }
    Type type = body.getType() instanceof TypeVariable<?> ? body.toClass() : body.getType();
    return guard.declaredCategories(type);
  }

  /** The names of the handler's path variables tagged {@link SubjectId}. */
  private static List<String> subjectVariables(HandlerMethod method) {
    List<String> names = new ArrayList<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
      if (variable == null || !parameter.hasParameterAnnotation(SubjectId.class)) {
        continue;
      }
      String name = variable.name().isEmpty() ? variable.value() : variable.name();
      if (name.isEmpty()) {
        MethodParameter named = new MethodParameter(parameter);
        named.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        name = named.getParameterName();
      }
      if (name == null) {
        throw new IllegalStateException("the @SubjectId path variable " + parameter.getParameterIndex() + " of "
            + method.getShortLogMessage() + " has no name: give it one, @PathVariable(\"id\"), or compile with"
            + " -parameters");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** The values of the path variables that name the person asked about. */
  private static Set<String> subjects(HttpServletRequest request, List<String> variables) {
    if (variables.isEmpty()
        || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> values)) {
      return Set.of();
    }
    Set<String> subjects = new HashSet<>();
    for (String variable : variables) {
      if (values.get(variable) instanceof String value) {
        subjects.add(value);
      }
    }
    return subjects;
  }

  private static @Nullable ResolvableType unwrap(ResolvableType type) {
    for (Class<?> wrapper : WRAPPERS) {
      ResolvableType as = type.as(wrapper);
      if (as != ResolvableType.NONE) {
        return as.getGeneric(0);
      }
    }
    return null;
  }
}
