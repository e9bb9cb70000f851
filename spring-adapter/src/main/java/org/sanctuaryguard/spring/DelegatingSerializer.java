package org.sanctuaryguard.spring;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.util.NameTransformer;

/**
 * A serializer around the one Jackson built, which it consults before writing: what is not its
 * concern (contextualizing, resolving, unwrapping, filters, ignored properties, format overrides,
 * emptiness, schema visitors) it passes on to the serializer it wraps, and wraps the result again.
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
    return aroundIfChanged(delegate.createContextual(context, property));
  }

  @Override
  public void resolve(SerializationContext context) {
    delegate.resolve(context);
  }

  @Override
  public ValueSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
    return aroundIfChanged(delegate.unwrappingSerializer(unwrapper));
  }

  @Override
  public ValueSerializer<?> withFilterId(Object filterId) {
    return aroundIfChanged(delegate.withFilterId(filterId));
  }

  @Override
  public ValueSerializer<?> withIgnoredProperties(Set<String> ignoredProperties) {
    return aroundIfChanged(delegate.withIgnoredProperties(ignoredProperties));
  }

  @Override
  public @Nullable ValueSerializer<?> withFormatOverrides(SerializationConfig config, JsonFormat.Value format) {
    // null when the serializer cannot take the format: Jackson then builds another, which is guarded again
    ValueSerializer<?> overridden = delegate.withFormatOverrides(config, format);
    return overridden == null ? null : aroundIfChanged(overridden);
  }

  private ValueSerializer<Object> aroundIfChanged(ValueSerializer<?> other) {
    return other == delegate ? this : around(other);
  }

  @Override
  public ValueSerializer<?> getDelegatee() {
    return delegate;
  }

  @Override
  public Iterator<PropertyWriter> properties() {
    return delegate.properties();
  }

  @Override
  public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
    delegate.acceptJsonFormatVisitor(visitor, type);
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
