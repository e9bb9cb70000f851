package org.sanctuaryguard.spring;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Mode;

/**
 * The decision under which {@link SanctuaryGuardModule} writes protected properties on the current
 * thread: a protected property is written only when the decision releases every one of its
 * categories, and outside any scope it is never written. The adapter opens scopes itself for the
 * responses and the calls it guards; application code opens one to write what a decision released
 * to a channel the adapter does not guard, such as a message queue:
 *
 * <pre>{@code
 * Release<Resident> release = guard.release(resident, guard.request()
 *     .recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION));
 * try (DecisionScope scope = DecisionScope.open(release.decision().orElseThrow())) {
 *   queue.send(jsonMapper.writeValueAsBytes(release.copy()));
 * }
 * }</pre>
 *
 * <p>A decision releases the data of the people it was made about only ({@link Guard#covers}): an
 * object with a subject id of anyone else is written with no protected value, nor any in what it
 * holds. A decision that a {@code Policy} made alone, which no guard recorded, covers no object
 * with a subject id.
 *
 * <p>Scopes nest: closing one restores the one it was opened in. A scope belongs to the thread that
 * opened it and must be closed there.
 *
 * @since 0.1.0
 */
public final class DecisionScope implements AutoCloseable {

  private static final ThreadLocal<Local> LOCAL = ThreadLocal.withInitial(Local::new);

  /**
   * A thread's scopes: the innermost, and the verdicts of its decisions per property writer, each
   * stamped with the generation of the decision that asked, so that no scope allocates or clears
   * them. What a decision releases depends only on its mode, whether it releases anything, and its
   * set of released categories; a guard hands out one such set per payload that nothing restricts,
   * so the responses of a thread that a decision of the same kind covers share a generation and its
   * verdicts.
   */
  private static final class Local {
    private final Thread owner = Thread.currentThread();
    private @Nullable DecisionScope current;
    private long generation;
    /** Per property writer: {@code generation << 1}, plus 1 if released. */
    private long[] stamps = new long[Math.max(64, RedactingSerializerModifier.slots())];
    private @Nullable Set<Category> lastReleased;
    private @Nullable Mode lastMode;
    private boolean lastPermitsAny;

    long generationOf(@Nullable Decision decision) {
      if (decision == null) {
        return ++generation;
      }
      if (decision.released() != lastReleased || decision.mode() != lastMode
          || decision.permitsAny() != lastPermitsAny) {
        lastReleased = decision.released();
        lastMode = decision.mode();
        lastPermitsAny = decision.permitsAny();
        ++generation;
      }
      return generation;
    }
  }

  private final Local local;
  private final @Nullable DecisionScope outer;
  /** Whether the scope is a response's, decided once its body is known. */
  private final boolean response;
  private @Nullable Decision decision;
  /** Whether the response advice examined the response's body, whether or not it decided it. */
  private boolean examined;
  private long generation;
  private boolean closed;

  private DecisionScope(Local local, @Nullable Decision decision, boolean response) {
    this.local = local;
    this.outer = local.current;
    this.response = response;
    this.decision = decision;
    this.generation = local.generationOf(decision);
  }

  /**
   * Opens a scope on the current thread in which protected properties are written as the decision
   * releases them.
   *
   * @param decision a decision of the guard, for the value about to be written
   * @return the scope, to be closed on this thread
   */
  public static DecisionScope open(Decision decision) {
    return enter(Objects.requireNonNull(decision, "decision"), false);
  }

  /** Opens a scope whose decision is made later, once the payload is known: a response's. */
  static DecisionScope openUndecided() {
    return enter(null, true);
  }

  /**
   * Opens a scope that releases nothing, in which an object that the current decision does not
   * cover is written, with what it holds.
   */
  static DecisionScope openWithholding() {
    return enter(null, false);
  }

  private static DecisionScope enter(@Nullable Decision decision, boolean response) {
    Local local = LOCAL.get();
    DecisionScope scope = new DecisionScope(local, decision, response);
    local.current = scope;
    return scope;
  }

  /** Returns the innermost open scope of the current thread, or null. */
  static @Nullable DecisionScope current() {
    return LOCAL.get().current;
  }

  /**
   * Returns whether the decision of the current thread's scope releases a property of the given
   * categories; outside any scope, or before its decision is made, nothing is released.
   */
  static boolean releasedNow(int slot, Category[] categories) {
    DecisionScope scope = LOCAL.get().current;
    return scope != null && scope.releases(slot, categories);
  }

  /**
   * Returns whether the current thread's scope may write an object with the protected values its
   * decision releases: whether the decision covers the object's subject ({@link Guard#covers}).
   * Outside any scope, or before its decision is made, nothing is released anyway.
   */
  static boolean coversNow(Guard guard, Object value) {
    DecisionScope scope = LOCAL.get().current;
    Decision made = scope == null ? null : scope.decision;
    return made == null || guard.covers(made, value);
  }

  /** Returns the decision, or null while it is not made. */
  @Nullable Decision decision() {
    return decision;
  }

  /** Returns whether this is a response's scope, whose decision is made when its body is written. */
  boolean isResponse() {
    return response;
  }

  /** Notes that the response advice examined the body about to be written. */
  void examined() {
    examined = true;
  }

  /** Returns whether the response advice examined a body of this scope's response. */
  boolean wasExamined() {
    return examined;
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
    generation = local.generationOf(made);
  }

  /**
   * Forgets the decision of a response's scope, which the guard withdrew ({@link
   * Decisions#withdrawUnsent}): nothing more is released in the scope until a later body of the
   * response is decided.
   */
  void withdrawn() {
    decision = null;
    generation = local.generationOf(null);
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
    long[] stamps = local.stamps;
    if (slot >= stamps.length) {
      stamps = Arrays.copyOf(stamps, Math.max(slot + 1, stamps.length * 2));
      local.stamps = stamps;
    }
    long stamp = stamps[slot];
    if (stamp >>> 1 == generation) {
      return (stamp & 1) != 0;
    }
    boolean released = true;
    for (Category category : categories) {
      if (!made.permits(category)) {
        released = false;
        break;
      }
    }
    stamps[slot] = generation << 1 | (released ? 1 : 0);
    return released;
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
    if (Thread.currentThread() != local.owner) {
      throw new IllegalStateException("a decision scope must be closed on the thread that opened it, "
          + local.owner.getName());
    }
    if (local.current != this) {
      throw new IllegalStateException("a decision scope opened inside this one is still open");
    }
    closed = true;
    local.current = outer;
  }

  /**
   * Closes the scope with every scope opened inside it that was left open, so that none of them
   * outlives it on a pooled thread; used by the adapter around what it does not control.
   *
   * @return how many scopes opened inside it were left open
   * @throws IllegalStateException on another thread than the one that opened it
   */
  int closeWithInner() {
    int left = 0;
    if (!closed && Thread.currentThread() == local.owner) {
      DecisionScope inner = local.current;
      while (inner != null && inner != this) {
        left++;
        inner = inner.outer;
      }
      if (inner == null) {
        left = 0;  // not open on this thread: close() says so
      } else {
        for (inner = local.current; inner != this; inner = inner.outer) {
          inner.closed = true;
        }
        local.current = this;
      }
    }
    close();
    return left;
  }

  /** Shows the decision: outcome, categories and rules, nothing protected. */
  @Override
  public String toString() {
    return "DecisionScope[" + (decision == null ? "undecided" : decision) + "]";
  }
}
