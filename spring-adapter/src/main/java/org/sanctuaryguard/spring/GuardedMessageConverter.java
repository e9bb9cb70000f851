package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.ClassUtils;

/**
 * A client's converter, guarded: before it writes a request body that holds protected values, the
 * body is decided for the destination's recipient, refused unless the decision releases something,
 * and then written in that decision's {@link DecisionScope}; the decision waits in the request's
 * attributes for {@link GuardingInterceptor}. Any converter may write a record (Gson, JSON-B, JAXB,
 * Kotlin serialization, one of the application's that writes its {@code toString}), and only a
 * Jackson converter whose mapper holds the guard's module redacts it. Spring's JSON converter whose
 * mapper lacks the module (Spring Boot's, made from a {@code JsonMapper} bean of the application's,
 * or one the application built by hand) writes with a copy of its mapper that holds it, as Spring
 * MVC's does, so that the module sees what a copy of the body cannot show: a record behind a
 * computed getter, or held by a JDK class ({@code EventObject}), which the guard's copy leaves as
 * it is. Every other converter, and that one for a body of a type it has a mapper of its own
 * registered for, is given the guard's redacted copy instead, as the response advice gives one to
 * such a converter. A converter of strings, bytes or resources has nothing to decide. Reading is
 * the converter's own.
 */
final class GuardedMessageConverter extends DelegatingMessageConverter {

  private static final ClassValue<Set<Class<?>>> SUPERTYPES = new ClassValue<>() {
    @Override
    protected Set<Class<?>> computeValue(Class<?> type) {
      Set<Class<?>> types = new HashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
      for (Class<?> superclass = type; superclass != null; superclass = superclass.getSuperclass()) {
        types.add(superclass);
      }
      return Set.copyOf(types);
    }
  };

  private final OutboundGuard outbound;
  /** The delegate, if it is Spring's JSON converter and its mapper lacks the guard's module; or null. */
  private final @Nullable JacksonJsonHttpMessageConverter withoutModule;
  /** That converter with the guard's module, written with in its place; or null. */
  private final @Nullable JacksonJsonHttpMessageConverter withModule;

  private GuardedMessageConverter(HttpMessageConverter<?> delegate, OutboundGuard outbound,
      SanctuaryGuardModule module) {
    super(delegate);
    this.outbound = outbound;
    this.withoutModule = delegate instanceof JacksonJsonHttpMessageConverter json
        && json.getClass() == JacksonJsonHttpMessageConverter.class
        && !SanctuaryGuardModule.isRegisteredIn(json.getMapper()) ? json : null;
    this.withModule = withoutModule == null ? null : withModule(withoutModule, module);
  }

  private static JacksonJsonHttpMessageConverter withModule(JacksonJsonHttpMessageConverter json,
      SanctuaryGuardModule module) {
    JacksonJsonHttpMessageConverter guarded = new JacksonJsonHttpMessageConverter(module.addedTo(json.getMapper()));
    guarded.setSupportedMediaTypes(json.getSupportedMediaTypes());
    return guarded;
  }

  /**
   * Replaces each converter of a client's list with a guarded one, in its place: a form converter
   * (whose multipart parts other converters write) with a {@link GuardedFormConverter}, any other
   * with a {@code GuardedMessageConverter}; one guarded already is left as it is.
   */
  static void guard(List<HttpMessageConverter<?>> converters, OutboundGuard outbound, SanctuaryGuardModule module) {
    converters.replaceAll(converter -> {
      if (converter instanceof GuardedMessageConverter || converter instanceof GuardedFormConverter) {
        return converter;
      }
      return converter instanceof FormHttpMessageConverter form ? new GuardedFormConverter(form, outbound)
          : new GuardedMessageConverter(converter, outbound, module);
    });
  }

  /**
   * Checks a converter of a client's list once the list is final: one the guard did not put in its
   * place would write request bodies outside any decision. Spring runs a {@code RestClient}'s list
   * configurers in the order they were given, so a converter that the application adds with {@code
   * configureMessageConvertersList} once Spring Boot's builder was customized comes after the guard
   * guarded the list; it runs each converter's configurer after them all, where this is called.
   * Spring's converters of strings, bytes and resources, which write no record, may stay as they are.
   *
   * @throws SanctuaryGuardException naming the converter's class, so that the client is not built
   */
  static void requireGuarded(HttpMessageConverter<?> converter) {
    if (!isGuarded(converter)) {
      throw new SanctuaryGuardException("the client's message converter " + converter.getClass().getName()
          + " was added to its list after the guard guarded the list (configureMessageConvertersList, whose"
          + " configurers run in order, after Spring Boot's customizers): it would write request bodies outside any"
          + " decision, so the client is not built; add it with addCustomConverter (or withJsonConverter, ...), and"
          + " the guard guards it in its place");
    }
  }

