package org.sanctuaryguard.spring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.SubjectId;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Refuses a request before its handler runs when nothing of what the handler declares it returns
 * could be released to the requester, for the purpose and basis the filter found. The answer is
 * then the same 403 whether or not the record asked for exists, and the handler does not look it
 * up. Without it, a requester to whom nothing of a resident's record can be released would still
 * tell a record that exists (403, from the decision on its body) from one that does not (404).
 *
 * <p>What the handler returns is the body type it declares, through {@code ResponseEntity}, {@code
 * HttpEntity}, asynchronous results and reactive types ({@code Mono}, {@code Flux}), and its
 * categories are those its declared types can hold ({@link Guard#declaredCategories}). Each
 * category is released or not on its own, so a decision that releases none of them releases nothing
 * of any record of the type. The person asked about is
 * the value of the handler's path variable or request parameter tagged {@link SubjectId} (every
 * value of a parameter that takes several, split at commas as Spring splits them): the refusal is
 * decided and recorded for that person, and a document that does not name them opens nothing.
 * Without such a parameter, a document that names particular people is checked as if the record were
 * one of theirs: the check refuses what the document could not open for anyone it names, and leaves
 * the rest to the decision on the body.
 *
 * <p>The check has no payload to give the application's {@link FactsResolver}, so it decides without
 * facts. When the application declares a resolver, a fact it finds in the record could open what
 * nothing opens without it (a § 9-131 conviction, with a judicial warrant), so the check then
 * refuses only what no facts could open: it tries each combination of the facts the packs read, and
 * leaves the request to the decision on the body if any of them releases something. With more than
 * {@value #MOST_FACTS_TRIED} such facts it tries none, refuses nothing early, and warns so once.
 *
 * <p>The check records nothing unless it refuses. Then the refusal is recorded, without facts, as
 * the decision of the request, and the handler does not run, so no body is decided after it. Without
 * a document, what passes is remembered per handler, recipient and purpose, so that the requests of
 * the city's own staff pay a look-up: a guard's policy is immutable, and if time could change what it
 * releases, a remembered pass only leaves the decision to the body, as without the check. So is, for
 * a resolver of the application's, that no facts open the body to that recipient for that purpose,
 * so that a refusal pays for trying the facts' combinations once: without a document, what the packs
 * release depends on who asks, why and the facts, not on the time (a document's dates are what time
 * changes), and the refusal itself is still decided and recorded each time.
 *
 * <p>It also keeps who asked for each response that a handler may stream (an emitter, a {@code
 * Flux}), in every mode, until the response is complete: Spring MVC writes streamed elements without
 * the response advice, and {@link GuardedJsonConverter} decides each of them for that requester.
 *
 * <p>A {@link WebMvcConfigurer} too, that adds itself to the application's interceptors.
 */
final class EarlyRefusalInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  /** Return types whose first type argument is what the handler's body is. */
  private static final List<Class<?>> WRAPPERS =
      List.of(HttpEntity.class, CompletionStage.class, Callable.class, DeferredResult.class, WebAsyncTask.class);
  /** The most facts whose combinations the check tries: 2^8 - 1 decisions, on the way to a refusal only. */
  static final int MOST_FACTS_TRIED = 8;

  private final Decisions decisions;
  /** The facts the policy's packs read, which a resolver of the application's could give. */
  private final List<String> factsRead;
  /** Whether the check has said that it tries no facts, once per interceptor. */
  private final AtomicBoolean toldOfTooManyFacts = new AtomicBoolean();
  private final Map<HandlerKey, Handler> handlers = new ConcurrentHashMap<>();
  private final StreamedResponses streamed = new StreamedResponses();

  /**
   * A handler method of a controller class: one method a generic superclass declares returns a
   * different type in each controller that extends it.
   */
  private record HandlerKey(Class<?> controller, Method method) {}

  /**
   * A handler's declared body: its categories (none for a handler that writes no body, or in {@code
   * monitor} mode, which refuses nothing early), its parameters tagged {@link SubjectId}, whether it
   * may stream, the recipients and purposes that passed without a document, and those that no
   * facts could open without one.
   */
  private record Handler(Set<Category> categories, List<Named> subjectParameters, boolean streams,
      Set<Pass> passes, Set<Pass> shut) {}

  /** A handler parameter that names the person asked about: a path variable or a request parameter. */
  private record Named(String name, boolean inPath, boolean several) {}

  /** Who asks, as a decision reads them (the directory's id and class), and why, without a document. */
  private record Pass(String recipient, RecipientClass recipientClass, Purpose purpose) {}

  EarlyRefusalInterceptor(Decisions decisions) {
    this.decisions = decisions;
    this.factsRead = decisions.guard().policy().packs().stream().flatMap(pack -> pack.factsRead().stream())
        .distinct().sorted().toList();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  /**
   * Checks the handler's declared body before it runs, and keeps who asked for a response it may
   * stream. The container's dispatch to its error page of a stream that the guard cut short (which
   * Tomcat includes in the response, since it is committed) runs no handler: the container aborts
   * the response, so there is nothing left to write, and the error page Spring Boot would write (a
   * map, to a {@code text/event-stream}) fails with two warnings of Spring MVC.
   */
  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if ((request.getDispatcherType() == DispatcherType.ERROR || request.getDispatcherType() == DispatcherType.INCLUDE)
        && StreamedResponses.wasCutShort(request) && response.isCommitted()) {
      return false;
    }
    if (!(request.getAttribute(InboundRequest.ATTRIBUTE) instanceof InboundRequest inbound)) {
      return true;
    }
    if (handler instanceof HandlerFunction<?>) {
      // a functional endpoint declares nothing of what it returns: it may stream server-sent events
      streamed.open(request, response, inbound);
      return true;
    }
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Guard guard = decisions.guard();
    boolean enforced = guard.config().mode() == Mode.ENFORCE;
    Handler declared = handlers.computeIfAbsent(new HandlerKey(method.getBeanType(), method.getMethod()),
        key -> enforced
            ? new Handler(bodyCategories(guard, method), subjectParameters(method), streams(method),
                ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet())
            : new Handler(Set.of(), List.of(), streams(method), Set.of(), Set.of()));
    if (!declared.categories().isEmpty()) {
      refuseIfNothingReleased(guard, declared, request, inbound);
    }
    if (declared.streams()) {
      streamed.open(request, response, inbound);
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      @Nullable Exception exception) {
    streamed.close(request, response);
  }

  /** The responses of handlers that may stream their bodies, with who asked for each. */
  StreamedResponses streamed() {
    return streamed;
  }

  /**
   * Throws the refusal if nothing of the handler's declared body could be released to the
   * requester; else returns, and the body is decided once written.
   */
  private void refuseIfNothingReleased(Guard guard, Handler declared, HttpServletRequest request,
      InboundRequest inbound) {
    Recipient recipient = inbound.requester().recipient();
    Pass pass = inbound.basis().equals(LegalBasis.none())
        ? new Pass(recipient.id(), recipient.recipientClass(), inbound.purpose()) : null;
    if (pass != null && declared.passes().contains(pass)) {
      return;
    }
    Set<String> asked = subjects(request, declared.subjectParameters());
    Set<String> subjects = asked.isEmpty() ? inbound.basis().subjects() : asked;
    DisclosureRequest disclosure = declaredBody(guard, inbound, declared, subjects).build();
    if (!guard.policy().decide(disclosure).released().isEmpty()
        || factsMayRelease(guard, inbound, declared, subjects, pass)) {
      if (pass != null) {
        declared.passes().add(pass);
      }
      return;
    }
    Decision decision = decisions.decide(disclosure, Decisions.Direction.INBOUND);
    if (!decision.permitsAny()) {
      throw new ResponseRefusedException(decision);
    }
    // else the guard's own decision released something after all: the body's decides
  }

  /** A request of the guard for the categories of the handler's declared body, for these subjects. */
  private static DisclosureRequest.Builder declaredBody(Guard guard, InboundRequest inbound, Handler declared,
      Set<String> subjects) {
    return inbound.request(guard)
        .holder(guard.config().holder())
        .categories(declared.categories())
        .subjects(subjects);
  }

  /**
   * Whether the application's resolver could give facts that release something of the handler's
   * declared body: never without a resolver; for a request without a document, tried once per
   * recipient and purpose, and remembered when nothing opens.
   */
  private boolean factsMayRelease(Guard guard, InboundRequest inbound, Handler declared, Set<String> subjects,
      @Nullable Pass pass) {
    if (inbound.facts() == null || pass != null && declared.shut().contains(pass)) {
      return false;
    }
    if (someFactsRelease(guard, inbound, declared, subjects)) {
      return true;
    }
    if (pass != null) {
      declared.shut().add(pass);
    }
    return false;
  }

  /**
   * Whether some facts that the application's resolver could find in the record would release
   * something of the handler's declared body: each combination of the facts the packs read is tried,
   * all of them first, since a fact mostly lifts a rule, but a rule may also apply only where a fact
   * holds. With more than {@link #MOST_FACTS_TRIED} facts, the answer is yes without trying.
   */
  private boolean someFactsRelease(Guard guard, InboundRequest inbound, Handler declared, Set<String> subjects) {
    int count = factsRead.size();
    if (count > MOST_FACTS_TRIED) {
      if (toldOfTooManyFacts.compareAndSet(false, true)) {
        LogFactory.getLog(EarlyRefusalInterceptor.class).warn("the policy's packs read " + count + " facts, more than"
            + " the " + MOST_FACTS_TRIED + " whose combinations the check before a handler tries when the application"
            + " declares a FactsResolver, so the check refuses nothing early: a requester refused the record (ICE"
            + " without a warrant) tells a record that exists (403) from one that does not (404)");
      }
      return true;
    }
    for (int combination = (1 << count) - 1; combination > 0; combination--) {
      DisclosureRequest.Builder request = declaredBody(guard, inbound, declared, subjects);
      for (int i = 0; i < count; i++) {
        if ((combination & 1 << i) != 0) {
          request.fact(factsRead.get(i), true);
        }
      }
      if (!guard.policy().decide(request.build()).released().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the handler may stream its body, whose elements Spring MVC writes without the response
   * advice: it returns an emitter, or a reactive type of several values, itself or through the
   * wrappers of a body ({@code ResponseEntity}, {@code CompletableFuture}, {@code Mono}).
   */
  private static boolean streams(HandlerMethod method) {
    for (ResolvableType body = ResolvableType.forMethodParameter(method.getReturnType()); body != null;
        body = unwrap(body)) {
      ReactiveAdapter reactive = ReactiveAdapterRegistry.getSharedInstance().getAdapter(body.toClass());
      if (ResponseBodyEmitter.class.isAssignableFrom(body.toClass()) || (reactive != null && reactive.isMultiValue())) {
        return true;
      }
    }
    return false;
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
    return guard.declaredCategories(resolved(body));
  }

  /**
   * The type with every type variable replaced by what the handler's declaration makes it: {@code
   * ResponseEntity<List<Resident>>} unwraps to the variable of {@code HttpEntity}, which stands for
   * {@code List<Resident>}, not for a raw list.
   */
  private static Type resolved(ResolvableType type) {
    ResolvableType[] generics = type.getGenerics();
    if (generics.length == 0 || type.isArray() || type.resolve() == null
        || generics.length != type.toClass().getTypeParameters().length) {
      return type.toClass();
    }
    ResolvableType[] arguments = new ResolvableType[generics.length];
    for (int i = 0; i < generics.length; i++) {
      arguments[i] = ResolvableType.forType(resolved(generics[i]));
    }
    return ResolvableType.forClassWithGenerics(type.toClass(), arguments).getType();
  }

  /** The handler's path variables and request parameters tagged {@link SubjectId}. */
  private static List<Named> subjectParameters(HandlerMethod method) {
    List<Named> named = new ArrayList<>();
    for (MethodParameter parameter : method.getMethodParameters()) {
      PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
      RequestParam requestParameter = parameter.getParameterAnnotation(RequestParam.class);
      if ((variable == null && requestParameter == null) || !parameter.hasParameterAnnotation(SubjectId.class)) {
        continue;
      }
      String name = variable != null ? (variable.name().isEmpty() ? variable.value() : variable.name())
          : (requestParameter.name().isEmpty() ? requestParameter.value() : requestParameter.name());
      if (name.isEmpty()) {
        MethodParameter discovered = new MethodParameter(parameter);
        discovered.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        name = discovered.getParameterName();
      }
      if (name == null) {
        String annotation = variable != null ? "@PathVariable" : "@RequestParam";
        throw new IllegalStateException("the @SubjectId " + annotation + " parameter " + parameter.getParameterIndex()
            + " of " + method.getShortLogMessage() + " has no name: give it one, " + annotation + "(\"id\"), or compile"
            + " with -parameters");
      }
      Class<?> type = parameter.getParameterType();
      named.add(new Named(name, variable != null, type.isArray() || Collection.class.isAssignableFrom(type)));
    }
    return List.copyOf(named);
  }

  /** The values of the parameters that name the person asked about. */
  private static Set<String> subjects(HttpServletRequest request, List<Named> parameters) {
    if (parameters.isEmpty()) {
      return Set.of();
    }
    Map<?, ?> variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> map
        ? map : Map.of();
    Set<String> subjects = new HashSet<>();
    for (Named parameter : parameters) {
      for (String value : values(request, variables, parameter)) {
        subjects.addAll(parameter.several() ? StringUtils.commaDelimitedListToSet(value) : Set.of(value));
      }
    }
    return subjects;
  }

  /** The values the request gives a parameter: none if it gives it none. */
  private static List<String> values(HttpServletRequest request, Map<?, ?> variables, Named parameter) {
    if (parameter.inPath()) {
      return variables.get(parameter.name()) instanceof String value ? List.of(value) : List.of();
    }
    String[] values = request.getParameterValues(parameter.name());
    return values == null ? List.of() : List.of(values);
  }

  private static @Nullable ResolvableType unwrap(ResolvableType type) {
    for (Class<?> wrapper : WRAPPERS) {
      ResolvableType as = type.as(wrapper);
      if (as != ResolvableType.NONE) {
        return as.getGeneric(0);
      }
    }
    ReactiveAdapter reactive = ReactiveAdapterRegistry.getSharedInstance().getAdapter(type.toClass());
    return reactive == null || reactive.isNoValue() ? null : type.as(reactive.getReactiveType()).getGeneric(0);
  }
}
