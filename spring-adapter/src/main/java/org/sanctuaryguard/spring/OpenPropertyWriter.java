package org.sanctuaryguard.spring;

import org.sanctuaryguard.Guard;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * Writes a property that is declared as a type whose values may be of any class ({@code Object},
 * an interface, an abstract class) and that a serializer or converter of the application's own
 * writes, which the guard cannot see into: only a value of a class that cannot hold protected
 * values is written. Any other fails the write, naming the class, the property and the value's
 * class, before anything of the property is written.
 */
final class OpenPropertyWriter extends DelegatingPropertyWriter {

  private static final long serialVersionUID = 1L;

  private final transient Guard guard;
  private final String owner;
  private final String property;

  /**
   * @param owner the name of the class that declares the property
   * @param property the property's Java name
   */
  OpenPropertyWriter(BeanPropertyWriter delegate, Guard guard, String owner, String property) {
    super(delegate);
    this.guard = guard;
    this.owner = owner;
    this.property = property;
  }

  @Override
  public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    refuseProtected(bean);
    delegate.serializeAsProperty(bean, generator, context);
  }

  @Override
  public void serializeAsElement(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
    refuseProtected(bean);
    delegate.serializeAsElement(bean, generator, context);
  }

  private void refuseProtected(Object bean) throws Exception {
    Object value = delegate.get(bean);
    if (value != null && guard.mayHoldProtected(value.getClass())) {
      throw new InvalidProtectionException(owner, property, "holds a " + value.getClass().getName()
          + ", which may hold protected values, but " + RedactingSerializerModifier.OWN_SERIALIZER);
    }
  }

  @Override
  OpenPropertyWriter around(BeanPropertyWriter other) {
    return new OpenPropertyWriter(other, guard, owner, property);
  }
}
