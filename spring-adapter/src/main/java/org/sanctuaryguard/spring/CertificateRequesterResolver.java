package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sanctuaryguard.Recipient;

/**
 * Identifies an agency by the subject of the client certificate the server verified in the TLS
 * handshake (mutual TLS); distinguished names are compared in their canonical form. A recipient
 * configured with the authorities that issue its certificates is identified only by a certificate
 * one of them issued: one with its subject from any other issuer the server trusts is taken for an
 * unknown requester, whom every pack treats at least as strictly as immigration enforcement.
 */
final class CertificateRequesterResolver implements RequesterResolver {

  /** The request attribute in which a servlet container puts the client's certificate chain. */
  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private static final Log LOG = LogFactory.getLog(CertificateRequesterResolver.class);

  private final Map<X500Principal, Recipient> bySubject;
  private final Map<String, Set<X500Principal>> issuers;

  /**
   * @param bySubject the recipients by the subjects of their certificates
   * @param issuers by recipient id, the issuers of its certificates; a recipient without an entry is
   *     identified by subject alone
   */
  CertificateRequesterResolver(Map<X500Principal, Recipient> bySubject, Map<String, Set<X500Principal>> issuers) {
    this.bySubject = Map.copyOf(bySubject);
    this.issuers = Map.copyOf(issuers);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
      return Optional.empty();
    }
    Recipient recipient = bySubject.get(chain[0].getSubjectX500Principal());
    if (recipient == null) {
      return Optional.empty();
    }
    Set<X500Principal> trusted = issuers.get(recipient.id());
    if (trusted != null && !trusted.contains(chain[0].getIssuerX500Principal())) {
      LOG.warn("a client certificate with the subject of '" + recipient.id() + "' was issued by an authority not"
          + " configured for it; the request is taken for an unknown requester");
      return Optional.of(Requester.of(Recipient.unknown("a client certificate of " + recipient.id()
          + " from another issuer")));
    }
    return Optional.of(Requester.of(recipient));
  }

  @Override
  public String toString() {
    return "CertificateRequesterResolver[" + bySubject.size() + " subjects, " + issuers.size()
        + " recipients with issuers]";
  }
}
