package org.sanctuaryguard.spring;

import org.sanctuaryguard.Category;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.util.NameTransformer;

/**
 * Writes a protected property only when the decision of the current {@link DecisionScope} releases
 * all its categories; otherwise leaves it out (or writes the format's placeholder where a property
 * cannot be left out, as in a bean written as an array). Wraps the writer Jackson built, as
 * Jackson's own view-filtering writers do, so that renaming and unwrapping keep the guard.
 */
final class GuardedPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  private final BeanPropertyWriter delegate;
  private final transient Category[] categories;
  private final int slot;

  GuardedPropertyWriter(BeanPropertyWriter delegate, Category[] categories, int slot) {
    super(delegate);
    this.delegate = delegate;
    this.categories = categories;
    this.slot = slot;
  }

  @Override
  public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    if (DecisionScope.releasedNow(slot, categories)) {
      delegate.serializeAsProperty(bean, generator, context);
    } else {
      delegate.serializeAsOmittedProperty(bean, generator, context);
    }
  }

  @Override
  public void serializeAsElement(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    if (DecisionScope.releasedNow(slot, categories)) {
      delegate.serializeAsElement(bean, generator, context);
    } else {
      delegate.serializeAsOmittedElement(bean, generator, context);
    }
  }

  @Override
  public GuardedPropertyWriter rename(NameTransformer transformer) {
    return new GuardedPropertyWriter(delegate.rename(transformer), categories, slot);
  }

  @Override
  public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
    return new GuardedPropertyWriter(delegate.unwrappingWriter(unwrapper), categories, slot);
  }

  @Override
  public boolean isUnwrapping() {
    return delegate.isUnwrapping();
  }

  @Override
  public void assignSerializer(ValueSerializer<Object> serializer) {
    delegate.assignSerializer(serializer);
  }

  @Override
  public void assignNullSerializer(ValueSerializer<Object> serializer) {
    delegate.assignNullSerializer(serializer);
  }

  @Override
  public void assignTypeSerializer(TypeSerializer serializer) {
    delegate.assignTypeSerializer(serializer);
  }

  @Override
  public void depositSchemaProperty(JsonObjectFormatVisitor visitor, SerializationContext context) {
    delegate.depositSchemaProperty(visitor, context);
  }
}
