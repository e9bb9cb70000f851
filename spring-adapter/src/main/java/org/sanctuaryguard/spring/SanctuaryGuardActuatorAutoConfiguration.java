package org.sanctuaryguard.spring;

import org.sanctuaryguard.Guard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.actuate.web.exchanges.HttpExchangeRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the guard in Spring Boot Actuator's endpoints, the application's own among
 * them: the isolated {@code JsonMapper} with which Actuator writes the bodies of its own types
 * ({@code management.endpoints.jackson.isolated-json-mapper}, on by default) holds the guard's
 * module ({@link EndpointJsonMapperPostProcessor}), so that a body of an endpoint is written as its
 * decision releases it, whichever mapper Actuator chooses. The HTTP exchanges Actuator records, when
 * the application keeps them, leave out the guard's API key and basis headers ({@link
 * RecordedExchangeHeaders}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SanctuaryGuardAutoConfiguration.class)
@ConditionalOnClass({EndpointJsonMapper.class, JsonMapper.class})
@ConditionalOnBean(Guard.class)
@ConditionalOnGuardSwitch("sanctuary.guard.enabled")
public final class SanctuaryGuardActuatorAutoConfiguration {

  @Bean
  static EndpointJsonMapperPostProcessor sanctuaryGuardEndpointJsonMapper(ObjectProvider<SanctuaryGuardModule> module) {
    return new EndpointJsonMapperPostProcessor(module);
  }

  /** Keeps the guard's API key and basis headers out of the exchanges recorded for {@code httpexchanges}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HttpExchangeRepository.class)
  static class HttpExchangesConfiguration {

    @Bean
    static RecordedExchangeHeaders sanctuaryGuardRecordedExchangeHeaders(
        ObjectProvider<SanctuaryGuardProperties> properties) {
      return new RecordedExchangeHeaders(properties);
    }
  }
}
