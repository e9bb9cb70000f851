package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpCookieStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.spring.city.RecordingServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP libraries Spring Boot builds for the guarded clients, each customized by the application
 * to follow redirects itself, and to send a cookie of the application's: the library follows none,
 * so the guard sees the hop to ICE and refuses it, and the cookie, the customizer's other setting,
 * still goes out.
 */
class DestinationCheckTest {

  /** The cookie each application's customizer below has its library send with every call. */
  private static final String COOKIE = "session=city";

  /** 127.0.0.1 is ICE here; the call itself goes to localhost, unknown, without a body: allowed. */
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
          ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
          RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
      .withPropertyValues("sanctuary.guard.recipients.ice.hosts=ice.gov,127.0.0.1");

  static Stream<Arguments> factories() {
    return Stream.of(
        arguments("jdk", (ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder>) builder ->
            builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("reactor", (ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder>)
            builder -> builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("jetty", (ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder>)
            builder -> builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("http-components",
            (ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder>) builder ->
                builder.withHttpClientCustomizer(http -> http.setRedirectStrategy(DefaultRedirectStrategy.INSTANCE)
                    .setDefaultHeaders(cookie()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void callWhenTheApplicationCustomizesTheRestClientsLibraryToFollowRedirectsThenTheGuardStillRefusesTheHopToIce(
      String factory, ClientHttpRequestFactoryBuilderCustomizer<?> customizer) throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      runner.withPropertyValues("spring.http.clients.imperative.factory=" + factory)
          .withBean(ClientHttpRequestFactoryBuilderCustomizer.class, () -> customizer)
          .run(context -> assertThatThrownBy(() -> context.getBean(RestClient.Builder.class).build().get()
              .uri(redirectToIce(server)).retrieve().toBodilessEntity())
              .isInstanceOf(DisclosureRefusedException.class));

      assertOnlyTheCallWithItsCookieReached(server);
    }
  }

  static Stream<Arguments> connectors() {
    return Stream.of(
        arguments("jdk", (ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder>) builder ->
            builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("reactor", (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) builder ->
            builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("jetty", (ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder>) builder ->
            builder.withHttpClientCustomizer(DestinationCheckTest::following)),
        arguments("http-components", (ClientHttpConnectorBuilderCustomizer<HttpComponentsClientHttpConnectorBuilder>)
            builder -> builder.withHttpClientCustomizer(http -> http
                .setRedirectStrategy(DefaultRedirectStrategy.INSTANCE).setDefaultHeaders(cookie()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectors")
  void callWhenTheApplicationCustomizesTheWebClientsLibraryToFollowRedirectsThenTheGuardStillRefusesTheHopToIce(
      String connector, ClientHttpConnectorBuilderCustomizer<?> customizer) throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      runner.withPropertyValues("spring.http.clients.reactive.connector=" + connector)
          .withBean(ClientHttpConnectorBuilderCustomizer.class, () -> customizer)
          .run(context -> assertThatThrownBy(() -> context.getBean(WebClient.Builder.class).build().get()
              .uri(redirectToIce(server)).retrieve().toBodilessEntity().block(Duration.ofSeconds(10)))
              .isInstanceOf(DisclosureRefusedException.class));

      assertOnlyTheCallWithItsCookieReached(server);
    }
  }

  private static String redirectToIce(RecordingServer server) {
    return "http://localhost:" + server.port() + "/redirect/307/http/127.0.0.1:" + server.port() + "/ero/records";
  }

  private static void assertOnlyTheCallWithItsCookieReached(RecordingServer server) {
    assertThat(server.received()).as("the call, not the hop to ICE").singleElement().satisfies(call -> {
      assertThat(call.path()).startsWith("/redirect/");
      assertThat(call.headers()).as("the application's other setting").containsEntry("cookie", COOKIE);
    });
  }

  private static void following(HttpClient.Builder jdk) {
    jdk.followRedirects(HttpClient.Redirect.ALWAYS).cookieHandler(new CookieHandler() {
      @Override
      public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        return Map.of(HttpHeaders.COOKIE, List.of(COOKIE));
      }

      @Override
      public void put(URI uri, Map<String, List<String>> responseHeaders) {
      }
    });
  }

  private static reactor.netty.http.client.HttpClient following(reactor.netty.http.client.HttpClient reactor) {
    return reactor.followRedirect(true).headers(headers -> headers.set(HttpHeaders.COOKIE, COOKIE));
  }

  private static void following(org.eclipse.jetty.client.HttpClient jetty) {
    HttpCookieStore cookies = new HttpCookieStore.Default();
    cookies.add(URI.create("http://localhost/"), HttpCookie.from("session", "city"));
    jetty.setFollowRedirects(true);
    jetty.setHttpCookieStore(cookies);
  }

  private static List<Header> cookie() {
    return List.of(new BasicHeader(HttpHeaders.COOKIE, COOKIE));
  }
}
