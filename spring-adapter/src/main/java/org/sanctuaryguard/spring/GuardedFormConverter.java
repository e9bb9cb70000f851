package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.MultiValueMap;

/**
 * A client's form converter, guarded: a form or multipart body whose parts hold protected values is
 * decided as one payload for the destination's recipient, and its parts are written in that
 * decision, as {@link GuardedMessageConverter} writes a JSON body. Without it, Jackson would write a
 * protected part outside any decision: nothing recorded, and the call not refused. Reading is the
 * converter's own.
 */
final class GuardedFormConverter implements HttpMessageConverter<MultiValueMap<String, ?>> {

  private final FormHttpMessageConverter delegate;
  private final OutboundGuard outbound;

  GuardedFormConverter(FormHttpMessageConverter delegate, OutboundGuard outbound) {
    this.delegate = delegate;
    this.outbound = outbound;
  }

  @Override
  public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
    return delegate.canRead(clazz, mediaType);
  }

  @Override
  public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
    return delegate.canWrite(clazz, mediaType);
  }

  @Override
  public List<MediaType> getSupportedMediaTypes() {
    return delegate.getSupportedMediaTypes();
  }

  @Override
  public MultiValueMap<String, ?> read(Class<? extends MultiValueMap<String, ?>> clazz, HttpInputMessage inputMessage)
      throws IOException {
    return delegate.read(clazz, inputMessage);
  }

  @Override
  public void write(MultiValueMap<String, ?> body, @Nullable MediaType contentType, HttpOutputMessage outputMessage)
      throws IOException {
    GuardedMessageConverter.writeDecided(body, outputMessage, outbound,
        () -> delegate.write(body, contentType, outputMessage));
  }

  @Override
  public String toString() {
    return "GuardedFormConverter[" + delegate + "]";
  }
}
