package org.sanctuaryguard.spring;

import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * A serializer around the one Jackson built, which it consults before writing: what is not its
 * concern (contextualizing, resolving, unwrapping, emptiness) it passes on to the serializer it
 * wraps, and wraps the result again.
 */
abstract class DelegatingSerializer extends ValueSerializer<Object> {

  /** The serializer Jackson built. */
  final ValueSerializer<Object> delegate;

  @SuppressWarnings("unchecked")
  DelegatingSerializer(ValueSerializer<?> delegate) {
    this.delegate = (ValueSerializer<Object>) delegate;
  }

  /** The same guard around another serializer: the delegate made contextual, or unwrapping. */
  abstract DelegatingSerializer around(ValueSerializer<?> other);

  @Override
  public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
    ValueSerializer<?> contextual = delegate.createContextual(context, property);
    return contextual == delegate ? this : around(contextual);
  }

  @Override
  public void resolve(SerializationContext context) {
    delegate.resolve(context);
  }

  @Override
  public ValueSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
    ValueSerializer<Object> unwrapping = delegate.unwrappingSerializer(unwrapper);
    return unwrapping == delegate ? this : around(unwrapping);
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
