package org.sanctuaryguard.spring;

import org.sanctuaryguard.Guard;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link SanctuaryGuardEndpoint Actuator endpoint} {@code
 * sanctuaryguard}, when it is available (exposed with {@code
 * management.endpoints.web.exposure.include}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SanctuaryGuardAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Guard.class)
@ConditionalOnGuardSwitch("sanctuary.guard.enabled")
@ConditionalOnAvailableEndpoint(SanctuaryGuardEndpoint.class)
public final class SanctuaryGuardEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SanctuaryGuardEndpoint sanctuaryGuardEndpoint(Guard guard, DecisionTally tally) {
    return new SanctuaryGuardEndpoint(guard, tally);
  }
}
