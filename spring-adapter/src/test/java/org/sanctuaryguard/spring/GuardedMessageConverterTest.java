package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardedMessageConverterTest {

  static class Base implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static final class Resident extends Base implements Comparable<Resident> {
    private static final long serialVersionUID = 1L;

    @Override
    public int compareTo(Resident other) {
      return 0;
    }
  }

  @Test
  void supertypesWhenAskedAgainThenTheSameImmutableSetOfTheClassItsSuperclassesAndInterfaces() {
    // given
    Set<Class<?>> first = GuardedMessageConverter.supertypes(Resident.class);

    // when
    Set<Class<?>> again = GuardedMessageConverter.supertypes(Resident.class);

    // then
    assertThat(first).containsExactlyInAnyOrder(Resident.class, Base.class, Object.class, Comparable.class,
        Serializable.class);
    assertThat(again).as("found once per class").isSameAs(first);
    assertThatThrownBy(() -> first.add(String.class)).isInstanceOf(UnsupportedOperationException.class);
  }
}
