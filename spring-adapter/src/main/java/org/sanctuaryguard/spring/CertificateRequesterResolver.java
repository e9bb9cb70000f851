package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.sanctuaryguard.Recipient;

/**
 * Identifies an agency by the subject of the client certificate the server verified in the TLS
 * handshake (mutual TLS); distinguished names are compared in their canonical form.
 */
final class CertificateRequesterResolver implements RequesterResolver {

  /** The request attribute in which a servlet container puts the client's certificate chain. */
  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private final Map<X500Principal, Recipient> bySubject;

  CertificateRequesterResolver(Map<X500Principal, Recipient> bySubject) {
    this.bySubject = Map.copyOf(bySubject);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(bySubject.get(chain[0].getSubjectX500Principal())).map(Requester::of);
  }

  @Override
  public String toString() {
    return "CertificateRequesterResolver[" + bySubject.size() + " subjects]";
  }
}
