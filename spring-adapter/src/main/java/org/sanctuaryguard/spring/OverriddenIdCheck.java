package org.sanctuaryguard.spring;

import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.databind.ValueSerializer;

/**
 * Guards the serializer of a class holding protected values whose object id ({@code
 * @JsonIdentityInfo(generator = PropertyGenerator.class)}) or type id ({@code @JsonTypeId}) Jackson
 * reads through a plain getter that a subclass may override: the class and the getter are not final,
 * as Hibernate needs of an entity's {@code getId()}. Jackson reads the id past the property's guarded
 * writer and, when it writes a subclass's object with this serializer (typing statically: a root type
 * given to {@code writerFor}, a handler declaring the class, {@code typing = STATIC}), calls the
 * subclass's override, which may return a protected value. So a value whose class overrides the
 * getter, or inherits an override from a class between it and the getter's, fails the write, naming
 * its class and the property, before anything of it is written. Any other value is written as Jackson
 * would, the getter's field as its id. A value of the class itself costs one comparison of classes; a
 * subclass's, one lookup of what its class overrides, found once per class.
 */
final class OverriddenIdCheck extends RefusingSerializer {

  /**
   * An id that Jackson reads through a getter a subclass may override.
   *
   * @param getter the getter, which only returns its field
   * @param property the property's name
   * @param use what the property is, for the message ("is the object id of ...")
   * @param remedy what to do instead, for the message
   */
  record Id(Method getter, String property, String use, String remedy) {}

  /** The first id whose getter each class, of the type or a subclass, overrides; null for none. */
  private static final class Overrides extends ClassValue<@Nullable Id> {

    private final List<Id> ids;

    Overrides(List<Id> ids) {
      this.ids = List.copyOf(ids);
    }

    @Override
    protected @Nullable Id computeValue(Class<?> actual) {
      for (Id id : ids) {
        if (overrides(actual, id.getter())) {
          return id;
        }
      }
      return null;
    }
  }

  private final Class<?> type;
  private final Overrides overrides;

  /**
   * @param delegate the serializer of the class
   * @param type the class
   * @param ids the ids Jackson reads through a getter a subclass may override, at least one
   */
  OverriddenIdCheck(ValueSerializer<?> delegate, Class<?> type, List<Id> ids) {
    this(delegate, type, new Overrides(ids));
  }

  private OverriddenIdCheck(ValueSerializer<?> delegate, Class<?> type, Overrides overrides) {
    super(delegate);
    this.type = type;
    this.overrides = overrides;
  }

  @Override
  OverriddenIdCheck around(ValueSerializer<?> other) {
    return new OverriddenIdCheck(other, type, overrides);
  }

  @Override
  void refuseIfProtected(Object value) {
    Class<?> actual = value.getClass();
    Id id = actual == type ? null : overrides.get(actual);
    if (id != null) {
      throw new InvalidProtectionException(actual.getName(), id.property(), id.use() + ", whose getter this class"
          + " overrides, and Jackson calls the override when it writes the object with the serializer of "
          + type.getName() + " (it types statically), past the guard; " + id.remedy());
    }
  }

  /**
   * Whether a class, or one between it and the getter's declaring class, declares a method of the
   * getter's name without parameters: an override, which may return what it likes.
   */
  private static boolean overrides(Class<?> actual, Method getter) {
    for (Class<?> c = actual; c != null && c != getter.getDeclaringClass(); c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(getter.getName()) && method.getParameterCount() == 0) {
          return true;
        }
      }
    }
    return false;
  }
}
