package org.sanctuaryguard.spring;

import org.sanctuaryguard.Category;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Guards a class holding protected values that Jackson writes through a serializer of its own
 * ({@code @JsonValue}, a module's serializer): the module cannot see which property it writes, so it
 * writes the value only when the decision releases every protected category of the class, and
 * {@code null} otherwise.
 */
final class GuardedValueSerializer extends DelegatingSerializer {

  private final Category[] categories;
  private final int slot;

  GuardedValueSerializer(ValueSerializer<?> delegate, Category[] categories, int slot) {
    super(delegate);
    this.categories = categories;
    this.slot = slot;
  }

  @Override
  GuardedValueSerializer around(ValueSerializer<?> other) {
    return new GuardedValueSerializer(other, categories, slot);
  }

  @Override
  public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
    if (DecisionScope.releasedNow(slot, categories)) {
      delegate.serialize(value, generator, context);
    } else {
      generator.writeNull();
    }
  }

  @Override
  public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
      TypeSerializer typeSerializer) {
    if (DecisionScope.releasedNow(slot, categories)) {
      delegate.serializeWithType(value, generator, context, typeSerializer);
    } else {
      generator.writeNull();
    }
  }
}
