package org.sanctuaryguard.spring;

import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.util.NameTransformer;

/**
 * A property writer around the one Jackson built, which it consults before writing, as Jackson's
 * own view-filtering writers do: what is not its concern (the serializers Jackson assigns, the
 * schema) it passes on to the writer it wraps, and a renamed or unwrapping writer it wraps again,
 * so that renaming and unwrapping keep it.
 */
abstract class DelegatingPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  /** The writer Jackson built. */
  final BeanPropertyWriter delegate;

  DelegatingPropertyWriter(BeanPropertyWriter delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  /** The same check around another writer: the delegate renamed, or unwrapping. */
  abstract DelegatingPropertyWriter around(BeanPropertyWriter other);

  @Override
  public final DelegatingPropertyWriter rename(NameTransformer transformer) {
    return around(delegate.rename(transformer));
  }

  @Override
  public final BeanPropertyWriter unwrappingWriter(NameTransformer unwrapper) {
    return around(delegate.unwrappingWriter(unwrapper));
  }

  @Override
  public final boolean isUnwrapping() {
    return delegate.isUnwrapping();
  }

  @Override
  public final void assignSerializer(ValueSerializer<Object> serializer) {
    delegate.assignSerializer(serializer);
  }

  @Override
  public final void assignNullSerializer(ValueSerializer<Object> serializer) {
    delegate.assignNullSerializer(serializer);
  }

  @Override
  public final void assignTypeSerializer(TypeSerializer serializer) {
    delegate.assignTypeSerializer(serializer);
  }

  @Override
  public final void depositSchemaProperty(JsonObjectFormatVisitor visitor, SerializationContext context) {
    delegate.depositSchemaProperty(visitor, context);
  }
}
