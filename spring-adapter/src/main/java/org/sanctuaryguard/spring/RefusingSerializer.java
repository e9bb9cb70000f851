package org.sanctuaryguard.spring;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A serializer around the one Jackson built that refuses, before anything of it is written, a value
 * the guard cannot redact, and writes any other as the serializer it wraps would.
 */
abstract class RefusingSerializer extends DelegatingSerializer {

  RefusingSerializer(ValueSerializer<?> delegate) {
    super(delegate);
  }

  /**
   * Throws if the value cannot be written past the guard; the message names classes, never a value.
   */
  abstract void refuseIfProtected(Object value);

  @Override
  public final void serialize(Object value, JsonGenerator generator, SerializationContext context) {
    refuseIfProtected(value);
    delegate.serialize(value, generator, context);
  }

  @Override
  public final void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
      TypeSerializer typeSerializer) {
    refuseIfProtected(value);
    delegate.serializeWithType(value, generator, context, typeSerializer);
  }
}
