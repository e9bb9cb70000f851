package org.sanctuaryguard.spring;

import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import java.util.Iterator;
import java.util.List;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.introspect.AnnotatedMethod;
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
 * protected fields) is refused, naming the class and the property, whatever the decision. One read
 * through a plain getter that a subclass may override gets the contextual serializer checked as each
 * object is written ({@link OverriddenIdCheck}): Jackson calls a subclass's override when it writes
 * the subclass's object with this serializer (it types statically). Any other use gets the serializer
 * Jackson made contextual, without this wrapper, so that writing costs nothing more, unless Jackson
 * writes it through a property filter ({@link PropertyFilterCheck}).
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
          String use = RedactingSerializerModifier.OBJECT_ID + " on " + property.getName();
          if (writer.overridable() && writer.getMember() instanceof AnnotatedMethod getter) {
            return new OverriddenIdCheck(PropertyFilterCheck.ifFiltered(delegate.createContextual(context, property)),
                handledType(),
                List.of(new OverriddenIdCheck.Id(getter.getAnnotated(), named, use,
                    RedactingSerializerModifier.OBJECT_ID_REMEDY)));
          }
          throw new InvalidProtectionException(handledType().getName(), named, use + ", which Jackson writes in"
              + " place of the object past the guard; " + RedactingSerializerModifier.OBJECT_ID_REMEDY);
        }
      }
    }
    return PropertyFilterCheck.ifFiltered(delegate.createContextual(context, property));
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
