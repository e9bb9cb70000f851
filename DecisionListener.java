package org.sanctuaryguard.spring.internal;

import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.RecipientClass;

/** Told of every decision the adapter makes, once it is recorded; must be thread-safe and never throw. */
@FunctionalInterface
public interface DecisionListener {

  /**
   * Called after a decision was made and recorded.
   *
   * @param decision the decision
   * @param recipientClass the class of its recipient
   * @param holder the holder it was made for
   * @param nanos how long deciding (and recording) took
   */
  void decided(Decision decision, RecipientClass recipientClass, Holder holder, long nanos);
}
