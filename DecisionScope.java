package org.sanctuaryguard.spring.internal;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;

/**
 * The decision that JSON written on this thread is redacted to, until the scope is closed. Scopes
 * nest: closing one restores the decision that was in scope before it. A scope is closed on the
 * thread that opened it.
 */
public final class DecisionScope implements AutoCloseable {

  private static final ThreadLocal<@Nullable Decision> CURRENT = new ThreadLocal<>();

  private final @Nullable Decision previous;
  private final Thread owner;
  private boolean closed;

  private DecisionScope(@Nullable Decision previous) {
    this.previous = previous;
    this.owner = Thread.currentThread();
  }

  /** Returns the decision in scope on this thread, or null. */
  public static @Nullable Decision current() {
    return CURRENT.get();
  }

  /**
   * Puts a decision in scope on this thread.
   *
   * @param decision the decision, or null to put none in scope
   * @return the scope, to close on this thread
   */
  public static DecisionScope open(@Nullable Decision decision) {
    DecisionScope scope = new DecisionScope(CURRENT.get());
    CURRENT.set(decision);
    return scope;
  }

  /** Restores the decision in scope before this one; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a decision scope is closed on the thread that opened it, "
          + owner.getName() + ", not " + Thread.currentThread().getName());
    }
    closed = true;
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
