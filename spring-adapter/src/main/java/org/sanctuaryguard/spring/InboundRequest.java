package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;

/**
 * Who asks, why and on what basis, as the filter found them for a request, and how the facts of
 * its payloads are found; a request attribute, read when the response is decided.
 *
 * @param facts the application's {@link FactsResolver} with the request it is given, or null if
 *     the application declares none, so that a payload carries no facts and nothing is called
 */
record InboundRequest(Requester requester, Purpose purpose, LegalBasis basis, @Nullable PayloadFacts facts) {

  /** A request whose payloads carry no facts. */
  InboundRequest(Requester requester, Purpose purpose, LegalBasis basis) {
    this(requester, purpose, basis, null);
  }

  /** Returns a request of the guard from this requester, for this purpose, on this basis. */
  DisclosureRequest.Builder request(Guard guard) {
    return guard.request()
        .recipient(requester.recipient())
        .purpose(purpose)
        .basis(basis)
        .actor(requester.actor());
  }

  /**
   * Adds to a request of the guard the facts the application's resolver finds for the payload about
   * to be decided; nothing without a resolver.
   *
   * @throws SanctuaryGuardException if the resolver fails, returns null, or names a fact the guard's
   *     policy does not know: the payload must not be disclosed without the facts the application
   *     meant it to carry
   */
  void addFacts(DisclosureRequest.Builder builder, Object payload) {
    if (facts != null) {
      facts.addTo(builder, requester, payload);
    }
  }

  /** The request attribute under which the filter keeps it. */
  static final String ATTRIBUTE = InboundRequest.class.getName();

  /** Who asks for a response outside {@code sanctuary.guard.inbound.url-patterns}: nobody the guard identified. */
  static final InboundRequest OUTSIDE = new InboundRequest(
      Requester.of(Recipient.unknown("a request outside sanctuary.guard.inbound.url-patterns")), Purpose.OTHER,
      LegalBasis.none());

  /** Returns who the filter found asking a request, or {@link #OUTSIDE} if the filter did not see it. */
  static InboundRequest of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof InboundRequest found ? found : OUTSIDE;
  }

  /** Shows the recipient, the purpose and the basis type: nothing a request could smuggle into a log. */
  @Override
  public String toString() {
    return "InboundRequest[" + requester.recipient().id() + ", " + purpose.id() + ", " + basis.type().id() + "]";
  }

  /** The application's facts resolver, and the request it is given. */
  record PayloadFacts(FactsResolver resolver, HttpServletRequest request) {

    void addTo(DisclosureRequest.Builder builder, Requester requester, Object payload) {
      Map<String, Boolean> found;
      try {
        found = resolver.resolve(request, requester, payload);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // the resolver was given a resident's record, and a message (an error's, a checked exception's thrown
        // undeclared) may hold any of it: name the class only
        throw failure("failed (" + e.getClass().getName() + ")");
      }
      if (found == null) {
        throw failure("returned null instead of a map of facts");
      }
      found.forEach((name, value) -> {
        if (name == null || value == null) {
          throw failure("returned a fact without a name or a value");
        }
        try {
          builder.fact(name, value);
        } catch (UnknownIdentifierException e) {
          // a name built from the record (a status) would repeat it: only the known facts nearest to it are named
          throw failure("returned a fact that neither the standard facts nor a pack declares (not repeated here, as it"
              + " may come from the record" + (e.suggestions().isEmpty() ? ""
              : "; the nearest known: '" + String.join("', '", e.suggestions()) + "'") + ")");
        }
      });
    }

    private SanctuaryGuardException failure(String what) {
      return new SanctuaryGuardException("the FactsResolver " + resolver.getClass().getName() + " " + what
          + ": the response is not sent without the facts the application meant it to carry");
    }

    /** Shows the resolver's class: the request is not for logs. */
    @Override
    public String toString() {
      return "PayloadFacts[" + resolver.getClass().getName() + "]";
    }
  }
}
