package org.sanctuaryguard.spring;

import java.lang.reflect.Field;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>It also guards a property of a class holding protected values that Jackson writes through a
 * method (a getter, a record's accessor) that does more than return the field that stores it (see
 * {@link PlainAccessors}): the method may compute from protected fields ({@code label() { return
 * label + " (" + status + ")"; }}). Its categories are then the class's every protected category,
 * and when the decision does not release them all, the property is still written if the method
 * returns what its field stores (as a copying getter does), and left out otherwise.
 */
final class GuardedPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  private final BeanPropertyWriter delegate;
  private final transient Category[] categories;
  private final int slot;
  /** The field that stores what a method writes, or null for a protected or a computed property. */
  private final transient @Nullable Field stored;

  /**
   * @param categories the categories the decision must release for the property to be written
   * @param slot the writer's number, under which a scope keeps its verdict
   * @param stored the field storing what the method Jackson writes the property through returns,
   *     accessible; null for a protected property, or one no field stores
   */
  GuardedPropertyWriter(BeanPropertyWriter delegate, Category[] categories, int slot, @Nullable Field stored) {
    super(delegate);
    this.delegate = delegate;
    this.categories = categories;
    this.slot = slot;
    this.stored = stored;
  }

  @Override
  public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    if (released(bean)) {
      delegate.serializeAsProperty(bean, generator, context);
    } else {
      delegate.serializeAsOmittedProperty(bean, generator, context);
    }
  }

  @Override
  public void serializeAsElement(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    if (released(bean)) {
      delegate.serializeAsElement(bean, generator, context);
    } else {
      delegate.serializeAsOmittedElement(bean, generator, context);
    }
  }

  private boolean released(Object bean) throws Exception {
    return DecisionScope.releasedNow(slot, categories)
        || (stored != null && Objects.deepEquals(delegate.get(bean), stored.get(bean)));
  }

  @Override
  public GuardedPropertyWriter rename(NameTransformer transformer) {
    return new GuardedPropertyWriter(delegate.rename(transformer), categories, slot, stored);
  }

  @Override
  public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
    return new GuardedPropertyWriter(delegate.unwrappingWriter(unwrapper), categories, slot, stored);
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
