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
 *
 * <p>It guards a map's serializer the same way ({@link #checkedMap}): Jackson gives a map's filter
 * the map itself and each entry's key and value, whose {@code toString} it may write.
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

  /**
   * Whether the serializer is a map's, whose filter id Jackson does not show: it is found as Jackson
   * finds it, and kept here.
   */
  private final boolean map;

  private PropertyFilterCheck(ValueSerializer<?> delegate, @Nullable Object filterId, boolean map) {
    super(delegate);
    this.filterId = filterId;
    this.map = map;
  }

  /**
   * Returns a bean's serializer checked as it writes if Jackson writes it through a property filter,
   * and as it is made contextual (which may name a property's filter).
   */
  static ValueSerializer<?> checked(ValueSerializer<?> serializer) {
    return new PropertyFilterCheck(serializer, beanFilterId(serializer), false);
  }

  /**
   * Returns a map's serializer checked as it writes if Jackson writes it through a property filter,
   * and as it is made contextual (which may name a property's filter).
   *
   * @param classFilterId the id of the filter the map's class names ({@code @JsonFilter} on a
   *     subclass of a map), or null
   */
  static ValueSerializer<?> checkedMap(ValueSerializer<?> serializer, @Nullable Object classFilterId) {
    return new PropertyFilterCheck(serializer, classFilterId, true);
  }

  /**
   * Returns a bean's serializer made contextual, checked as it writes if Jackson writes it through a
   * property filter; else as it is, so that writing costs nothing more.
   */
  static ValueSerializer<?> ifFiltered(ValueSerializer<?> serializer) {
    return ifFiltered(serializer, beanFilterId(serializer), false);
  }

  private static ValueSerializer<?> ifFiltered(ValueSerializer<?> serializer, @Nullable Object filterId,
      boolean map) {
    return filterId == null ? serializer : new PropertyFilterCheck(serializer, filterId, map);
  }

  private static @Nullable Object beanFilterId(ValueSerializer<?> serializer) {
    return serializer instanceof BeanSerializerBase bean ? bean.getFilterId() : null;
  }

  @Override
  DelegatingSerializer around(ValueSerializer<?> other) {
    return new PropertyFilterCheck(other, map ? filterId : beanFilterId(other), map);
  }

  @Override
  public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
    ValueSerializer<?> contextual = delegate.createContextual(context, property);
    if (!map) {
      return ifFiltered(contextual);
    }
    // as Jackson's map serializer finds it: the property's filter, else the class's
    Object named = property == null || property.getMember() == null ? null
        : context.getAnnotationIntrospector().findFilterId(context.getConfig(), property.getMember());
    return ifFiltered(contextual, named != null ? named : filterId, true);
  }

  @Override
  public ValueSerializer<?> withFilterId(Object filterId) {
    return map ? new PropertyFilterCheck(delegate.withFilterId(filterId), filterId, true) : super.withFilterId(filterId);
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
