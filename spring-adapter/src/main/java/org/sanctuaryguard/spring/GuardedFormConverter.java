package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.InvalidProtectionException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A client's form converter, guarded: a form or multipart body whose parts hold protected values is
 * decided as one payload for the destination's recipient, and its parts are written in that
 * decision, as {@link GuardedMessageConverter} writes a JSON body. Without it, Jackson would write a
 * protected part outside any decision: nothing recorded, and the call not refused. The parts are
 * written by the form converter's own part converters, which may write without the guard's module
 * (a Jackson converter with a mapper of the application's, Gson), so under a decision that withholds
 * something each part is given the guard's redacted copy. A url-encoded form is another matter:
 * Spring writes each of its values as its {@code toString}, which no decision redacts, so one whose
 * values hold protected values is refused before anything is decided or written. Reading is the
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
    if (contentType != null && !contentType.getType().equalsIgnoreCase("multipart")) {
      refuseProtectedValues(body);
    }
    GuardedMessageConverter.writeDecided(body, outputMessage, outbound,
        decision -> delegate.write(decision == null ? body : released(body, decision), contentType, outputMessage));
  }

  /**
   * Refuses a url-encoded form (one that Spring's converter writes without parts: its content type
   * says so) whose values hold protected values.
   *
   * @throws InvalidProtectionException naming the class of the first such value, never a value
   */
  private void refuseProtectedValues(MultiValueMap<String, ?> form) {
    for (List<?> values : form.values()) {
      for (Object value : values) {
        Object field = value instanceof HttpEntity<?> entity ? entity.getBody() : value;
        if (field != null && outbound.holdsProtected(field)) {
          throw new InvalidProtectionException(field.getClass().getName(), "", "holds protected values and is a value"
              + " of a url-encoded form, which Spring writes as its toString, whatever the guard decides: send"
              + " records as multipart/form-data (contentType(MediaType.MULTIPART_FORM_DATA)) or as JSON");
        }
      }
    }
  }

  /** The form with each part, or the body of each part given as an entity, as the decision releases it. */
  private MultiValueMap<String, Object> released(MultiValueMap<String, ?> form, Decision decision) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>(form.size());
    form.forEach((name, values) -> values.forEach(value -> parts.add(name,
        value instanceof HttpEntity<?> entity && entity.getBody() != null
            ? new HttpEntity<>(outbound.released(entity.getBody(), decision), entity.getHeaders())
            : value == null ? null : outbound.released(value, decision))));
    return parts;
  }

  @Override
  public String toString() {
    return "GuardedFormConverter[" + delegate + "]";
  }
}
