package org.sanctuaryguard.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the guard's Micrometer meters: {@code
 * sanctuary.guard.decisions}, a counter of every decision the guard records, and {@code
 * sanctuary.guard.decision}, a timer of the decisions made for responses and calls, tagged by
 * outcome, recipient class and holder.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnGuardSwitch("sanctuary.guard.enabled")
public final class SanctuaryGuardMetricsAutoConfiguration {

  @Bean
  GuardMetrics sanctuaryGuardMetrics(MeterRegistry registry) {
    return new GuardMetrics(registry);
  }
}
