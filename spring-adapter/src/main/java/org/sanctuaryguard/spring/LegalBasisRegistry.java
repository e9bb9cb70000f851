package org.sanctuaryguard.spring;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;

/**
 * The legal bases an application knows by document id: warrants, orders and subpoenas that counsel
 * has checked, consents on file, each registered for the agency that presented it. A request from
 * that agency names a document by its id (in the {@code Sanctuary-Guard-Basis} header), and the
 * guard decides with the basis registered under it. A document id is not a credential: a request
 * from any other requester that names it, an unidentified one included, is answered with 400, as
 * for an id that is not registered.
 *
 * <pre>{@code
 * registry.register("26-MJ-01234", "ice-hsi", LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
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

  /** A document and the recipient that presented it. */
  private record Registered(LegalBasis basis, String presentedBy) {}

  private final RecipientDirectory directory;
  private final ConcurrentMap<String, Registered> documents = new ConcurrentHashMap<>();

  /**
   * Creates an empty registry whose documents are presented by recipients of a directory.
   *
   * @param directory the guard's directory ({@code guard.policy().directory()})
   */
  public LegalBasisRegistry(RecipientDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * Registers a document presented by a recipient, replacing one registered under the same id. A
   * document presented by an agency may be named by the agency and by its components (one
   * presented by {@code ice} by {@code ice-hsi}), and by no one else.
   *
   * @param documentId the id requests name it by: letters, digits and {@code . _ : / -}, at most
   *     128 characters
   * @param presentedBy the id of the directory's recipient that presented it
   * @param basis the document
   * @return this registry
   * @throws IllegalArgumentException if the id is malformed, or {@code presentedBy} is {@code
   *     unknown}, which stands for whoever the service could not identify
   * @throws org.sanctuaryguard.UnknownIdentifierException if the directory has no such recipient
   */
  public LegalBasisRegistry register(String documentId, String presentedBy, LegalBasis basis) {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(presentedBy, "presentedBy");
    Objects.requireNonNull(basis, "basis");
    if (!DOCUMENT_ID.matcher(documentId).matches()) {
      throw new IllegalArgumentException("a document id must be letters, digits and '. _ : / -', at most 128"
          + " characters, starting with a letter or digit, but was '" + documentId + "'");
    }
    if (presentedBy.equals(Recipient.UNKNOWN_ID)) {
      throw new IllegalArgumentException("a document is registered for the agency that presented it, and 'unknown'"
          + " stands for whoever the service could not identify");
    }
    directory.get(presentedBy);
    documents.put(documentId, new Registered(basis, presentedBy));
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
   * Returns the document registered under an id, or empty: for the city's own use, such as a call
   * made on its basis.
   *
   * @param documentId the id
   * @return the document, or empty
   */
  public Optional<LegalBasis> find(String documentId) {
    return Optional.ofNullable(documents.get(Objects.requireNonNull(documentId, "documentId"))).map(Registered::basis);
  }

  /**
   * Returns the document registered under an id if a requester may present it: the recipient that
   * presented it, or one of its components.
   *
   * @param documentId the id the requester named
   * @param requester the recipient asking
   * @return the document, or empty if none is registered under the id for this requester
   */
  public Optional<LegalBasis> findPresentedBy(String documentId, Recipient requester) {
    Registered registered = documents.get(Objects.requireNonNull(documentId, "documentId"));
    return registered != null && presents(requester, registered.presentedBy()) ? Optional.of(registered.basis())
        : Optional.empty();
  }

  /** Whether a requester is the presenting recipient or one of its components, following parents. */
  private boolean presents(Recipient requester, String presentedBy) {
    Recipient current = requester;
    for (int depth = 0; current != null && depth < 8 && !current.isUnknown(); depth++) {
      if (current.id().equals(presentedBy)) {
        return true;
      }
      current = current.parent() == null ? null : directory.find(current.parent()).orElse(null);
    }
    return false;
  }

  @Override
  public String toString() {
    return "LegalBasisRegistry[" + documents.size() + " documents]";
  }
}
