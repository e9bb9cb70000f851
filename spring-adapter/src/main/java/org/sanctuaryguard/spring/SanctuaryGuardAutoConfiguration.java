package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.List;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Guard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the {@link Guard} from the properties under
 * {@code sanctuary.guard}, with its {@link LegalBasisRegistry} and its Jackson module.
 *
 * <p>Each bean backs off when the application defines its own. The guard is adjusted in code with
 * {@link PolicyCustomizer} and {@link GuardConfigCustomizer} beans, and the application's {@link
 * AuditSink} beans receive its events after the sinks of the properties.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnGuardSwitch("sanctuary.guard.enabled")
@EnableConfigurationProperties(SanctuaryGuardProperties.class)
public final class SanctuaryGuardAutoConfiguration {

  @Bean
  DecisionTally sanctuaryGuardDecisionTally() {
    return new DecisionTally();
  }

  @Bean
  @ConditionalOnMissingBean
  Guard sanctuaryGuard(SanctuaryGuardProperties properties, ResourceLoader resourceLoader,
      ObjectProvider<PolicyCustomizer> policyCustomizers, ObjectProvider<GuardConfigCustomizer> configCustomizers,
      ObjectProvider<AuditSink> sinks, DecisionTally tally, ObjectProvider<GuardMetrics> metrics) {
    List<AuditSink> observers = new ArrayList<>();
    observers.add(tally::record);
    metrics.ifAvailable(meters -> observers.add(meters::record));
    ClassLoader classLoader = resourceLoader.getClassLoader();
    return new GuardFactory(properties, classLoader != null ? classLoader : getClass().getClassLoader()).build(
        policyCustomizers.orderedStream().toList(), configCustomizers.orderedStream().toList(),
        sinks.orderedStream().toList(), observers);
  }

  @Bean
  Decisions sanctuaryGuardDecisions(Guard guard, ObjectProvider<GuardMetrics> metrics) {
    return new Decisions(guard, metrics.getIfAvailable());
  }

  @Bean
  @ConditionalOnMissingBean
  LegalBasisRegistry legalBasisRegistry(Guard guard) {
    return new LegalBasisRegistry(guard.policy().directory());
  }

  @Bean
  @ConditionalOnMissingBean
  SanctuaryGuardModule sanctuaryGuardJacksonModule(Guard guard) {
    return new SanctuaryGuardModule(guard);
  }
}
