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
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.util.ClassUtils;

/**
 * A client's converter, guarded: before it writes a request body that holds protected values, the
 * body is decided for the destination's recipient, refused unless the decision releases something,
 * and then written in that decision's {@link DecisionScope}; the decision waits in the request's
 * attributes for {@link GuardingInterceptor}. Any converter may write a record (Gson, JSON-B, JAXB,
 * Kotlin serialization, one of the application's that writes its {@code toString}), and only a
 * Jackson converter whose mapper holds the guard's module redacts it: every other one, and a
 * Jackson one whose mapper lacks the module (one the application built by hand, or its own {@code
 * JsonMapper} bean, which Spring Boot's converters then use), is given the guard's redacted copy
 * instead, as the response advice gives one to such a converter. A converter of strings, bytes or
 * resources has nothing to decide. It is asked and used through the interface it implements
 * ({@link GenericHttpMessageConverter}, {@link SmartHttpMessageConverter} or the plain one), as the
 * client would, so it writes and reads the types it did. Reading is the converter's own.
 */
final class GuardedMessageConverter implements SmartHttpMessageConverter<Object> {

  private final HttpMessageConverter<Object> delegate;
  private final OutboundGuard outbound;

  @SuppressWarnings("unchecked")
  private GuardedMessageConverter(HttpMessageConverter<?> delegate, OutboundGuard outbound) {
    this.delegate = (HttpMessageConverter<Object>) delegate;
    this.outbound = outbound;
  }

  /**
   * Replaces each converter of a client's list with a guarded one, in its place: a form converter
   * (whose multipart parts other converters write) with a {@link GuardedFormConverter}, any other
   * with a {@code GuardedMessageConverter}; one guarded already is left as it is.
   */
  static void guard(List<HttpMessageConverter<?>> converters, OutboundGuard outbound) {
    converters.replaceAll(converter -> {
      if (converter instanceof GuardedMessageConverter || converter instanceof GuardedFormConverter) {
        return converter;
      }
      return converter instanceof FormHttpMessageConverter form ? new GuardedFormConverter(form, outbound)
          : new GuardedMessageConverter(converter, outbound);
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
   * Whether the converter writes a body of the class with the guard's module: it is a Jackson one,
   * its mapper holds it, and so does each mapper registered for the class or one of its supertypes
   * ({@code registerMappersForType}), which the converter would pick for it instead.
   */
  private boolean writesWithModule(Class<?> type) {
    if (!(delegate instanceof AbstractJacksonHttpMessageConverter<?> jackson)
        || !SanctuaryGuardModule.isRegisteredIn(jackson.getMapper())) {
      return false;
    }
    Set<Class<?>> types = new HashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
    for (Class<?> superclass = type; superclass != null; superclass = superclass.getSuperclass()) {
      types.add(superclass);
    }
    return types.stream().allMatch(registered -> jackson.getMappersForType(registered).values().stream()
        .allMatch(SanctuaryGuardModule::isRegisteredIn));
  }

  @Override
  public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
    if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
      return generic.canRead(type.getType(), null, mediaType);
    }
    if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
      return smart.canRead(type, mediaType);
    }
    Class<?> clazz = type.resolve();
    return clazz != null && delegate.canRead(clazz, mediaType);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object read(ResolvableType type, HttpInputMessage inputMessage, @Nullable Map<String, Object> hints)
      throws IOException {
    if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
      return generic.read(type.getType(), null, inputMessage);
    }
    if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
      return smart.read(type, inputMessage, hints);
    }
    return delegate.read((Class<Object>) type.toClass(), inputMessage);
  }

  @Override
  public boolean canWrite(ResolvableType targetType, Class<?> valueClass, @Nullable MediaType mediaType) {
    if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
      return generic.canWrite(targetType.getType(), valueClass, mediaType);
    }
    if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
      return smart.canWrite(targetType, valueClass, mediaType);
    }
    return delegate.canWrite(valueClass, mediaType);
  }

  @Override
  public void write(Object body, ResolvableType type, @Nullable MediaType contentType, HttpOutputMessage outputMessage,
      @Nullable Map<String, Object> hints) throws IOException {
    writeDecided(body, outputMessage, outbound, decision -> {
      Object written = decision == null || writesWithModule(body.getClass()) ? body : outbound.released(body, decision);
      ResolvableType writtenType = written == body ? type : ResolvableType.forInstance(written);
      if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
        generic.write(written, writtenType.getType(), contentType, outputMessage);
      } else if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
        smart.write(written, writtenType, contentType, outputMessage, hints);
      } else {
        delegate.write(written, contentType, outputMessage);
      }
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
