package org.sanctuaryguard.spring;

import org.sanctuaryguard.Decision;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * A response the guard refused to the requester: thrown before the response is written, answered
 * with 403 and a problem. Distinct from a refused outbound call, which is the application's to
 * handle.
 */
final class ResponseRefusedException extends SanctuaryGuardException {

  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  ResponseRefusedException(Decision decision) {
    super("response refused: " + decision);
    this.decision = decision;
  }

  Decision decision() {
    return decision;
  }
}
