package org.sanctuaryguard.internal.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RecordAccessorsTest {

  private record Everything(boolean flag, byte b, char c, short s, int i, long l, float f, double d, String text,
      int[] numbers, List<String> list, LocalDate date, Inner inner) {}

  private record Inner(String value) {}

  /** Kept components interleaved with wide primitives, so that frames hold longs and doubles. */
  private record Mixed(long before, @Nullable String name, double middle, @Nullable Inner inner, int after,
      Optional<String> status, @Nullable String plain) {}

  private record Refusing(String name) {
    Refusing {
      Objects.requireNonNull(name, "name");
    }
  }

  private record Empty() {}

  /** Accessors that return something else than their component: a derived label, a constant. */
  private record Derived(@Nullable String status, @Nullable String label) {
    @Override
    public @Nullable String status() {
      return null;
    }

    @Override
    public @Nullable String label() {
      return status;
    }
  }

  /** The walk a copier calls back: the kept bits, and a conversion that records what it saw. */
  private static final class Walk implements LongSupplier, UnaryOperator<Object> {
    final long kept;
    final List<Object> converted = new ArrayList<>();

    Walk(long kept) {
      this.kept = kept;
    }

    @Override
    public long getAsLong() {
      return kept;
    }

    @Override
    public Object apply(Object value) {
      converted.add(value);
      return value instanceof Inner inner ? new Inner(inner.value() + "'") : value;
    }
  }

  private static RecordAccessors plain(Class<?> record) throws ReflectiveOperationException {
    int n = record.getRecordComponents().length;
    return RecordAccessors.of(record, new boolean[n], new boolean[n], new Object[n]);
  }

  @Test
  void readWhenPrivateRecordWithEveryKindOfComponentThenReturnsThemAll() throws Exception {
    Everything original = new Everything(true, (byte) 1, 'x', (short) 2, 3, 4L, 5.5f, 6.5, "text", new int[] {7},
        List.of("a"), LocalDate.of(2026, 1, 2), new Inner("inner"));

    Object[] values = plain(Everything.class).read.apply(original);

    assertThat(values).containsExactly(true, (byte) 1, 'x', (short) 2, 3, 4L, 5.5f, 6.5, "text", original.numbers(),
        List.of("a"), LocalDate.of(2026, 1, 2), new Inner("inner"));
  }

  @Test
  void copyWhenNothingIsWithheldThenAnEqualRecordWithTheSameComponents() throws Exception {
    Everything original = new Everything(false, (byte) -1, 'y', (short) -2, -3, Long.MAX_VALUE, -5.5f, Double.MIN_VALUE,
        "t", new int[0], List.of(), LocalDate.of(2020, 2, 29), new Inner("i"));

    Object copy = plain(Everything.class).copy.apply(original, new Walk(0));

    assertThat(copy).isEqualTo(original).isNotSameAs(original);
  }

  @Test
  void copyWhenSomeComponentsAreWithheldThenTheyTakeTheirAbsentValueAndTheOthersAreConverted() throws Exception {
    boolean[] kept = {false, true, false, true, false, true, false};
    boolean[] converted = {false, false, false, true, false, false, false};
    Object[] absent = {null, null, null, null, null, Optional.empty(), null};
    RecordAccessors accessors = RecordAccessors.of(Mixed.class, kept, converted, absent);
    Mixed original = new Mixed(1L, "Ana", 2.5, new Inner("x"), 3, Optional.of("TPS"), "plain");

    Walk keepName = new Walk(1L << 1 | 1L << 3);
    Object copy = accessors.copy.apply(original, keepName);
    Object bare = accessors.copy.apply(original, new Walk(0));

    assertThat(copy).isEqualTo(new Mixed(1L, "Ana", 2.5, new Inner("x'"), 3, Optional.empty(), "plain"));
    assertThat(keepName.converted).containsExactly(new Inner("x"));
    assertThat(bare).isEqualTo(new Mixed(1L, null, 2.5, null, 3, Optional.empty(), "plain"));
  }

  @Test
  void readAndCopyWhenAccessorsReturnSomethingElseThenTheComponentsAsTheFieldsHoldThem() throws Exception {
    RecordAccessors accessors = RecordAccessors.of(Derived.class, new boolean[] {true, false}, new boolean[2],
        new Object[2]);
    Derived original = new Derived("undocumented", "intake");

    Object[] values = accessors.read.apply(original);
    Object kept = accessors.copy.apply(original, new Walk(1L));
    Object withheld = accessors.copy.apply(original, new Walk(0));

    assertThat(values).containsExactly("undocumented", "intake");
    assertThat(kept).isEqualTo(original);
    assertThat(withheld).isEqualTo(new Derived(null, "intake"));
  }

  @Test
  void copyWhenTheRecordRefusesAValueThenItsExceptionPropagates() throws Exception {
    RecordAccessors accessors = RecordAccessors.of(Refusing.class, new boolean[] {true}, new boolean[1], new Object[1]);

    assertThatThrownBy(() -> accessors.copy.apply(new Refusing("Ana"), new Walk(0)))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
  }

  @Test
  void ofWhenNoComponentThenCopiesAnEmptyRecord() throws Exception {
    RecordAccessors accessors = plain(Empty.class);

    assertThat(accessors.read.apply(new Empty())).isEmpty();
    assertThat(accessors.copy.apply(new Empty(), new Walk(0))).isEqualTo(new Empty());
  }

  @Test
  void ofWhenAskedToWithholdAPrimitiveOrNotARecordThenRefuses() {
    assertThatThrownBy(() -> RecordAccessors.of(Mixed.class, new boolean[] {true, false, false, false, false, false, false},
        new boolean[7], new Object[7]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component 0");
    assertThatThrownBy(() -> RecordAccessors.of(String.class, new boolean[0], new boolean[0], new Object[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not a record");
  }
}
