package org.sanctuaryguard;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a guard released of a payload: the redacted value and the decision behind it.
 *
 * <p>The value is a redacted copy of the payload's type when every object in it is a record or has
 * a no-argument constructor, and otherwise a read-only tree of maps and lists (one map per object,
 * keyed by property name, withheld properties left out). A payload that holds no protected value is
 * released as it is, without a decision.
 *
 * <p>Immutable; the value is shared with nobody but the caller, except a stream, an iterator or a
 * {@code Map.Entry} of plain values in it, which is passed on as it is.
 *
 * @param <T> the payload's type
 * @since 0.1.0
 */
public final class Release<T> {

  private final Object value;
  private final boolean copy;
  private final @Nullable Decision decision;

  Release(Object value, boolean copy, @Nullable Decision decision) {
    this.value = value;
    this.copy = copy;
    this.decision = decision;
  }

  /** Returns the released value: the redacted copy, or the tree of maps and lists. */
  public Object value() {
    return value;
  }

  /** Returns whether the value is a copy of the payload's type (else it is a tree). */
  public boolean isCopy() {
    return copy;
  }

  /**
   * Returns the redacted copy.
   *
   * @throws IllegalStateException if the payload could only be released as a tree of maps and lists
   */
  @SuppressWarnings("unchecked")
  public T copy() {
    if (!copy) {
      throw new IllegalStateException(
          "the payload was released as a tree of maps and lists, not a copy: an object in it is neither a record"
              + " nor has a no-argument constructor, or its constructor refused a withheld value; use value()");
    }
    return (T) value;
  }

  /** Returns the decision, or empty if the payload held no protected value. */
  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /** Shows whether a copy or a tree was released, and the decision: no value. */
  @Override
  public String toString() {
    return "Release[" + (copy ? "copy" : "tree") + ", " + (decision == null ? "nothing protected" : decision) + "]";
  }
}
