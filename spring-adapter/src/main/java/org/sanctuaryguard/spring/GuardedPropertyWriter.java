package org.sanctuaryguard.spring;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Category;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * Writes a protected property only when the decision of the current {@link DecisionScope} releases
 * all its categories; otherwise leaves it out (or writes the format's placeholder where a property
 * cannot be left out, as in a bean written as an array).
 *
 * <p>It also guards a property of a class holding protected values that Jackson writes through a
 * method (a getter, a record's accessor) although a field stores it: the method may compute from
 * protected fields ({@code label() { return label + " (" + status + ")"; }}). Its categories are
 * then the class's every protected category. A method that only returns its field ({@link
 * PlainAccessors}) in a class that is not final is guarded too, since a subclass may override it
 * and Jackson may write the subclass with this class's serializer (a handler declared to return
 * the class): it is written as well when the object is of the very class it was found plain in.
 */
final class GuardedPropertyWriter extends DelegatingPropertyWriter {

  private static final long serialVersionUID = 1L;

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

  /**
   * Whether the property is read through a method that only returns its field but that a subclass
   * may override: Jackson reads it, past this writer, as the field for objects of the class it was
   * found plain in, and as the override for a subclass's that overrides it.
   */
  boolean overridable() {
    return plainIn != null;
  }

  private boolean released(Object bean) {
    return (plainIn != null && bean.getClass() == plainIn) || DecisionScope.releasedNow(slot, categories);
  }

  @Override
  GuardedPropertyWriter around(BeanPropertyWriter other) {
    return new GuardedPropertyWriter(other, categories, slot, plainIn);
  }
}
