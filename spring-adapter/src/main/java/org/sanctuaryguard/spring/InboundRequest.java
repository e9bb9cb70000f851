package org.sanctuaryguard.spring;

import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Purpose;

/**
 * Who asks, why and on what basis, as the filter found them for a request; a request attribute,
 * read when the response is decided.
 */
record InboundRequest(Requester requester, Purpose purpose, LegalBasis basis) {

  /** Returns a request of the guard from this requester, for this purpose, on this basis. */
  DisclosureRequest.Builder request(Guard guard) {
    return guard.request()
        .recipient(requester.recipient())
        .purpose(purpose)
        .basis(basis)
        .actor(requester.actor());
  }

  /** The request attribute under which the filter keeps it. */
  static final String ATTRIBUTE = InboundRequest.class.getName();

  /** Shows the recipient, the purpose and the basis type: nothing a request could smuggle into a log. */
  @Override
  public String toString() {
    return "InboundRequest[" + requester.recipient().id() + ", " + purpose.id() + ", " + basis.type().id() + "]";
  }
}
