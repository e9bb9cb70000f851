package org.sanctuaryguard.spring;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * A server's converter other than the adapter's JSON one, guarded for what the response advice does
 * not see ({@link UnadvisedBodies}): a streamed element and a functional endpoint's body are decided
 * as they are written, refused unless the decision releases something, and the converter is given
 * the guard's redacted copy. Gson and JSON-B (which Spring Boot picks with {@code
 * spring.http.converters.preferred-json-mapper}, and then builds no Jackson converter for the
 * adapter to replace), XML, a converter of the application's own (one that writes a record's {@code
 * toString}) would otherwise write every protected value of such an element or body. A body the
 * advice decided is written as the advice left it (the redacted copy), with nothing decided again.
 * Spring's converters of strings, bytes and resources have nothing to decide and are left as they
 * are (a subclass of one, which may write a record, is guarded), and so is the adapter's JSON
 * converter, which decides what it writes itself.
 */
final class GuardedResponseConverter extends DelegatingMessageConverter {

  private final UnadvisedBodies unadvised;

  private GuardedResponseConverter(HttpMessageConverter<?> delegate, UnadvisedBodies unadvised) {
    super(delegate);
    this.unadvised = unadvised;
  }

  /**
   * Guards, in its place, each converter of the list that may write a record. A Jackson converter
   * whose mapper holds the guard's module (XML, CBOR, a JSON one of the application's built with it)
   * keeps its own class, which Spring MVC's {@code @JsonView} support looks for: the module writes no
   * protected value of what nothing decided.
   */
  static void guard(List<HttpMessageConverter<?>> converters, UnadvisedBodies unadvised) {
    converters.replaceAll(converter -> converter instanceof GuardedJsonConverter
        || converter instanceof GuardedResponseConverter
        || writesNoRecord(converter)
        || converter instanceof AbstractJacksonHttpMessageConverter<?> jackson
            && SanctuaryGuardModule.isRegisteredIn(jackson.getMapper())
        ? converter : new GuardedResponseConverter(converter, unadvised));
  }

  @Override
  public void write(Object body, ResolvableType type, @Nullable MediaType contentType, HttpOutputMessage outputMessage,
      @Nullable Map<String, Object> hints) throws IOException {
    unadvised.writeDecided(body, outputMessage, decision -> writeThrough(body, unadvised.released(body, decision), type,
        contentType, outputMessage, hints));
  }

  /**
   * Guards the converters of each of Spring MVC's handler adapters, which write its handlers'
   * bodies and its emitters' elements, and of each mapping of functional endpoints, which write
   * their bodies, before each builds what writes with them: so every converter is guarded, the
   * application's own included, whichever way it was added.
   */
  static final class Installer implements BeanPostProcessor {

    /** Where a mapping of functional endpoints keeps its converters, which it shows to no one. */
    private final Field mappingConverters = mappingConverters();
    private final ObjectProvider<UnadvisedBodies> unadvised;

    Installer(ObjectProvider<UnadvisedBodies> unadvised) {
      this.unadvised = unadvised;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
      if (bean instanceof RequestMappingHandlerAdapter adapter) {
        adapter.setMessageConverters(guarded(adapter.getMessageConverters()));
      } else if (bean instanceof RouterFunctionMapping mapping
          && ReflectionUtils.getField(mappingConverters, mapping) instanceof List<?> converters) {
        // without converters, it makes its own of strings, bytes and forms as it starts
        @SuppressWarnings("unchecked")
        List<HttpMessageConverter<?>> given = (List<HttpMessageConverter<?>>) converters;
        mapping.setMessageConverters(guarded(given));
      }
      return bean;
    }

    private List<HttpMessageConverter<?>> guarded(List<HttpMessageConverter<?>> converters) {
      List<HttpMessageConverter<?>> guarded = new ArrayList<>(converters);
      guard(guarded, unadvised.getObject());
      return guarded;
    }

    private static Field mappingConverters() {
      Field field = ReflectionUtils.findField(RouterFunctionMapping.class, "messageConverters", List.class);
      if (field == null) {
        // fail closed: a functional endpoint's body would be written by converters the guard does not hold
        throw new IllegalStateException("this version of Spring MVC keeps the converters of RouterFunctionMapping"
            + " elsewhere, where the guard cannot find them; use the Spring Boot version the adapter is built for");
      }
      ReflectionUtils.makeAccessible(field);
      return field;
    }
  }
}
