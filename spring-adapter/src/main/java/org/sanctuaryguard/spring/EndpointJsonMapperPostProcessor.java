package org.sanctuaryguard.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives Spring Boot Actuator's isolated {@code JsonMapper} the guard's module. Actuator writes the
 * bodies of its own types ({@code OperationResponseBody}, and a map made with {@code
 * OperationResponseBody.of}) with that mapper, through Spring MVC's JSON converter, whatever the
 * operation that returned them. Without the module, such a body holding a resident's record would
 * be decided for the requester and then written whole, every protected value with it, and where
 * nothing decides it (outside the filter's URL patterns, in WebFlux) written whole to anyone. With
 * it, the body is written as its decision releases it, and outside a decision without its protected
 * values, as every body.
 *
 * <p>The mapper, Actuator's or an {@code EndpointJsonMapper} bean of the application's, is copied
 * with the module once, when the bean is made; one that holds the module already is left as it is.
 */
final class EndpointJsonMapperPostProcessor implements BeanPostProcessor {

  private final ObjectProvider<SanctuaryGuardModule> module;

  EndpointJsonMapperPostProcessor(ObjectProvider<SanctuaryGuardModule> module) {
    this.module = module;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof EndpointJsonMapper endpoint) || SanctuaryGuardModule.isRegisteredIn(endpoint.get())) {
      return bean;
    }
    JsonMapper guarded = module.getObject().addedTo(endpoint.get());
    return (EndpointJsonMapper) () -> guarded;
  }
}
