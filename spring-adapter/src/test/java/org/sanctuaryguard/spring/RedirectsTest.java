package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.spring.Redirects.Hop;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Which redirects the guarded clients follow, and how a hop is sent. */
class RedirectsTest {

  private static final URI CALL = URI.create("https://records.nypd.org/intake/residents");

  @Test
  void nextWhenTheClientAskedOtherwiseThanTheApplicationsSettingsThenAsTheClientAsked() {
    Redirects redirects = new Redirects(HttpRedirects.DONT_FOLLOW);

    assertThat(redirects.next(null, CALL, HttpMethod.POST, 307, "https://records.nypd.org/v2", 0)).isNull();
    assertThat(redirects.next(HttpRedirects.FOLLOW, CALL, HttpMethod.POST, 307, "https://records.nypd.org/v2", 0))
        .as("a client's own settings").isNotNull();
  }

  @Test
  void askedWhenSettingsSayNothingThenSpringBootsDefault() {
    assertThat(Redirects.asked(null)).isEqualTo(HttpRedirects.FOLLOW_WHEN_POSSIBLE);
    assertThat(Redirects.asked(HttpClientSettings.defaults())).isEqualTo(HttpRedirects.FOLLOW_WHEN_POSSIBLE);
    assertThat(Redirects.asked(HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
        .isEqualTo(HttpRedirects.DONT_FOLLOW);
  }

  @Test
  void nextWhenTheSettingsFollowNoRedirectThenNone() {
    Redirects redirects = new Redirects(HttpRedirects.DONT_FOLLOW);

    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, "https://records.nypd.org/v2", 0)).isNull();
  }

  @Test
  void nextWhenARedirectKeepsOrChangesTheMethodThenTheBodyGoesOnlyWithAnUnchangedMethod() {
    Redirects redirects = new Redirects(HttpRedirects.FOLLOW_WHEN_POSSIBLE);

    assertThat(redirects.next(null, CALL, HttpMethod.POST, 307, "/v2", 0))
        .isEqualTo(new Hop(URI.create("https://records.nypd.org/v2"), HttpMethod.POST, true, false));
    assertThat(redirects.next(null, CALL, HttpMethod.PUT, 308, "v2", 0))
        .isEqualTo(new Hop(URI.create("https://records.nypd.org/intake/v2"), HttpMethod.PUT, true, false));
    assertThat(redirects.next(null, CALL, HttpMethod.PUT, 301, "/v2", 0)).extracting(Hop::method, Hop::sendsBody)
        .containsExactly(HttpMethod.PUT, true);
    assertThat(redirects.next(null, CALL, HttpMethod.POST, 302, "/v2", 0)).extracting(Hop::method, Hop::sendsBody)
        .containsExactly(HttpMethod.GET, false);
    assertThat(redirects.next(null, CALL, HttpMethod.PUT, 303, "/v2", 0)).extracting(Hop::method, Hop::sendsBody)
        .containsExactly(HttpMethod.GET, false);
    assertThat(redirects.next(null, CALL, HttpMethod.HEAD, 303, "/v2", 0)).extracting(Hop::method)
        .isEqualTo(HttpMethod.HEAD);
  }

  @Test
  void nextWhenTheResponseIsNoRedirectToFollowThenTheCallEndsThere() {
    Redirects redirects = new Redirects(HttpRedirects.FOLLOW);

    assertThat(redirects.next(null, CALL, HttpMethod.GET, 304, "/v2", 0)).as("not modified").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 300, "/v2", 0)).as("multiple choices").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, null, 0)).as("no location").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, "ftp://ice.gov/records", 0)).as("not HTTP").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, "http://[bad", 0)).as("not a URI").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, "/v2", Redirects.MOST_HOPS)).as("hops spent").isNull();
    assertThat(redirects.next(null, CALL, HttpMethod.GET, 302, "/v2", Redirects.MOST_HOPS - 1)).isNotNull();
  }

  @Test
  void nextWhenARedirectLeavesHttpsForHttpThenFollowedOnlyIfTheSettingsSayAlways() {
    assertThat(new Redirects(HttpRedirects.FOLLOW_WHEN_POSSIBLE)
        .next(null, CALL, HttpMethod.GET, 302, "http://records.nypd.org/", 0)).isNull();
    assertThat(new Redirects(HttpRedirects.FOLLOW).next(null, CALL, HttpMethod.GET, 302, "http://records.nypd.org/", 0))
        .extracting(Hop::crossOrigin).isEqualTo(true);
  }

  @Test
  void stripWhenAHopLeavesTheOriginOrTheBodyThenItsCredentialsOrContentHeadersAreLeftOut() {
    Redirects redirects = new Redirects(HttpRedirects.FOLLOW);
    Hop elsewhere = redirects.next(null, CALL, HttpMethod.POST, 303, "https://records.nypd.org:8443/status", 0);
    Hop sameOrigin = redirects.next(null, CALL, HttpMethod.POST, 307, "https://RECORDS.nypd.org:443/v2", 0);

    HttpHeaders headers = headers();
    Redirects.strip(headers, elsewhere);
    assertThat(headers.headerNames()).containsExactlyInAnyOrder("Accept", "user-agent");
    headers = headers();
    Redirects.strip(headers, sameOrigin);
    assertThat(headers.headerNames()).containsExactlyInAnyOrder("Accept", "Authorization", "Cookie",
        "Content-Type", "Content-Length", "X-API-Key", "Proxy-Authorization", "Host", "user-agent");
  }

  @Test
  void stripWhenAHopLeavesTheOriginWithTheBodyThenOnlyItsContentHeadersAndWhatIsAcceptedGoWithIt() {
    Hop elsewhere = new Redirects(HttpRedirects.FOLLOW)
        .next(null, CALL, HttpMethod.PUT, 308, "https://intake.nypd.org/residents", 0);

    HttpHeaders headers = headers();
    Redirects.strip(headers, elsewhere);

    assertThat(headers.headerNames()).containsExactlyInAnyOrder("Accept", "Content-Type", "Content-Length",
        "user-agent");
  }

  private static HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("Accept", "application/json");
    headers.add("Authorization", "Bearer city-token");
    headers.add("Cookie", "session=1");
    headers.add("Content-Type", "application/json");
    headers.add("Content-Length", "120");
    headers.add("X-API-Key", "partner-key");
    headers.add("Proxy-Authorization", "Basic cHJveHk6cHJveHk=");
    headers.add("Host", "records.nypd.org");
    headers.add("user-agent", "city-service");
    return headers;
  }
}
