package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.sanctuaryguard.LegalBasis;

/**
 * Finds the legal basis an incoming request presents. The built-in resolver reads a document id
 * from the header {@code sanctuary.guard.inbound.basis-header} and looks it up in the {@link
 * LegalBasisRegistry}, which the application fills once counsel has verified a document; a bean of
 * this type replaces it.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BasisResolver {

  /**
   * Returns the basis the request presents. A document is presented by an agency for its own
   * requests: a resolver must not resolve one for any other requester, an unidentified one
   * included.
   *
   * @param request the incoming request
   * @param requester who asks, as the {@link RequesterResolver} identified them
   * @return the basis, or {@link LegalBasis#none()} if the request presents none
   * @throws org.sanctuaryguard.UnknownIdentifierException if the request names a document the
   *     application does not know for this requester; the request is answered with 400 and a
   *     problem
   */
  LegalBasis resolve(HttpServletRequest request, Requester requester);
}
