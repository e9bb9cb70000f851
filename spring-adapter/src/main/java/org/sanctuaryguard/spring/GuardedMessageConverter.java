package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.util.ClassUtils;

/**
 * A client's Jackson converter, guarded: before it writes a request body that holds protected
 * values, the body is decided for the destination's recipient, refused unless the decision releases
 * something, and then written in that decision's {@link DecisionScope}; the decision waits in the
 * request's attributes for {@link GuardingInterceptor}. The converter is the application's, and its
 * mapper may lack the guard's module (one the application built by hand, or its own {@code
 * JsonMapper} bean, which Spring Boot's converters then use): a body it would write without the
 * module is given the guard's redacted copy instead, as the response advice gives one to such a
 * converter. Reading is the converter's own.
 */
final class GuardedMessageConverter implements SmartHttpMessageConverter<Object> {

  private final AbstractJacksonHttpMessageConverter<?> delegate;
  private final OutboundGuard outbound;

  private GuardedMessageConverter(AbstractJacksonHttpMessageConverter<?> delegate, OutboundGuard outbound) {
    this.delegate = delegate;
    this.outbound = outbound;
  }

  /**
   * Replaces each Jackson converter of a client's list, and each form converter (whose multipart
   * parts Jackson writes), with a guarded one, in its place.
   */
  static void guard(List<HttpMessageConverter<?>> converters, OutboundGuard outbound) {
    converters.replaceAll(converter -> {
      if (converter instanceof AbstractJacksonHttpMessageConverter<?> jackson) {
        return new GuardedMessageConverter(jackson, outbound);
      }
      return converter instanceof FormHttpMessageConverter form ? new GuardedFormConverter(form, outbound) : converter;
    });
  }

  /**
   * Writes a request body: one that holds protected values is decided for the destination's
   * recipient (refused unless the decision releases something), written in the decision's {@link
   * DecisionScope}, and the decision waits in the request's attributes for {@link
   * GuardingInterceptor}.
   */
  static void writeDecided(Object body, HttpOutputMessage message, OutboundGuard outbound, BodyWrite write)
      throws IOException {
    BodyDecision decision = message instanceof HttpRequest request
        ? outbound.decideBody(request.getURI(), body, Disclosures.current().orElse(null)) : null;
    if (decision == null) {
      write.write(null);
      return;
    }
    ((HttpRequest) message).getAttributes().put(OutboundGuard.BODY_DECISION, decision);
    DecisionScope scope = DecisionScope.open(decision.decision());
    try {
      write.write(decision.decision());
    } finally {
      scope.close();
    }
  }

  /** The write of a body by the converter a guarded one wraps, under the body's decision if it needed one. */
  interface BodyWrite {
    void write(@Nullable Decision decision) throws IOException;
  }

  /**
   * Whether the converter writes a body of the class with the guard's module: its mapper holds it,
   * and so does each mapper registered for the class or one of its supertypes ({@code
   * registerMappersForType}), which the converter would pick for it instead.
   */
  private boolean writesWithModule(Class<?> type) {
    if (!SanctuaryGuardModule.isRegisteredIn(delegate.getMapper())) {
      return false;
    }
    Set<Class<?>> types = new HashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
    for (Class<?> superclass = type; superclass != null; superclass = superclass.getSuperclass()) {
      types.add(superclass);
    }
    return types.stream().allMatch(registered -> delegate.getMappersForType(registered).values().stream()
        .allMatch(SanctuaryGuardModule::isRegisteredIn));
  }

  @Override
  public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
    return delegate.canRead(type, mediaType);
  }

  @Override
  public Object read(ResolvableType type, HttpInputMessage inputMessage, @Nullable Map<String, Object> hints)
      throws IOException {
    return delegate.read(type, inputMessage, hints);
  }

  @Override
  public boolean canWrite(ResolvableType targetType, Class<?> valueClass, @Nullable MediaType mediaType) {
    return delegate.canWrite(targetType, valueClass, mediaType);
  }

  @Override
  public void write(Object body, ResolvableType type, @Nullable MediaType contentType, HttpOutputMessage outputMessage,
      @Nullable Map<String, Object> hints) throws IOException {
    writeDecided(body, outputMessage, outbound, decision -> {
      Object written = decision == null || writesWithModule(body.getClass()) ? body : outbound.released(body, decision);
      delegate.write(written, written == body ? type : ResolvableType.forInstance(written), contentType, outputMessage,
          hints);
    });
  }

  @Override
  public List<MediaType> getSupportedMediaTypes() {
    return delegate.getSupportedMediaTypes();
  }

  @Override
  public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
    return delegate.getSupportedMediaTypes(clazz);
  }

  @Override
  public String toString() {
    return "GuardedMessageConverter[" + delegate + "]";
  }
}
