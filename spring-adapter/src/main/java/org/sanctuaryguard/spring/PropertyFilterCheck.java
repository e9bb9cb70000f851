package org.sanctuaryguard.spring;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.FilterProvider;
import tools.jackson.databind.ser.PropertyFilter;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.std.SimpleBeanPropertyFilter;

/**
 * Guards the bean serializer of a class that may hold protected values (its own protected
 * properties, or objects that have some) that Jackson writes through a property filter ({@code
 * @JsonFilter} on the class or on a property that holds it): Jackson gives the filter each
 * property's writer, the guard's among them, and a filter may read a value through it ({@code
 * BeanPropertyWriter.get}, its member) and write it itself past the guard: a protected value
 * masked, say, a computed getter's, or a record's {@code toString}.
 * A filter that only chooses which writers write ({@link SimpleBeanPropertyFilter} and its
 * subclasses that override no more than {@code include}) is left to write; any other fails the
 * write of the object, naming the class and the filter's class, before anything of it is written.
 * Which filter applies is known only as the object is written (a mapper's filter provider, or an
 * {@code ObjectWriter}'s), so it is looked up each time, as Jackson looks it up.
 */
final class PropertyFilterCheck extends DelegatingSerializer {

  /** Whether a filter's class only chooses which writers write, or may write values itself. */
  private static final ClassValue<Boolean> CHOOSES_ONLY = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      if (!SimpleBeanPropertyFilter.class.isAssignableFrom(type)) {
        return false;
      }
      try {
        return type.getMethod("serializeAsProperty", Object.class, JsonGenerator.class, SerializationContext.class,
            PropertyWriter.class).getDeclaringClass() == SimpleBeanPropertyFilter.class
            && type.getMethod("serializeAsElement", Object.class, JsonGenerator.class, SerializationContext.class,
            PropertyWriter.class).getDeclaringClass() == SimpleBeanPropertyFilter.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  };

  /** The id of the filter Jackson writes through, or null if it writes through none (yet). */
  private final @Nullable Object filterId;

  private PropertyFilterCheck(ValueSerializer<?> delegate) {
    super(delegate);
    this.filterId = delegate instanceof BeanSerializerBase bean ? bean.getFilterId() : null;
  }

  /**
   * Returns the serializer checked as it writes if Jackson writes it through a property filter, and
   * as it is made contextual (which may name a property's filter).
   */
  static ValueSerializer<?> checked(ValueSerializer<?> serializer) {
    return new PropertyFilterCheck(serializer);
  }

  /**
   * Returns a serializer made contextual, checked as it writes if Jackson writes it through a
   * property filter; else as it is, so that writing costs nothing more.
   */
  static ValueSerializer<?> ifFiltered(ValueSerializer<?> serializer) {
    return serializer instanceof BeanSerializerBase bean && bean.getFilterId() != null
        ? new PropertyFilterCheck(serializer) : serializer;
  }

  @Override
  DelegatingSerializer around(ValueSerializer<?> other) {
    return new PropertyFilterCheck(other);
  }

  @Override
  public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
    return ifFiltered(delegate.createContextual(context, property));
  }

  @Override
  public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
    check(value, context);
    delegate.serialize(value, generator, context);
  }

  @Override
  public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
      TypeSerializer typeSerializer) {
    check(value, context);
    delegate.serializeWithType(value, generator, context, typeSerializer);
  }

  private void check(Object value, SerializationContext context) {
    if (filterId == null) {
      return;
    }
    FilterProvider filters = context.getFilterProvider();
    PropertyFilter filter = filters == null ? null : filters.findPropertyFilter(context, filterId, value);
    if (filter != null && !CHOOSES_ONLY.get(filter.getClass())) {
      throw new InvalidProtectionException(handledType().getName(), "", "may hold protected values but is written"
          + " through the property filter " + filter.getClass().getName() + " (@JsonFilter), which may read values past"
          + " the guard's writers and write them itself; let the filter choose which properties are written (a"
          + " SimpleBeanPropertyFilter that overrides include only), or write a class made for the purpose");
    }
  }
}
