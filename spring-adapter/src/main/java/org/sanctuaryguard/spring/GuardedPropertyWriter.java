package org.sanctuaryguard.spring;

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
 * method (a getter, a record's accessor) although a field stores it: the method may compute from
 * protected fields ({@code label() { return label + " (" + status + ")"; }}). Its categories are
 * then the class's every protected category. A method that only returns its field ({@link
 * PlainAccessors}) in a class that is not final is guarded too, since a subclass may override it
 * and Jackson may write the subclass with this class's serializer (a handler declared to return
 * the class): it is written as well when the object is of the very class it was found plain in.
 */
final class GuardedPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  private final BeanPropertyWriter delegate;
  private final transient Category[] categories;
  private final int slot;
  /** The class in which the method was found to only return its field, or null. */
  private final transient @Nullable Class<?> plainIn;

  /**
   * @param categories the categories the decision must release for the property to be written
   * @param slot the writer's number, under which a scope keeps its verdict
   * @param plainIn the class in which the method Jackson writes the property through only returns
   *     the field that stores it, whose objects are written whatever the decision; null otherwise
   */
  GuardedPropertyWriter(BeanPropertyWriter delegate, Category[] categories, int slot, @Nullable Class<?> plainIn) {
    super(delegate);
    this.delegate = delegate;
    this.categories = categories;
    this.slot = slot;
    this.plainIn = plainIn;
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

  private boolean released(Object bean) {
    return (plainIn != null && bean.getClass() == plainIn) || DecisionScope.releasedNow(slot, categories);
  }

  @Override
  public GuardedPropertyWriter rename(NameTransformer transformer) {
    return new GuardedPropertyWriter(delegate.rename(transformer), categories, slot, plainIn);
  }

  @Override
  public BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
    return new GuardedPropertyWriter(delegate.unwrappingWriter(unwrapper), categories, slot, plainIn);
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
