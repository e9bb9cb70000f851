package org.sanctuaryguard.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.spring.Requester;
import org.sanctuaryguard.spring.RequesterResolver;

/**
 * Identifies agencies by the subject of the client certificate the server verified (mutual TLS),
 * compared as distinguished names, not as text. A certificate whose subject no mapping names
 * identifies an unknown recipient.
 */
final class CertificateRequesters implements RequesterResolver {

  static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final Map<X500Principal, Recipient> subjects;

  CertificateRequesters(Map<X500Principal, Recipient> subjects) {
    this.subjects = Map.copyOf(subjects);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    if (!(request.getAttribute(ATTRIBUTE) instanceof X509Certificate[] chain) || chain.length == 0) {
      return Optional.empty();
    }
    X500Principal subject = chain[0].getSubjectX500Principal();
    Recipient recipient = subjects.get(subject);
    return Optional.of(Requester.of(recipient != null ? recipient : Recipient.unknown("an unrecognized client certificate")));
  }

  @Override
  public String toString() {
    return "CertificateRequesters[" + subjects.size() + " subjects]";
  }
}
