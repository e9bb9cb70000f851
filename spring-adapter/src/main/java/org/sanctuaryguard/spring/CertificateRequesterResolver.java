package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sanctuaryguard.Recipient;

/**
 * Identifies an agency by the subject of the client certificate the server verified in the TLS
 * handshake (mutual TLS). Distinguished names are compared as written (RFC 1779), ignoring the case
 * of ASCII letters, the spaces between their parts and the string type of their values: not merely in their
 * canonical form, which folds Unicode compatibility characters ({@code ｎｙｐｄ} in fullwidth letters
 * is canonically {@code nypd}), so that a certificate an authority issued to one agency with a name
 * that only resembles another's is not taken for the other's; it is unknown, as below. A recipient
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

  /** The recipients with their subjects as configured, by subject: canonically equal to a certificate's. */
  private final Map<X500Principal, Configured> bySubject;
  private final Map<String, Set<X500Principal>> issuers;
  private final LongSupplier nanoTime;
  /** By recipient id, when its impostor warning was last logged, and how many were not logged since. */
  private final Map<String, Warned> warned = new ConcurrentHashMap<>();

  /** A recipient and the subject of its certificates, as configured. */
  private record Configured(X500Principal subject, Recipient recipient) {}

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
    this.bySubject = bySubject.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
        entry -> new Configured(entry.getKey(), entry.getValue())));
    this.issuers = Map.copyOf(issuers);
    this.nanoTime = nanoTime;
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
      return Optional.empty();
    }
    X500Principal subject = chain[0].getSubjectX500Principal();
    Configured configured = bySubject.get(subject);
    if (configured == null) {
      return Optional.empty();
    }
    Recipient recipient = configured.recipient();
    if (!spelledAs(configured.subject(), subject)) {
      return impostor(recipient.id(), "with a subject that only resembles that of '" + recipient.id() + "'");
    }
    Set<X500Principal> trusted = issuers.get(recipient.id());
    X500Principal issuer = chain[0].getIssuerX500Principal();
    if (trusted != null && trusted.stream().noneMatch(name -> spelledAs(name, issuer))) {
      return impostor(recipient.id(), "with the subject of '" + recipient.id() + "' was issued by an authority not"
          + " configured for it");
    }
    return Optional.of(Requester.of(recipient));
  }

  /**
   * Whether a certificate's name is the configured one as written (RFC 1779, which leaves out the
   * spaces between parts and the string type of each value), but for the case of ASCII letters:
   * canonically equal names may differ in characters that Unicode compatibility folds.
   */
  static boolean spelledAs(X500Principal configured, X500Principal presented) {
    String expected = configured.getName(X500Principal.RFC1779);
    String actual = presented.getName(X500Principal.RFC1779);
    if (expected.length() != actual.length()) {
      return false;
    }
    for (int i = 0; i < expected.length(); i++) {
      char e = expected.charAt(i);
      char a = actual.charAt(i);
      if (e != a && (e >= 0x80 || a >= 0x80 || Character.toLowerCase(e) != Character.toLowerCase(a))) {
        return false;
      }
    }
    return true;
  }

  /** An unknown requester for a certificate that names a recipient it is not from, logged as {@link #warnOfImpostor}. */
  private Optional<Requester> impostor(String recipient, String what) {
    warnOfImpostor(recipient, what);
    return Optional.of(Requester.of(Recipient.unknown("a client certificate " + what)));
  }

  /** Logs an impostor's certificate, unless one for the recipient was logged within the minute. */
  private void warnOfImpostor(String recipient, String what) {
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
    LOG.warn("a client certificate " + what + "; the request is taken for an unknown requester"
        + (quiet == 0 ? "" : " (" + quiet + " more since the last such warning, not logged)"));
  }

  @Override
  public String toString() {
    return "CertificateRequesterResolver[" + bySubject.size() + " subjects, " + issuers.size()
        + " recipients with issuers]";
  }
}
