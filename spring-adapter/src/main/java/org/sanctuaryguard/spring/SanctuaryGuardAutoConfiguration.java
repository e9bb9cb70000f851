package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Guard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the {@link Guard} from the properties under
 * {@code sanctuary.guard}, with its {@link LegalBasisRegistry} and its Jackson module.
 *
 * <p>Each bean backs off when the application defines its own. The guard is adjusted in code with
 * {@link PolicyCustomizer} and {@link GuardConfigCustomizer} beans, and the application's {@link
 * AuditSink} beans receive its events after the sinks of the properties.
 *
 * <p>The adapter guards the responses of Spring MVC; in a reactive web application (WebFlux) it
 * warns at start-up that responses are not decided.
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

  /**
   * A reactive web application: WebFlux writes its responses with the module but without the
   * adapter's filter, so they are decided by no one. The module then writes no protected value
   * (outside a decision, nothing is released), and nothing is recorded; the warning says so.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnGuardSwitch({"sanctuary.guard.enabled", "sanctuary.guard.inbound.enabled"})
  static class ReactiveServerConfiguration {

    private static final Log LOG = LogFactory.getLog(SanctuaryGuardAutoConfiguration.class);
    static final String UNGUARDED = "this is a reactive web application (WebFlux), whose responses the adapter does"
        + " not decide: it guards the responses of Spring MVC. WebFlux writes residents' records through the guard's"
        + " Jackson module outside any decision, so without their protected values, and records nothing. Serve"
        + " residents' records with Spring MVC, or set sanctuary.guard.inbound.enabled=false if this service answers"
        + " no one with them";

    @Bean
    static SmartInitializingSingleton sanctuaryGuardReactiveServerWarning() {
      return () -> LOG.warn(UNGUARDED);
    }
  }
}
