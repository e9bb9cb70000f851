package org.sanctuaryguard.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.spring.BasisResolver;
import org.sanctuaryguard.spring.LegalBasisRegistry;

/** Reads the id of a document from a header and looks it up in the {@link LegalBasisRegistry}. */
final class HeaderBasisResolver implements BasisResolver {

  private final String header;
  private final LegalBasisRegistry registry;

  HeaderBasisResolver(String header, LegalBasisRegistry registry) {
    this.header = header;
    this.registry = registry;
  }

  @Override
  public LegalBasis resolve(HttpServletRequest request) {
    String documentId = request.getHeader(header);
    return documentId == null || documentId.isBlank() ? LegalBasis.none() : registry.get(documentId.trim());
  }

  @Override
  public String toString() {
    return "HeaderBasisResolver[" + header + "]";
  }
}
