package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agency identified by the subject of its client certificate, over a real TLS connection in
 * which the server asks for one (mutual TLS).
 */
@SpringBootTest(classes = CityService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "server.ssl.key-store=classpath:tls/server.p12",
    "server.ssl.key-store-password=changeit",
    "server.ssl.key-store-type=PKCS12",
    "server.ssl.trust-store=classpath:tls/server-trust.p12",
    "server.ssl.trust-store-password=changeit",
    "server.ssl.trust-store-type=PKCS12",
    "server.ssl.client-auth=want",
    "sanctuary.guard.holder=social-services",
    "sanctuary.guard.inbound.certificate.recipients.nypd[0]=CN=records.nypd.org, O=NYPD, C=US",
    // the police's own certificate is self-signed: its issuer is its subject
    "sanctuary.guard.inbound.certificate.issuers.nypd[0]=CN=records.nypd.org, O=NYPD, C=US",
    "sanctuary.guard.inbound.api-key.recipients.ice-ero=" + CityServiceTest.ICE_KEY_SHA256,
    "spring.main.banner-mode=off"})
class MutualTlsTest {

  @LocalServerPort
  int port;

  @Autowired
  CityService.RecordedEvents events;

  @Test
  void getWhenTheClientCertificateIsMappedToThePoliceThenRedactedForThem() throws Exception {
    HttpResponse<String> response = client("tls/nypd-client.p12").get("/residents/C-1001");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
  }

  @Test
  void getWhenNoCertificateIsPresentedThenTheRequesterIsUnknownAndRefused() throws Exception {
    HttpResponse<String> response = client(null).get("/contacts/C-1001");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"outcome\":\"deny\"").doesNotContain(Model.NAME, Model.ADDRESS);
  }

  @Test
  void getWhenACertificateWithThePolicesSubjectIsFromAnotherIssuerThenTheRequesterIsUnknownAndRefused()
      throws Exception {
    assertUnknownAndDenied("tls/impostor-client.p12");
  }

  /**
   * A certificate the server trusts whose subject only resembles the police's, in characters that
   * the canonical form of a distinguished name folds ({@code records.ｎｙｐｄ.org} in fullwidth
   * letters, which an authority issuing certificates to several agencies may not tell from another
   * agency's name), is not the police's: it is taken for an unknown requester, as one from another
   * issuer is.
   */
  @Test
  void getWhenACertificatesSubjectOnlyCanonicallyEqualsThePolicesThenTheRequesterIsUnknownAndRefused()
      throws Exception {
    assertUnknownAndDenied("tls/lookalike-client.p12");
  }

  /**
   * A certificate the server does not trust, though its subject and its issuer are the police's
   * (self-signed by someone else's key), identifies nobody: the guard relies on the chain the
   * container verified in the handshake, which refuses it.
   */
  @Test
  void getWhenACertificateWithThePolicesSubjectAndIssuerIsNotTrustedThenTheHandshakeIsRefused() throws Exception {
    events.clear();
    Http untrusted = client("tls/untrusted-client.p12");

    // a refused handshake, seen by the client as an alert or a closed connection, never as a response
    assertThatThrownBy(() -> untrusted.get("/residents/C-1001")).isInstanceOf(UncheckedIOException.class);
    assertThat(events.all()).isEmpty();
  }

  /**
   * A request whose certificate and API key identify two agencies (the police's certificate on a
   * gateway that also forwards ICE's key) is not decided for whichever the guard tries first, the
   * certificate, which would give ICE the police's view of the record: the guard cannot tell which
   * of them asks.
   */
  @Test
  void getWhenTheCertificateAndTheApiKeyIdentifyTwoRecipientsThenBadRequestNamingThemAndNothingDecided()
      throws Exception {
    events.clear();

    HttpResponse<String> response = client("tls/nypd-client.p12").get("/residents/C-1001", "X-API-Key",
        CityServiceTest.ICE_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asString())
        .contains("identify more than one recipient", "nypd", "ice-ero");
    assertThat(response.body()).doesNotContain(Model.NAME, Model.ADDRESS, Model.STATUS, CityServiceTest.ICE_KEY);
    assertThat(events.all()).isEmpty();
  }

  /**
   * A certificate with the police's subject from another issuer is an impostor's: the request is
   * unknown whatever else it carries, not taken for the agency of its API key.
   */
  @Test
  void getWhenAnImpostorsCertificateComesWithAnApiKeyThenTheRequesterIsStillUnknown() throws Exception {
    assertUnknownAndDenied("tls/impostor-client.p12", "X-API-Key", CityServiceTest.ICE_KEY);
  }

  /** Asks for a resident's record with a certificate, and expects the denial of an unknown requester. */
  private void assertUnknownAndDenied(String certificate, String... headers) throws Exception {
    HttpResponse<String> response = client(certificate).get("/residents/C-1001", headers);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"outcome\":\"deny\"").doesNotContain(Model.NAME, Model.ADDRESS,
        Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "unknown")
        .containsEntry("sanctuary.recipient.class", "unknown");
  }

  /** A client presenting the certificate in the given key store, or none. */
  private Http client(@Nullable String certificate) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(certificate == null ? null : store(certificate), "changeit".toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store("tls/client-trust.p12"));
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return new Http(HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build(),
        "https://127.0.0.1:" + port);
  }

  private static KeyStore store(String resource) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = MutualTlsTest.class.getClassLoader().getResourceAsStream(resource)) {
      store.load(in, "changeit".toCharArray());
    }
    return store;
  }
}
