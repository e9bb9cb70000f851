package org.sanctuaryguard.spring;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.util.Converter;

/**
 * Refuses a class-level {@code @JsonSerialize(using = ...)} or {@code @JsonSerialize(converter =
 * ...)} on a class that holds protected values, its own or those of the objects its properties
 * declare: Jackson writes such a class with that serializer, or what the converter returns, without
 * asking the serializer modifiers, so past the module's writers. Asked first, ahead of Jackson's own
 * introspector, it finds nothing itself: every other class is left to Jackson's.
 */
final class OwnClassSerializerCheck extends NopAnnotationIntrospector {

  private static final long serialVersionUID = 1L;

  private final transient RedactingSerializerModifier modifier;

  OwnClassSerializerCheck(RedactingSerializerModifier modifier) {
    this.modifier = modifier;
  }

  @Override
  public @Nullable Object findSerializer(MapperConfig<?> config, Annotated annotated) {
    check(annotated);
    return null;
  }

  @Override
  public @Nullable Object findSerializationConverter(MapperConfig<?> config, Annotated annotated) {
    check(annotated);
    return null;
  }

  private void check(Annotated annotated) {
    if (!(annotated instanceof AnnotatedClass type)) {
      return;
    }
    JsonSerialize own = type.getAnnotation(JsonSerialize.class);
    if (own != null && (own.using() != ValueSerializer.None.class || own.converter() != Converter.None.class)
        && modifier.holdsProtected(type.getRawType())) {
      throw new InvalidProtectionException(type.getRawType().getName(), "", "holds protected values but is written"
          + " by a class-level @JsonSerialize(using, converter = ...), which Jackson uses past the guard's writers;"
          + " let Jackson write the class, or tag the fields of a class made for the purpose");
    }
  }
}
