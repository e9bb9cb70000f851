package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.UnknownIdentifierException;

/**
 * Reads the id of a document from a header and looks it up in the {@link LegalBasisRegistry}. A
 * request without the header presents no basis; one naming a document that is not registered for
 * the requester is refused with 400, whether or not it is registered for another, and the message
 * never suggests a registered id. A request that names two documents in two such headers is refused
 * too.
 */
final class HeaderBasisResolver implements BasisResolver {

  private static final int LONGEST_ECHOED = 128;

  private final String header;
  private final LegalBasisRegistry registry;

  HeaderBasisResolver(String header, LegalBasisRegistry registry) {
    this.header = header;
    this.registry = registry;
  }

  @Override
  public LegalBasis resolve(HttpServletRequest request, Requester requester) {
    String documentId = RequestHeaders.single(request, header);
    if (documentId == null || documentId.isBlank()) {
      return LegalBasis.none();
    }
    String id = documentId.trim();
    return registry.findPresentedBy(id, requester.recipient()).orElseThrow(() -> new UnknownIdentifierException(
        "basis document", Problems.echoed(id, LONGEST_ECHOED), Set.of()));
  }
}
