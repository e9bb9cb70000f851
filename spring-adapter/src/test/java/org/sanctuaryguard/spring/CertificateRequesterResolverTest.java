package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

/** Certificates from an authority not configured for their subject's recipient, and the log they leave. */
@ExtendWith(OutputCaptureExtension.class)
class CertificateRequesterResolverTest {

  private static final String WARNING = "a client certificate with the subject of 'nypd' was issued by an authority"
      + " not configured for it";

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Recipient police = RecipientDirectory.defaults().find("nypd").orElseThrow();
  private final CertificateRequesterResolver resolver = new CertificateRequesterResolver(
      Map.of(new X500Principal("CN=records.nypd.org, O=NYPD, C=US"), police),
      Map.of("nypd", Set.of(new X500Principal("CN=records.nypd.org, O=NYPD, C=US"))), nanos::get);

  @Test
  void resolveWhenAnImpostorSendsManyRequestsThenEachIsUnknownAndTheWarningIsLoggedOnceAMinute(CapturedOutput log)
      throws Exception {
    MockHttpServletRequest request = withCertificate("tls/impostor-client.p12");

    for (int i = 0; i < 5; i++) {
      assertThat(resolver.resolve(request)).get().satisfies(requester ->
          assertThat(requester.recipient().id()).isEqualTo("unknown"));
      nanos.addAndGet(1_000_000_000L);
    }
    assertThat(log.getOut().lines().filter(line -> line.contains(WARNING))).hasSize(1);

    nanos.addAndGet(CertificateRequesterResolver.WARN_EVERY_NANOS);
    resolver.resolve(request);

    assertThat(log.getOut().lines().filter(line -> line.contains(WARNING)).toList()).hasSize(2)
        .last().asString().contains("(4 more since the last such warning, not logged)");
  }

  @Test
  void resolveWhenTheCertificateIsFromTheRecipientsAuthorityThenTheRecipientAndNoWarning(CapturedOutput log)
      throws Exception {
    assertThat(resolver.resolve(withCertificate("tls/nypd-client.p12"))).get().satisfies(requester ->
        assertThat(requester.recipient().id()).isEqualTo("nypd"));
    assertThat(log.getOut()).doesNotContain(WARNING);
  }

  @Test
  void spelledAsWhenNamesDifferInAsciiCaseSpacingOrStringTypeThenAlikeButNotInCompatibilityCharacters() {
    X500Principal configured = new X500Principal("CN=records.nypd.org, O=NYPD, SERIALNUMBER=12, C=US");
    byte[] utf8Serial = configured.getEncoded();
    for (int i = 0; i < utf8Serial.length - 2; i++) {
      if (utf8Serial[i] == 0x13 && utf8Serial[i + 1] == 2 && utf8Serial[i + 2] == '1') {
        utf8Serial[i] = 0x0C; // the serial number as a UTF8String, not a PrintableString
      }
    }

    assertThat(CertificateRequesterResolver.spelledAs(configured,
        new X500Principal("cn=RECORDS.nypd.org,o=nypd,  SERIALNUMBER=12,c=us"))).isTrue();
    assertThat(CertificateRequesterResolver.spelledAs(configured, new X500Principal(utf8Serial))).isTrue();
    X500Principal fullwidth = new X500Principal(
        "CN=records.\uff4e\uff59\uff50\uff44.org, O=NYPD, SERIALNUMBER=12, C=US");
    assertThat(fullwidth).as("canonically equal").isEqualTo(configured);
    assertThat(CertificateRequesterResolver.spelledAs(configured, fullwidth)).isFalse();
  }

  private static MockHttpServletRequest withCertificate(String keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = CertificateRequesterResolverTest.class.getClassLoader().getResourceAsStream(keyStore)) {
      store.load(in, "changeit".toCharArray());
    }
    X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
    request.setAttribute(CertificateRequesterResolver.CERTIFICATES, new X509Certificate[] {certificate});
    return request;
  }
}
