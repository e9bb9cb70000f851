package org.sanctuaryguard.spring;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.sanctuaryguard.LegalBasis;

/**
 * The legal bases an application knows by document id: warrants, orders and subpoenas that counsel
 * has checked, consents on file. A request from an agency names a document by its id (in the
 * {@code Sanctuary-Guard-Basis} header), and the guard decides with the basis registered under it;
 * a document id that is not registered is answered with 400.
 *
 * <pre>{@code
 * registry.register("26-MJ-01234", LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
 *     .issuer("United States District Court for the Southern District of New York")
 *     .signer("Hon. A. Judge", SignerRole.ARTICLE_III_JUDGE)
 *     .subjects("C-2013")
 *     .categories("vehicle.dmv-record")
 *     .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"))
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe: documents may be registered and removed while requests are decided. Lookups of
 * unknown ids never suggest registered ones.
 *
 * @since 0.1.0
 */
public final class LegalBasisRegistry {

  private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

  private final ConcurrentMap<String, LegalBasis> documents = new ConcurrentHashMap<>();

  /**
   * Registers a document, replacing one registered under the same id.
   *
   * @param documentId the id requests name it by: letters, digits and {@code . _ : / -}, at most
   *     128 characters
   * @param basis the document
   * @return this registry
   * @throws IllegalArgumentException if the id is malformed
   */
  public LegalBasisRegistry register(String documentId, LegalBasis basis) {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(basis, "basis");
    if (!DOCUMENT_ID.matcher(documentId).matches()) {
      throw new IllegalArgumentException("a document id must be letters, digits and '. _ : / -', at most 128"
          + " characters, starting with a letter or digit, but was '" + documentId + "'");
    }
    documents.put(documentId, basis);
    return this;
  }

  /**
   * Removes a document, for example when a warrant was withdrawn.
   *
   * @param documentId the id
   * @return whether a document was registered under it
   */
  public boolean remove(String documentId) {
    return documents.remove(Objects.requireNonNull(documentId, "documentId")) != null;
  }

  /**
   * Returns the document registered under an id, or empty.
   *
   * @param documentId the id
   * @return the document, or empty
   */
  public Optional<LegalBasis> find(String documentId) {
    return Optional.ofNullable(documents.get(Objects.requireNonNull(documentId, "documentId")));
  }

  @Override
  public String toString() {
    return "LegalBasisRegistry[" + documents.size() + " documents]";
  }
}
