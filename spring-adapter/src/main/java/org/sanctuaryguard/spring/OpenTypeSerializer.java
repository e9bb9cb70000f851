package org.sanctuaryguard.spring;

import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.databind.ValueSerializer;

/**
 * Guards the serializer Jackson built for a type whose values may be of other classes: an interface
 * or an abstract class, which has no objects of its own, or a class that is not final and has no
 * protected properties (one with protected properties guards each getter a subclass may override).
 * Jackson writes with it values of other classes when it types statically ({@code
 * @JsonSerialize(as = ...)} on a class or a property, {@code typing = STATIC}, {@code
 * MapperFeature.USE_STATIC_TYPING}, a root type given to {@code writerFor}, a list's elements
 * included). It calls the value's getters through the type's properties, past the guarded
 * writers of the value's own class, and a subclass's overriding getter may return a protected
 * value; so a value of another class that has protected properties fails the write, naming its
 * class and the type, before anything of it is written. Any other value is written as Jackson
 * would: what it refers to is written by the serializers of its own classes. A value of the type
 * itself costs one comparison of classes.
 */
final class OpenTypeSerializer extends RefusingSerializer {

  private final RedactingSerializerModifier modifier;
  private final Class<?> type;

  OpenTypeSerializer(ValueSerializer<?> delegate, RedactingSerializerModifier modifier, Class<?> type) {
    super(delegate);
    this.modifier = modifier;
    this.type = type;
  }

  @Override
  OpenTypeSerializer around(ValueSerializer<?> other) {
    return new OpenTypeSerializer(other, modifier, type);
  }

  @Override
  void refuseIfProtected(Object value) {
    Class<?> actual = value.getClass();
    if (actual != type && modifier.hasProtectedProperties(actual)) {
      throw new InvalidProtectionException(actual.getName(), "", "holds protected"
          + " values but is written with the serializer of " + type.getName() + ", which Jackson uses when it types"
          + " statically (@JsonSerialize(as = ...), typing = STATIC, MapperFeature.USE_STATIC_TYPING, writerFor)"
          + " and which the guard cannot redact; declare the class itself, or let Jackson write each value as its"
          + " own class");
    }
  }
}
