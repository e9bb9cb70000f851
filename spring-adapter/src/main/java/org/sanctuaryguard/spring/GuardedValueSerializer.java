package org.sanctuaryguard.spring;

import org.sanctuaryguard.Category;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * Guards a class holding protected values that Jackson writes through a serializer of its own
 * ({@code @JsonValue}, a module's serializer): the module cannot see which property it writes, so it
 * writes the value only when the decision releases every protected category of the class, and
 * {@code null} otherwise.
 */
final class GuardedValueSerializer extends ValueSerializer<Object> {

  private final ValueSerializer<Object> delegate;
  private final Category[] categories;
  private final int slot;

  @SuppressWarnings("unchecked")
  GuardedValueSerializer(ValueSerializer<?> delegate, Category[] categories, int slot) {
    this.delegate = (ValueSerializer<Object>) delegate;
    this.categories = categories;
    this.slot = slot;
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

  @Override
  public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
    ValueSerializer<?> contextual = delegate.createContextual(context, property);
    return contextual == delegate ? this : new GuardedValueSerializer(contextual, categories, slot);
  }

  @Override
  public void resolve(SerializationContext context) {
    delegate.resolve(context);
  }

  @Override
  public ValueSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
    ValueSerializer<Object> unwrapping = delegate.unwrappingSerializer(unwrapper);
    return unwrapping == delegate ? this : new GuardedValueSerializer(unwrapping, categories, slot);
  }

  @Override
  public boolean isUnwrappingSerializer() {
    return delegate.isUnwrappingSerializer();
  }

  @Override
  public boolean usesObjectId() {
    return delegate.usesObjectId();
  }

  @Override
  public Class<?> handledType() {
    return delegate.handledType();
  }

  @Override
  public boolean isEmpty(SerializationContext context, Object value) {
    return delegate.isEmpty(context, value);
  }
}
