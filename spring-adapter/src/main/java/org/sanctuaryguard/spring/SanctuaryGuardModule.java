package org.sanctuaryguard.spring;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.sanctuaryguard.Guard;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson 3 module that writes a protected property only when the decision of the current
 * {@link DecisionScope} releases every one of its categories, and never outside a scope. Types
 * without protected properties are left to Jackson as they are: the module adds no work to them.
 *
 * <p>The auto-configuration registers it with every mapper Spring Boot builds (JSON, and XML or CBOR
 * where present). A mapper built by hand gets it with {@code JsonMapper.builder().addModule(new
 * SanctuaryGuardModule(guard))}.
 *
 * <p>What is redacted: each property whose field or record component is tagged with {@code
 * @Protected} or registered in {@code ProtectedProperties}; a property Jackson writes that has no
 * field of its own (a computed getter) in a class holding protected values, which is written only
 * when every protected category of the class is released; and a class holding protected values
 * that Jackson writes through a serializer of its own ({@code @JsonValue}, a module's serializer),
 * which is written as {@code null} unless every protected category of the class is released, and
 * so is a class that only holds objects with protected values, for every category their declared
 * types hold. A class-level {@code @JsonSerialize(using = ...)} or {@code @JsonSerialize(converter
 * = ...)}, which Jackson uses without asking this module, is refused on a class that holds
 * protected values either way: writing it fails before anything of it is written. An object of a
 * class with protected properties written with the serializer of an interface or an abstract
 * class, as Jackson does when it types statically, fails the write; a concrete class that is not
 * final is trusted to be written with its own serializer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class SanctuaryGuardModule extends JacksonModule {

  private final Guard guard;
  /**
   * The copies with this module of mappers that lack it, by the mapper (which equals only itself),
   * each held weakly too: a copy shares the mapper's configuration, whose objects may hold the
   * mapper itself (a handler instantiator that holds the bean factory of a context that holds it),
   * and a copy held strongly here would keep the mapper, and all it holds, from ever being collected.
   */
  private final Map<JsonMapper, WeakReference<JsonMapper>> withModule = new WeakHashMap<>();

  /**
   * Creates the module for a guard, whose protected properties it redacts.
   *
   * @param guard the guard
   */
  public SanctuaryGuardModule(Guard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  @Override
  public String getModuleName() {
    return "sanctuary-guard";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    RedactingSerializerModifier modifier = new RedactingSerializerModifier(guard);
    context.addSerializerModifier(modifier);
    context.insertAnnotationIntrospector(new OwnClassSerializerCheck(modifier));
  }

  /** Returns whether a mapper holds a module of the guard's, so that it writes protected properties as decided. */
  static boolean isRegisteredIn(ObjectMapper mapper) {
    return mapper.registeredModules().stream().anyMatch(SanctuaryGuardModule.class::isInstance);
  }

  /**
   * Returns a mapper that the adapter writes with: the mapper given if it holds a module of the
   * guard's, or else a copy of it with this module. The application's own {@code JsonMapper} bean
   * (Spring Boot then builds none) lacks the module unless the application added it, and a writer
   * of the adapter's that used it as it is would write every protected value, whatever the guard
   * decided. A mapper is copied once for as long as what writes with its copy is in use (a client's
   * converters are made again each time a builder builds one); the cache keeps neither the mapper
   * nor its copy from being collected.
   */
  JsonMapper addedTo(JsonMapper mapper) {
    if (isRegisteredIn(mapper)) {
      return mapper;
    }
    synchronized (withModule) {
      WeakReference<JsonMapper> kept = withModule.get(mapper);
      JsonMapper copy = kept == null ? null : kept.get();
      if (copy == null) {
        copy = mapper.rebuild().addModule(this).build();
        withModule.put(mapper, new WeakReference<>(copy));
      }
      return copy;
    }
  }
}
