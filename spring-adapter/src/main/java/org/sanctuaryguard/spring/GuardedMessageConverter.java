package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;

/**
 * A client's Jackson converter, guarded: before it writes a request body that holds protected
 * values, the body is decided for the destination's recipient, refused unless the decision releases
 * something, and then written in that decision's {@link DecisionScope}; the decision waits in the
 * request's attributes for {@link GuardingInterceptor}. Reading is the converter's own.
 */
final class GuardedMessageConverter implements SmartHttpMessageConverter<Object> {

  private final SmartHttpMessageConverter<Object> delegate;
  private final OutboundGuard outbound;

  private GuardedMessageConverter(SmartHttpMessageConverter<Object> delegate, OutboundGuard outbound) {
    this.delegate = delegate;
    this.outbound = outbound;
  }

  /** Replaces each Jackson converter of a client's list with a guarded one, in its place. */
  @SuppressWarnings("unchecked")
  static void guard(List<HttpMessageConverter<?>> converters, OutboundGuard outbound) {
    converters.replaceAll(converter -> converter instanceof AbstractJacksonHttpMessageConverter<?> jackson
        ? new GuardedMessageConverter((SmartHttpMessageConverter<Object>) (SmartHttpMessageConverter<?>) jackson, outbound)
        : converter);
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
    if (!(outputMessage instanceof HttpRequest request)) {
      delegate.write(body, type, contentType, outputMessage, hints);
      return;
    }
    BodyDecision decision = outbound.decideBody(request.getURI(), body, Disclosures.current().orElse(null));
    if (decision == null) {
      delegate.write(body, type, contentType, outputMessage, hints);
      return;
    }
    request.getAttributes().put(OutboundGuard.BODY_DECISION, decision);
    DecisionScope scope = DecisionScope.open(decision.decision());
    try {
      delegate.write(body, type, contentType, outputMessage, hints);
    } finally {
      scope.close();
    }
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
