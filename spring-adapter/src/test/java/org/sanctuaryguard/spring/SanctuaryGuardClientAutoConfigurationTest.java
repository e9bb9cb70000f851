package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

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
  void startWhenAnImpliedCategoryIsUnknownThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.outbound.implied-categories=identity,identty").run(context ->
        Startup.failedOn(context, "sanctuary.guard.outbound.implied-categories[1]", "identty", "unknown category"));
  }
}
