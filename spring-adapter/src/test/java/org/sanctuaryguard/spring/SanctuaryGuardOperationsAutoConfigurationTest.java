package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The conditions of {@link SanctuaryGuardMetricsAutoConfiguration} and {@link
 * SanctuaryGuardEndpointAutoConfiguration}, with context runners.
 */
class SanctuaryGuardOperationsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardMetricsAutoConfiguration.class, SanctuaryGuardEndpointAutoConfiguration.class));

  @Test
  void contextWhenAMeterRegistryIsPresentThenDecisionsAreCountedAndTimed() {
    runner.withUserConfiguration(Registry.class).run(context -> {
      assertThat(context).hasSingleBean(GuardMetrics.class);
      Guard guard = context.getBean(Guard.class);
      guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER).categories("immigration.status").build());
      assertThat(context.getBean(MeterRegistry.class).get(GuardMetrics.DECISIONS)
          .tags("outcome", "deny", "recipient.class", "law-enforcement", "holder", "city-agency", "mode", "enforce")
          .counter().count()).isEqualTo(1);
    });
  }

  @Test
  void contextWhenNoMeterRegistryOrNoMicrometerThenNoMetrics() {
    runner.run(context -> assertThat(context).hasSingleBean(Guard.class).doesNotHaveBean(GuardMetrics.class));
    runner.withUserConfiguration(Registry.class).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(GuardMetrics.class));
  }

  @Test
  void contextWhenTheEndpointIsExposedThenItIsABeanAndOtherwiseNot() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=sanctuaryguard")
        .run(context -> assertThat(context).hasSingleBean(SanctuaryGuardEndpoint.class));
    runner.run(context -> assertThat(context).doesNotHaveBean(SanctuaryGuardEndpoint.class));
    runner.withPropertyValues("management.endpoints.web.exposure.include=sanctuaryguard",
        "management.endpoint.sanctuaryguard.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(SanctuaryGuardEndpoint.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