  /** Returns the first converter of a client's list that the guard did not put in its place, or null. */
  static @Nullable HttpMessageConverter<?> firstUnguarded(List<HttpMessageConverter<?>> converters) {
    for (HttpMessageConverter<?> converter : converters) {
      if (!isGuarded(converter)) {
        return converter;
      }
    }
    return null;
  }

  /** Whether a converter is the guard's, or one of Spring's that write no record. */
  private static boolean isGuarded(HttpMessageConverter<?> converter) {
    return converter instanceof GuardedMessageConverter || converter instanceof GuardedFormConverter
        || writesNoRecord(converter);
  }

  /**
   * Writes a request body: one that holds protected values is decided for the destination's
   * recipient (refused unless the decision releases something), written in the decision's {@link
   * DecisionScope}, and the decision waits in the request's attributes for {@link
   * GuardingInterceptor}, which finds there too that a guarded converter wrote the body. One that
   * needs no decision is written in a scope that releases nothing: the thread may be in a scope of
   * its own (the application's, for what it released to the police, or a response's, decided for
   * the city's staff, once the response was written), under which the module would write a record
   * the guard did not see (behind a computed getter, an {@code EventObject}'s source) to a
   * destination that decision was never made for.
   */
  static void writeDecided(Object body, HttpOutputMessage message, OutboundGuard outbound, BodyWrite write)
      throws IOException {
    BodyDecision decision = null;
    if (message instanceof HttpRequest request) {
      decision = outbound.decideBody(request.getURI(), body, Disclosures.current().orElse(null));
      request.getAttributes().put(OutboundGuard.GUARDED_WRITE, Boolean.TRUE);
      if (decision != null) {
        request.getAttributes().put(OutboundGuard.BODY_DECISION, decision);
      }
    }
    DecisionScope scope = decision == null ? DecisionScope.openWithholding() : DecisionScope.open(decision.decision());
    try {
      write.write(decision == null ? null : decision.decision());
    } finally {
      scope.close();
    }
  }

  /**
   * Whether a Jackson converter writes a body of the class with the guard's module: its mapper holds
   * it, and so does each mapper registered for the class or one of its supertypes ({@code
   * registerMappersForType}), which the converter would pick for it instead.
   */
  private static boolean writesWithModule(AbstractJacksonHttpMessageConverter<?> jackson, Class<?> type) {
    return SanctuaryGuardModule.isRegisteredIn(jackson.getMapper()) && supertypes(type).stream()
        .allMatch(registered -> jackson.getMappersForType(registered).values().stream()
            .allMatch(SanctuaryGuardModule::isRegisteredIn));
  }

  /** Whether a Jackson converter has no mapper registered for the class or one of its supertypes. */
  private static boolean registersNoMapperFor(AbstractJacksonHttpMessageConverter<?> jackson, Class<?> type) {
    return supertypes(type).stream().allMatch(registered -> jackson.getMappersForType(registered).isEmpty());
  }

  /**
   * The class, its superclasses and every interface it implements, as an immutable set found once
   * per class ({@link ClassValue}, so classes can still be unloaded).
   */
  static Set<Class<?>> supertypes(Class<?> type) {
    return SUPERTYPES.get(type);
  }

  @Override
  public void write(Object body, ResolvableType type, @Nullable MediaType contentType, HttpOutputMessage outputMessage,
      @Nullable Map<String, Object> hints) throws IOException {
    writeDecided(body, outputMessage, outbound, decision -> {
      if (withModule != null && registersNoMapperFor(withoutModule, body.getClass())) {
        // the module writes under the decision, and withholds every protected value outside one
        withModule.write(body, type, contentType, outputMessage, hints);
        return;
      }
      boolean redacts = delegate instanceof AbstractJacksonHttpMessageConverter<?> jackson
          && writesWithModule(jackson, body.getClass());
      writeThrough(body, decision == null || redacts ? body : outbound.released(body, decision), type, contentType,
          outputMessage, hints);
    });
  }
}
