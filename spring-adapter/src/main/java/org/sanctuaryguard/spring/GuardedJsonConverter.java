package org.sanctuaryguard.spring;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring MVC's JSON converter, with the application's mapper (given the guard's module if it lacks
 * it, see {@link SanctuaryGuardModule#addedTo}), that also decides what it writes that the response
 * advice did not see ({@link UnadvisedBodies}): each element of a streamed body, and a functional
 * endpoint's body, written under their decision, which is withdrawn if the write fails before the
 * response was committed. Every other write is Jackson's converter's own.
 */
final class GuardedJsonConverter extends JacksonJsonHttpMessageConverter {

  private final UnadvisedBodies unadvised;

  GuardedJsonConverter(JsonMapper mapper, UnadvisedBodies unadvised) {
    super(mapper);
    this.unadvised = unadvised;
  }

  /**
   * Registers mappers for a type, as Jackson's converter does, but only mappers that hold the
   * guard's module: a body of that type would be written with the mapper registered for it, and one
   * without the module would write every protected value, whatever the decision (Spring Boot
   * Actuator registers its own mapper so, which the adapter gives the module).
   *
   * @throws IllegalStateException if a mapper registered for the type lacks the module, naming the
   *     type and the media type
   */
  @Override
  public void registerMappersForType(Class<?> type, Consumer<Map<MediaType, JsonMapper>> registrar) {
    // checked before they are registered, so that a refused mapper is not left in place
    Map<MediaType, JsonMapper> proposed = new LinkedHashMap<>(getMappersForType(type));
    registrar.accept(proposed);
    proposed.forEach((mediaType, mapper) -> {
      if (!SanctuaryGuardModule.isRegisteredIn(mapper)) {
        throw new IllegalStateException("a JsonMapper registered on the JSON converter for " + type.getName() + " ("
            + mediaType + ") lacks the guard's SanctuaryGuardModule, so it would write the protected values of such a"
            + " body whatever the guard decided; add the module (JsonMapper.builder().addModule(sanctuaryGuardModule))");
      }
    });
    super.registerMappersForType(type, mappers -> {
      mappers.clear();
      mappers.putAll(proposed);
    });
  }

  @Override
  protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage message,
      @Nullable Map<String, Object> hints) throws IOException {
    unadvised.writeDecided(object, message, decision -> {
      if (decision == null) {
        super.writeInternal(object, type, message, hints);
        return;
      }
      DecisionScope element = DecisionScope.open(decision);
      try {
        super.writeInternal(object, type, message, hints);
      } finally {
        element.close();
      }
    });
  }
}
