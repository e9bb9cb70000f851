package org.sanctuaryguard.spring;

import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import java.util.Iterator;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.introspect.ObjectIdInfo;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.PropertyWriter;

/**
 * Guards the bean serializer of a class with protected properties against a {@code
 * @JsonIdentityInfo(generator = PropertyGenerator.class)} on a property that holds the class
 * ({@code @JsonIdentityInfo(..., property = "status") Resident head}): Jackson then writes the
 * object, wherever it appears again (always, with {@code @JsonIdentityReference(alwaysAsId =
 * true)}), as the value of the property named, which it reads past that property's guarded writer.
 * When Jackson contextualizes the serializer for such a property, a named property that the guard
 * writes only as decided (a protected one; one Jackson reads through a method that may compute from
 * protected fields, or that a subclass may override, which Jackson calls on a subclass's object it
 * writes with this serializer when it types statically) is refused, naming the class and the property, whatever the decision; any other
 * use gets the serializer Jackson made contextual, without this wrapper, so that writing costs
 * nothing more.
 */
final class PropertyObjectIdCheck extends DelegatingSerializer {

  PropertyObjectIdCheck(ValueSerializer<?> delegate) {
    super(delegate);
  }

  @Override
  PropertyObjectIdCheck around(ValueSerializer<?> other) {
    return new PropertyObjectIdCheck(other);
  }

  @Override
  public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
    ObjectIdInfo ids = property == null || property.getMember() == null ? null
        : context.getAnnotationIntrospector().findObjectIdInfo(context.getConfig(), property.getMember());
    if (ids != null && ids.getGeneratorType() == ObjectIdGenerators.PropertyGenerator.class) {
      String named = ids.getPropertyName().getSimpleName();
      for (Iterator<PropertyWriter> writers = delegate.properties(); writers.hasNext();) {
        if (writers.next() instanceof GuardedPropertyWriter writer && writer.getName().equals(named)) {
          throw new InvalidProtectionException(handledType().getName(), named, "is the object id of a"
              + " @JsonIdentityInfo on " + property.getName() + ", which Jackson writes in place of the object past"
              + " the guard; name a property that is not protected and that Jackson reads from its field or a getter no"
              + " subclass overrides (final), or use a generated id");
        }
      }
    }
    return delegate.createContextual(context, property);
  }

  @Override
  public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
    delegate.serialize(value, generator, context);
  }

  @Override
  public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
      TypeSerializer typeSerializer) {
    delegate.serializeWithType(value, generator, context, typeSerializer);
  }
}
