package org.sanctuaryguard.spring;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;

/**
 * The decision under which {@link SanctuaryGuardModule} writes protected properties on the current
 * thread: a protected property is written only when the decision releases every one of its
 * categories, and outside any scope it is never written. The adapter opens scopes itself for the
 * responses and the calls it guards; application code opens one to write what a decision released
 * to a channel the adapter does not guard, such as a message queue:
 *
 * {@snippet :
 * Release<Resident> release = guard.release(resident, guard.request()
 *     .recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION));
 * try (DecisionScope scope = DecisionScope.open(release.decision().orElseThrow())) {
 *   queue.send(jsonMapper.writeValueAsBytes(release.copy()));
 * }
 * }
 *
 * <p>Scopes nest: closing one restores the one it was opened in. A scope belongs to the thread that
 * opened it and must be closed there.
 *
 * @since 0.1.0
 */
public final class DecisionScope implements AutoCloseable {

  private static final ThreadLocal<DecisionScope> CURRENT = new ThreadLocal<>();
  private static final byte UNKNOWN = 0;
  private static final byte RELEASED = 1;
  private static final byte WITHHELD = 2;

  private final @Nullable DecisionScope outer;
  private final Thread owner;
  /** Whether the scope is a response's, decided once its body is known. */
  private final boolean response;
  private @Nullable Decision decision;
  /** Per property writer of the module: whether the decision releases it, once asked; made at the first. */
  private byte @Nullable [] verdicts;
  private boolean closed;

  private DecisionScope(@Nullable Decision decision) {
    this.outer = CURRENT.get();
    this.owner = Thread.currentThread();
    this.response = decision == null;
    this.decision = decision;
  }

  /**
   * Opens a scope on the current thread in which protected properties are written as the decision
   * releases them.
   *
   * @param decision a decision of the guard, for the value about to be written
   * @return the scope, to be closed on this thread
   */
  public static DecisionScope open(Decision decision) {
    return enter(Objects.requireNonNull(decision, "decision"));
  }

  /** Opens a scope whose decision is made later, once the payload is known: a response's. */
  static DecisionScope openUndecided() {
    return enter(null);
  }

  private static DecisionScope enter(@Nullable Decision decision) {
    DecisionScope scope = new DecisionScope(decision);
    CURRENT.set(scope);
    return scope;
  }

  /** Returns the innermost open scope of the current thread, or null. */
  static @Nullable DecisionScope current() {
    return CURRENT.get();
  }

  /**
   * Returns whether the decision of the current thread's scope releases a property of the given
   * categories; outside any scope, or before its decision is made, nothing is released.
   */
  static boolean releasedNow(int slot, Category[] categories) {
    DecisionScope scope = CURRENT.get();
    return scope != null && scope.releases(slot, categories);
  }

  /** Returns the decision, or null while it is not made. */
  @Nullable Decision decision() {
    return decision;
  }

  /** Returns whether this is a response's scope, whose decision is made when its body is written. */
  boolean isResponse() {
    return response;
  }

  /**
   * Sets the decision of a response's scope, for the body about to be written; a later body of the
   * same response is decided anew.
   *
   * @throws IllegalStateException if the scope was opened with a decision
   */
  void decide(Decision made) {
    if (!response) {
      throw new IllegalStateException("a scope opened with a decision keeps it");
    }
    decision = made;
    if (verdicts != null) {
      Arrays.fill(verdicts, UNKNOWN);
    }
  }

  /**
   * Returns whether the decision releases a property of the given categories: every one of them.
   * Without a decision, nothing is released.
   *
   * @param slot the property writer's number, under which the answer is kept for this scope
   * @param categories the property's categories
   */
  boolean releases(int slot, Category[] categories) {
    Decision made = decision;
    if (made == null) {
      return false;
    }
    byte[] known = verdicts;
    if (known == null || slot >= known.length) {
      known = known == null ? new byte[Math.max(slot + 1, RedactingSerializerModifier.slots())]
          : Arrays.copyOf(known, Math.max(slot + 1, known.length * 2));
      verdicts = known;
    }
    byte verdict = known[slot];
    if (verdict == UNKNOWN) {
      verdict = RELEASED;
      for (Category category : categories) {
        if (!made.permits(category)) {
          verdict = WITHHELD;
          break;
        }
      }
      known[slot] = verdict;
    }
    return verdict == RELEASED;
  }

  /**
   * Closes the scope and restores the one it was opened in.
   *
   * @throws IllegalStateException on another thread than the one that opened it, or if a scope
   *     opened inside it is still open
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a decision scope must be closed on the thread that opened it, " + owner.getName());
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException("a decision scope opened inside this one is still open");
    }
    closed = true;
    // set, not removed: removing and setting again would allocate the thread's map entry each time
    CURRENT.set(outer);
  }

  /** Shows the decision: outcome, categories and rules, nothing protected. */
  @Override
  public String toString() {
    return "DecisionScope[" + (decision == null ? "undecided" : decision) + "]";
  }
}
