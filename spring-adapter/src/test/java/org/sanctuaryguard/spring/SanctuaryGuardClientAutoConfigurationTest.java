package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.city.RecordingServer;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/** Every condition and property of {@link SanctuaryGuardClientAutoConfiguration}, with context runners. */
class SanctuaryGuardClientAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardClientAutoConfiguration.class));

  @Test
  void contextWhenEveryClientIsPresentThenEachIsGuarded() {
    runner.run(context -> assertThat(context).hasSingleBean(Disclosures.class).hasSingleBean(OutboundGuard.class)
        .hasSingleBean(RestClientCustomizer.class).hasSingleBean(RestTemplateCustomizer.class)
        .hasSingleBean(WebClientCustomizer.class));
  }

  @Test
  void contextWhenAClientIsAbsentThenOnlyThePresentOnesAreGuarded() {
    runner.withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> assertThat(context)
        .hasSingleBean(RestClientCustomizer.class).doesNotHaveBean(WebClientCustomizer.class));
    runner.withClassLoader(new FilteredClassLoader(RestTemplate.class)).run(context -> assertThat(context)
        .hasSingleBean(RestClientCustomizer.class).doesNotHaveBean(RestTemplateCustomizer.class));
  }

  @Test
  void contextWhenOutboundIsDisabledOrTheGuardIsOffThenNoClientIsTouched() {
    runner.withPropertyValues("sanctuary.guard.outbound.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(Disclosures.class).doesNotHaveBean(RestClientCustomizer.class)
        .doesNotHaveBean(WebClientCustomizer.class));
    runner.withPropertyValues("sanctuary.guard.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(Disclosures.class).doesNotHaveBean(RestTemplateCustomizer.class));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void startWhenAClientLogsRequestBodiesAtDebugThenWarnsNamingItsLoggerAndNotOtherwise(CapturedOutput output) {
    String warning = "is at DEBUG or TRACE: it then logs each request body";
    Logger restClient = (Logger) LoggerFactory.getLogger("org.springframework.web.client.DefaultRestClient");
    Logger restTemplate = (Logger) LoggerFactory.getLogger("org.springframework.web.client.RestTemplate");
    Level restClientLevel = restClient.getLevel();
    Level restTemplateLevel = restTemplate.getLevel();

    runner.run(context -> assertThat(context).hasNotFailed());
    assertThat(output).doesNotContain(warning);
    try {
      restClient.setLevel(Level.DEBUG);
      restTemplate.setLevel(Level.TRACE);
      runner.run(context -> assertThat(context).hasNotFailed());
    } finally {
      restClient.setLevel(restClientLevel);
      restTemplate.setLevel(restTemplateLevel);
    }

    assertThat(output).containsOnlyOnce("org.springframework.web.client.DefaultRestClient " + warning)
        .containsOnlyOnce("org.springframework.web.client.RestTemplate (or org.springframework.web.HttpLogging) "
            + warning);
  }

  @Test
  void startWhenAnImpliedCategoryIsUnknownThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.outbound.implied-categories=identity,identty").run(context ->
        Startup.failedOn(context, "sanctuary.guard.outbound.implied-categories[1]", "identty", "unknown category"));
  }

  /** Spring Boot's own client configurations, which build the clients' HTTP libraries from its settings. */
  private final ApplicationContextRunner withBootsClients = runner.withConfiguration(AutoConfigurations.of(
      HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
      ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
      RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class));

  @Test
  void callWhenTheClientAsksNotToFollowRedirectsThenNeitherTheLibraryNorTheGuardDoes() throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      String redirectToIce = "http://127.0.0.1:" + server.port() + "/redirect/307/http/ice.gov/ero/records";
      withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=jdk").run(context -> {
        RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).redirects(HttpRedirects.DONT_FOLLOW)
            .build();

        assertThat(restTemplate.getForEntity(redirectToIce, String.class).getStatusCode())
            .isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        // a response Spring buffers is another object than the library's: the setting travels with the request
        restTemplate.setBufferingPredicate((uri, method) -> true);
        assertThat(restTemplate.getForEntity(redirectToIce, String.class).getStatusCode())
            .isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(context.getBean(HttpClientSettings.class).redirects()).as("the application's settings are its own")
            .isNull();
      });
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void callWhenAnInterceptorAfterTheGuardsMakesACallOfItsOwnThenThatCallIsCheckedAsItself() throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      String base = "http://127.0.0.1:" + server.port();
      withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=jdk").run(context -> {
        RestTemplate tokens = new RestTemplate(context.getBean(ClientHttpRequestFactory.class));
        // a token interceptor that asks an identity provider before the call goes out
        RestClient restClient = context.getBean(RestClient.Builder.class)
            .requestInterceptor((request, body, execution) -> {
              tokens.getForEntity(base + "/token", String.class);
              return execution.execute(request, body);
            }).build();

        // the police's host does not resolve here: the call gets as far as the library's connection, no further
        assertThatThrownBy(() -> restClient.get().uri("http://records.nypd.org/records").retrieve()
            .toBodilessEntity()).isInstanceOf(ResourceAccessException.class);
      });
      assertThat(server.received()).extracting(RecordingServer.Received::path).containsExactly("/token");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void buildWhenTheApplicationCustomizesSpringBootsFactoryBuilderThenItsCustomizerGetsTheLibrarysOwnFactory() {
    withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=jdk").run(context -> {
      ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> builder = context.getBean(
          ClientHttpRequestFactoryBuilder.class);

      assertThat(builder.withCustomizer(factory -> ((JdkClientHttpRequestFactory) factory)
          .setReadTimeout(Duration.ofSeconds(3))).build()).isNotNull();
    });
  }

  /**
   * A redirect to ICE answered to a call of a client Spring Boot built, with each HTTP library it
   * can build here: the library must not follow it (it would look up ice.gov and send the call there
   * unseen); the guard follows it and refuses the hop.
   */
  @ParameterizedTest
  @ValueSource(strings = {"jdk", "simple", "reactor"})
  void callWhenAClientSpringBootBuiltIsRedirectedToImmigrationEnforcementThenTheGuardRefusesTheHop(String factory)
      throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      String redirectToIce = "http://127.0.0.1:" + server.port() + "/redirect/307/http/ice.gov/ero/records";
      withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=" + factory).run(context -> {
        assertThatThrownBy(() -> context.getBean(RestClient.Builder.class).build().get().uri(redirectToIce).retrieve()
            .toBodilessEntity()).isInstanceOf(DisclosureRefusedException.class);
        assertThatThrownBy(() -> context.getBean(WebClient.Builder.class).build().get().uri(redirectToIce).retrieve()
            .toBodilessEntity().block()).isInstanceOf(DisclosureRefusedException.class);
      });
      assertThat(server.received()).hasSize(2).allSatisfy(call -> assertThat(call.path()).startsWith("/redirect/"));
    }
  }

  @Test
  void callWhenTheSettingsFollowNoRedirectThenNeitherDoesTheGuardAndTheCallerGetsTheRedirect() throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      String redirectToIce = "http://127.0.0.1:" + server.port() + "/redirect/307/http/ice.gov/ero/records";
      withBootsClients.withPropertyValues("spring.http.clients.redirects=dont-follow").run(context -> {
        assertThat(context.getBean(RestClient.Builder.class).build().get().uri(redirectToIce).retrieve()
            .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(context.getBean(HttpClientSettings.class).redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
      });
      assertThat(server.received()).hasSize(1);
    }
  }

  /** An HTTP service client of the police's records, whose intake redirects to ICE. */
  interface PoliceRecords {

    @GetExchange("/redirect/307/http/ice.gov/ero/records")
    void lookUp();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportHttpServices(group = "police", types = PoliceRecords.class)
  static class PoliceClient {
  }

  @Test
  void callWhenAnHttpServiceGroupAsksItsLibraryToFollowRedirectsThenTheGuardStillSeesEachHop() throws Exception {
    try (RecordingServer server = new RecordingServer()) {
      withBootsClients.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
              HttpServiceClientAutoConfiguration.class))
          .withUserConfiguration(PoliceClient.class)
          .withPropertyValues("spring.http.clients.imperative.factory=jdk",
              "spring.http.serviceclient.police.base-url=http://127.0.0.1:" + server.port(),
              "spring.http.serviceclient.police.redirects=follow")
          .run(context -> assertThatThrownBy(() -> context.getBean(PoliceRecords.class).lookUp())
              .isInstanceOf(DisclosureRefusedException.class));
      assertThat(server.received()).singleElement().satisfies(call -> assertThat(call.path()).startsWith("/redirect/"));
    }
  }

  /**
   * An interceptor or a filter of the application's, added after the guard's, that sends the call
   * elsewhere: the interceptor runs before the guard's, which decides on where the call goes; the
   * connection of the filter's is refused where the library would open it.
   */
  @Test
  void callWhenTheApplicationSendsTheCallElsewhereAfterTheGuardCheckedItThenRefusedBeforeConnecting() {
    URI ice = URI.create("http://ice.gov/ero/records");
    ClientHttpRequestInterceptor toIce = (request, body, execution) -> execution.execute(
        new HttpRequestWrapper(request) {
          @Override
          public URI getURI() {
            return ice;
          }
        }, body);
    withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=jdk").run(context -> {
      RestClient restClient = context.getBean(RestClient.Builder.class).requestInterceptor(toIce).build();
      WebClient webClient = context.getBean(WebClient.Builder.class)
          .filter((request, next) -> next.exchange(ClientRequest.from(request).url(ice).build())).build();

      assertThatThrownBy(() -> restClient.get().uri("http://records.nypd.org/intake").retrieve().toBodilessEntity())
          .isInstanceOf(DisclosureRefusedException.class);
      // the connector sees only the URI: a connection elsewhere is checked as a call of its own
      assertThatThrownBy(() -> webClient.get().uri("http://records.nypd.org/intake").retrieve().toBodilessEntity()
          .block()).isInstanceOf(DisclosureRefusedException.class);
    });
  }

  @Test
  void callWhenAClientTheApplicationBuiltAroundSpringBootsFactoryCallsImmigrationEnforcementThenRefused() {
    withBootsClients.withPropertyValues("spring.http.clients.imperative.factory=jdk").run(context -> {
      RestTemplate unguarded = new RestTemplate(context.getBean(ClientHttpRequestFactory.class));

      assertThatThrownBy(() -> unguarded.getForEntity("http://ice.gov/ero/records", String.class))
          .isInstanceOf(DisclosureRefusedException.class);
    });
  }
}
