package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.security.auth.x500.X500Principal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sanctuaryguard.Recipient;

/**
 * Identifies an agency by the subject of the client certificate the server verified in the TLS
 * handshake (mutual TLS); distinguished names are compared in their canonical form. A recipient
 * configured with the authorities that issue its certificates is identified only by a certificate
 * one of them issued: one with its subject from any other issuer the server trusts is taken for an
 * unknown requester, whom every pack treats at least as strictly as immigration enforcement. Such
 * a certificate is logged at WARN, naming the recipient, at most once a minute per recipient (with
 * how many were not logged since), so that an impostor's every request does not fill the log: each
 * is recorded in the guard log all the same, as a decision for an unknown requester.
 */
final class CertificateRequesterResolver implements RequesterResolver {

  /** The request attribute in which a servlet container puts the client's certificate chain. */
  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private static final Log LOG = LogFactory.getLog(CertificateRequesterResolver.class);

  /** How long a recipient's impostor warning keeps others quiet. */
  static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Map<X500Principal, Recipient> bySubject;
  private final Map<String, Set<X500Principal>> issuers;
  private final LongSupplier nanoTime;
  /** By recipient id, when its impostor warning was last logged, and how many were not logged since. */
  private final Map<String, Warned> warned = new ConcurrentHashMap<>();

  private static final class Warned {
    long atNanos;
    long quiet;

    Warned(long atNanos) {
      this.atNanos = atNanos;
    }
  }

  /**
   * @param bySubject the recipients by the subjects of their certificates
   * @param issuers by recipient id, the issuers of its certificates; a recipient without an entry is
   *     identified by subject alone
   */
  CertificateRequesterResolver(Map<X500Principal, Recipient> bySubject, Map<String, Set<X500Principal>> issuers) {
    this(bySubject, issuers, System::nanoTime);
  }

  /** As above, with a clock for tests. */
  CertificateRequesterResolver(Map<X500Principal, Recipient> bySubject, Map<String, Set<X500Principal>> issuers,
      LongSupplier nanoTime) {
    this.bySubject = Map.copyOf(bySubject);
    this.issuers = Map.copyOf(issuers);
    this.nanoTime = nanoTime;
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
      warnOfImpostor(recipient.id());
      return Optional.of(Requester.of(Recipient.unknown("a client certificate of " + recipient.id()
          + " from another issuer")));
    }
    return Optional.of(Requester.of(recipient));
  }

  /** Logs a certificate from another issuer, unless one for the recipient was logged within the minute. */
  private void warnOfImpostor(String recipient) {
    long now = nanoTime.getAsLong();
    long quiet = 0;
    Warned last = warned.putIfAbsent(recipient, new Warned(now));
    if (last != null) {
      synchronized (last) {
        if (now - last.atNanos < WARN_EVERY_NANOS) {
          last.quiet++;
          return;
        }
        quiet = last.quiet;
        last.atNanos = now;
        last.quiet = 0;
      }
    }
    LOG.warn("a client certificate with the subject of '" + recipient + "' was issued by an authority not configured"
        + " for it; the request is taken for an unknown requester"
        + (quiet == 0 ? "" : " (" + quiet + " more since the last such warning, not logged)"));
  }

  @Override
  public String toString() {
    return "CertificateRequesterResolver[" + bySubject.size() + " subjects, " + issuers.size()
        + " recipients with issuers]";
  }
}
