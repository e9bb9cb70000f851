package org.sanctuaryguard.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;

/**
 * An explicit disclosure opened by {@link Disclosures#open}: the calls to its recipient made until
 * it is closed are decided with its request. Its decisions carry the obligations the application
 * must fulfil (notify the subject, keep the document) and their audit event ids.
 *
 * <p>Thread-safe; closed on the thread that opened it.
 *
 * @since 0.1.0
 */
public final class Disclosure implements AutoCloseable {

  private final String recipient;
  private final Consumer<DisclosureRequest.Builder> request;
  private final @Nullable Disclosure outer;
  private final Consumer<@Nullable Disclosure> restore;
  private final Thread owner = Thread.currentThread();
  private final List<Decision> decisions = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  Disclosure(String recipient, Consumer<DisclosureRequest.Builder> request, @Nullable Disclosure outer,
      Consumer<@Nullable Disclosure> restore) {
    this.recipient = recipient;
    this.request = request;
    this.outer = outer;
    this.restore = restore;
  }

  /** Returns the directory id of the recipient the disclosure is to. */
  public String recipient() {
    return recipient;
  }

  /** Returns the decisions made for the calls of the disclosure so far, in order. */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** Returns whether the disclosure is closed: calls made afterwards are no longer part of it. */
  public boolean isClosed() {
    return closed;
  }

  /** Applies the disclosure's request to the request of a call. */
  void applyTo(DisclosureRequest.Builder call) {
    request.accept(call);
  }

  void record(Decision decision) {
    decisions.add(decision);
  }

  /** The disclosure this one was opened in, or null. */
  @Nullable Disclosure outer() {
    return outer;
  }

  /**
   * Closes the disclosure and restores the one it was opened in. Closed on another thread than the
   * one that opened it, it is closed all the same, so that no later call is decided under it, and
   * then the mistake is reported.
   *
   * @throws IllegalStateException on another thread than the one that opened it
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a disclosure must be closed on the thread that opened it, " + owner.getName()
          + "; it is closed, but that thread still holds it until it opens or looks up another");
    }
    restore.accept(outer);
  }

  /** Shows the recipient and the outcomes: nothing protected. */
  @Override
  public String toString() {
    return "Disclosure[" + recipient + ", " + decisions.stream().map(d -> d.outcome().id()).toList()
        + (closed ? ", closed" : "") + "]";
  }
}
