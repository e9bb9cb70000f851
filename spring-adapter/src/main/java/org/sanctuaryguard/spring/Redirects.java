package org.sanctuaryguard.spring;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The redirects of guarded calls. An HTTP library that follows a redirect sends the next hop, body
 * and headers included, where the guard cannot see it: a call decided for the police, answered
 * with 307 and a location at ice.gov, would reach immigration enforcement with no decision and no
 * record. So the HTTP libraries Spring Boot builds follow none (see {@link DestinationCheck}), and
 * the guarded clients follow them instead, as the client's settings asked (a {@code
 * RestTemplateBuilder.redirects(...)}, an HTTP service group's {@code redirects}) or else the
 * application's ({@code spring.http.clients.redirects}, as the {@link HttpClientSettings} bean
 * holds it; by default when possible, which leaves out a hop from https to http), at most {@value
 * #MOST_HOPS} hops, each checked as a call of its own before a byte of it is sent: a hop that sends
 * the body again must go to the recipient the body was decided for; one that does not is checked as
 * a call without a body. A hop to another origin carries none of the call's credentials: only the
 * headers that cannot be one. Thread-safe.
 */
final class Redirects {

  /** The most hops followed for one call, as the JDK's client: then the last redirect is returned. */
  static final int MOST_HOPS = 5;

  /**
   * The request headers a hop to another origin keeps: what its body is, what the caller accepts,
   * and who the caller is, none of them a credential. Any other may be one (a partner's API key or
   * token, under whatever name the partner chose, a cookie, the first origin's {@code Host}), and is
   * for the first origin alone.
   */
  private static final Set<String> KEPT_ACROSS_ORIGINS = caseInsensitive(HttpHeaders.ACCEPT,
      HttpHeaders.ACCEPT_CHARSET, HttpHeaders.ACCEPT_ENCODING, HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.CACHE_CONTROL,
      HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_LANGUAGE,
      HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE, HttpHeaders.PRAGMA, HttpHeaders.TRANSFER_ENCODING,
      HttpHeaders.USER_AGENT);

  /** Where a redirect leads, by which method, and whether the body is sent again. */
  record Hop(URI location, HttpMethod method, boolean sendsBody, boolean crossOrigin) {}

  /** What the application's settings ask of redirects. */
  private final HttpRedirects wanted;

  /** @param wanted what the application's settings ask of redirects (see {@link #asked}) */
  Redirects(HttpRedirects wanted) {
    this.wanted = wanted;
  }

  /** What settings ask of redirects; Spring Boot's default when they say nothing. */
  static HttpRedirects asked(@Nullable HttpClientSettings settings) {
    return settings == null || settings.redirects() == null ? HttpRedirects.FOLLOW_WHEN_POSSIBLE : settings.redirects();
  }

  /**
   * The hop a response sends the call on to, or null if the call ends there: the response is not a
   * redirect (301, 302, 303, 307, 308) with a location, the settings do not follow it, or the hop
   * count is spent.
   *
   * @param asked what the client's own settings asked, or null to follow the application's
   * @param hops the hops already followed for this call
   */
  @Nullable Hop next(@Nullable HttpRedirects asked, URI from, HttpMethod method, int status, @Nullable String location,
      int hops) {
    HttpRedirects policy = asked != null ? asked : wanted;
    if (policy == HttpRedirects.DONT_FOLLOW || location == null || hops >= MOST_HOPS
        || (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)) {
      return null;
    }
    URI to;
    try {
      to = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return null; // not a URI: the caller gets the redirect itself
    }
    String scheme = lower(to.getScheme());
    if (to.getHost() == null || (!scheme.equals("http") && !scheme.equals("https"))
        || (policy == HttpRedirects.FOLLOW_WHEN_POSSIBLE && lower(from.getScheme()).equals("https")
            && scheme.equals("http"))) {
      return null;
    }
    boolean toGet = (status == 303 && method != HttpMethod.HEAD)
        || ((status == 301 || status == 302) && method == HttpMethod.POST);
    HttpMethod next = toGet ? HttpMethod.GET : method;
    return new Hop(to, next, !toGet, !sameOrigin(from, to));
  }

  /**
   * Leaves out of a hop's headers, on another origin, all but those that cannot be credentials, and
   * those of its body when it is not sent.
   */
  static void strip(HttpHeaders headers, Hop hop) {
    if (hop.crossOrigin()) {
      for (String name : List.copyOf(headers.headerNames())) {
        if (!KEPT_ACROSS_ORIGINS.contains(name)) {
          headers.remove(name);
        }
      }
    }
    if (!hop.sendsBody()) {
      headers.clearContentHeaders();
      headers.remove(HttpHeaders.TRANSFER_ENCODING);
    }
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(List.of(names));
    return Collections.unmodifiableSet(set);
  }

  private static boolean sameOrigin(URI from, URI to) {
    return lower(from.getScheme()).equals(lower(to.getScheme())) && lower(from.getHost()).equals(lower(to.getHost()))
        && port(from) == port(to);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : lower(uri.getScheme()).equals("https") ? 443 : 80;
  }

  private static String lower(@Nullable String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
