package org.sanctuaryguard.spring;

import org.sanctuaryguard.Guard;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Guards the serializer of a class whose objects carry a subject id and may hold protected values:
 * an object is written with what the current decision releases only if the decision was made about
 * its subject ({@link Guard#covers}); any other is written, with everything it holds, as under a
 * decision that releases nothing. A decision is made about the subjects the guard found in the
 * payload, and Jackson may reach objects the guard did not see: one that a getter with no field
 * behind it returns (a resident's {@code neighbour()} looked up elsewhere), so that a warrant naming
 * one resident would otherwise release the same categories of another. An object the decision
 * covers costs a look-up of its subject id.
 */
final class SubjectBoundSerializer extends DelegatingSerializer {

  private final Guard guard;

  SubjectBoundSerializer(ValueSerializer<?> delegate, Guard guard) {
    super(delegate);
    this.guard = guard;
  }

  @Override
  SubjectBoundSerializer around(ValueSerializer<?> other) {
    return new SubjectBoundSerializer(other, guard);
  }

  @Override
  public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
    if (DecisionScope.coversNow(guard, value)) {
      delegate.serialize(value, generator, context);
    } else {
      withholding(() -> delegate.serialize(value, generator, context));
    }
  }

  @Override
  public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
      TypeSerializer typeSerializer) {
    if (DecisionScope.coversNow(guard, value)) {
      delegate.serializeWithType(value, generator, context, typeSerializer);
    } else {
      withholding(() -> delegate.serializeWithType(value, generator, context, typeSerializer));
    }
  }

  /** Writes in a scope that releases nothing. */
  private static void withholding(Runnable write) {
    DecisionScope withheld = DecisionScope.openWithholding();
    try {
      write.run();
    } finally {
      withheld.close();
    }
  }
}
