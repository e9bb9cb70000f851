package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;

/**
 * A converter in another's place, which asks and uses it through the interface it implements
 * ({@link GenericHttpMessageConverter}, {@link SmartHttpMessageConverter} or the plain one), as
 * Spring would, so that it reads and writes the types it did: a generic converter reads a handler
 * parameter's type in the handler's class, as Spring MVC gives it. Reading is the delegate's own;
 * what is written is the subclass's to say.
 */
abstract class DelegatingMessageConverter implements SmartHttpMessageConverter<Object> {

  /** Spring's converters that write strings, bytes or resources, never a record: nothing to decide. */
  private static final Set<Class<?>> WRITE_NO_RECORD = Set.of(StringHttpMessageConverter.class,
      ByteArrayHttpMessageConverter.class, ResourceHttpMessageConverter.class,
      ResourceRegionHttpMessageConverter.class);

  /**
   * The write of a body by the converter a guarded one wraps, under the body's decision if it
   * needed one (null if it needed none).
   */
  interface BodyWrite {
    void write(@Nullable Decision decision) throws IOException;
  }

  final HttpMessageConverter<Object> delegate;

  /**
   * Whether a converter is one of Spring's that write strings, bytes or resources, never a record,
   * and so has nothing to decide: of that very class, since a subclass may write anything (a
   * record's {@code toString}).
   */
  static boolean writesNoRecord(HttpMessageConverter<?> converter) {
    return WRITE_NO_RECORD.contains(converter.getClass());
  }

  @SuppressWarnings("unchecked")
  DelegatingMessageConverter(HttpMessageConverter<?> delegate) {
    this.delegate = (HttpMessageConverter<Object>) delegate;
  }

  /** Writes what the subclass chose to write, of its own type if it is not the body given. */
  final void writeThrough(Object body, Object written, ResolvableType type, @Nullable MediaType contentType,
      HttpOutputMessage outputMessage, @Nullable Map<String, Object> hints) throws IOException {
    ResolvableType writtenType = written == body ? type : ResolvableType.forInstance(written);
    if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
      generic.write(written, writtenType.getType(), contentType, outputMessage);
    } else if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
      smart.write(written, writtenType, contentType, outputMessage, hints);
    } else {
      delegate.write(written, contentType, outputMessage);
    }
  }

  @Override
  public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
    if (delegate instanceof GenericHttpMessageConverter<Object> generic) {
      return generic.canRead(type.getType(), contextClass(type), mediaType);
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
      return generic.read(type.getType(), contextClass(type), inputMessage);
    }
    if (delegate instanceof SmartHttpMessageConverter<Object> smart) {
      return smart.read(type, inputMessage, hints);
    }
    return delegate.read((Class<Object>) type.toClass(), inputMessage);
  }

  /** The class a handler parameter's type is read in, as Spring MVC gives a generic converter; null for any other type. */
  private static @Nullable Class<?> contextClass(ResolvableType type) {
    return type.getSource() instanceof MethodParameter parameter ? parameter.getContainingClass() : null;
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
  public List<MediaType> getSupportedMediaTypes() {
    return delegate.getSupportedMediaTypes();
  }

  @Override
  public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
    return delegate.getSupportedMediaTypes(clazz);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
