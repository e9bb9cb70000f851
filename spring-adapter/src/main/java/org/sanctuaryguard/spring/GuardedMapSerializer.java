package org.sanctuaryguard.spring;

import java.util.Map;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a map through the serializer Jackson built, unless one of its keys is of a class that
 * holds protected values: Jackson writes a key through its {@code toString}, which shows every
 * component of a record, which the guard cannot redact, and which a key cannot leave out. Such a
 * map fails the write, naming the key's class, before Jackson writes a key (and before it could put
 * one in an error's path).
 */
final class GuardedMapSerializer extends RefusingSerializer {

  private final Guard guard;

  GuardedMapSerializer(ValueSerializer<?> delegate, Guard guard) {
    super(delegate);
    this.guard = guard;
  }

  @Override
  GuardedMapSerializer around(ValueSerializer<?> other) {
    return new GuardedMapSerializer(other, guard);
  }

  @Override
  void refuseIfProtected(Object map) {
    for (Object key : ((Map<?, ?>) map).keySet()) {
      if (key != null && guard.mayHoldProtected(key.getClass())) {
        throw new InvalidProtectionException(key.getClass().getName(), "(a map key)", "holds protected values, and"
            + " Jackson writes a map key through its toString, which the guard cannot redact; key the map by an id");
      }
    }
  }
}
