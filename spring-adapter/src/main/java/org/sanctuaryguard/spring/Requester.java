package org.sanctuaryguard.spring;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Recipient;

/**
 * Who asks: the recipient a response would disclose data to, and who acts for it, if known.
 *
 * @param recipient the recipient, resolved against the guard's directory
 * @param actor who acts, or null: an officer's or a staff member's user name, recorded in guard
 *     events made log-safe
 * @since 0.1.0
 */
public record Requester(Recipient recipient, @Nullable String actor) {

  /** Checks the recipient. */
  public Requester {
    Objects.requireNonNull(recipient, "recipient");
  }

  /**
   * Returns a requester with no known actor.
   *
   * @param recipient the recipient
   * @return the requester
   */
  public static Requester of(Recipient recipient) {
    return new Requester(recipient, null);
  }

  /** Shows the recipient id only: an actor's name is for guard events, not for logs. */
  @Override
  public String toString() {
    return "Requester[" + recipient.id() + "]";
  }
}
