package org.sanctuaryguard.spring;

import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The guard in Actuator's management context, wherever it is: the application's own context when
 * the management server shares the application's port, else the child context of the management
 * port. Actuator maps the handlers of the application's controller endpoints ({@code
 * @RestControllerEndpoint}, {@code @ControllerEndpoint}) in a handler mapping of its own, to which
 * Spring MVC's configurers add no interceptor: without the adapter's, a controller endpoint's view
 * (a resident's record rendered by a JSON view) would go to ICE undecided, and its body would be
 * decided only once the handler had looked the record up, so that ICE would tell a record that
 * exists (403) from one that does not (404). The mapping is given the adapter's interceptors
 * ({@link ControllerEndpointInterceptors}): a controller endpoint is refused early and its view
 * decided as any controller's.
 *
 * <p>The other endpoints (operations of {@code @Endpoint} and {@code @WebEndpoint}) need none:
 * Actuator returns what an operation returns as a body, which the response advice decides, and an
 * operation declares no type that the check before the handler could read.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(value = DispatcherServlet.class,
    name = "org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping")
final class SanctuaryGuardManagementContextConfiguration {

  @Bean
  static ControllerEndpointInterceptors sanctuaryGuardControllerEndpointInterceptors(
      ObjectProvider<EarlyRefusalInterceptor> earlyRefusal,
      ObjectProvider<ModelDisclosureInterceptor> modelDisclosure) {
    return new ControllerEndpointInterceptors(earlyRefusal, modelDisclosure);
  }

  /**
   * Adds the adapter's interceptors to Actuator's handler mapping of controller endpoints, when the
   * inbound guard is on. A handler mapping takes its interceptors when it is given its application
   * context, before any post-processor may see it initialized, so they are set as soon as the mapping
   * is made; Spring Boot makes it with none.
   */
  @SuppressWarnings("removal") // controller endpoints are deprecated, and served by Spring Boot 4 all the same
  static final class ControllerEndpointInterceptors implements InstantiationAwareBeanPostProcessor {

    private final ObjectProvider<EarlyRefusalInterceptor> earlyRefusal;
    private final ObjectProvider<ModelDisclosureInterceptor> modelDisclosure;

    ControllerEndpointInterceptors(ObjectProvider<EarlyRefusalInterceptor> earlyRefusal,
        ObjectProvider<ModelDisclosureInterceptor> modelDisclosure) {
      this.earlyRefusal = earlyRefusal;
      this.modelDisclosure = modelDisclosure;
    }

    @Override
    public boolean postProcessAfterInstantiation(Object bean, String beanName) {
      if (bean instanceof ControllerEndpointHandlerMapping mapping) {
        Object[] interceptors = Stream.of(earlyRefusal.getIfAvailable(), modelDisclosure.getIfAvailable())
            .filter(Objects::nonNull).toArray();
        if (interceptors.length > 0) {
          mapping.setInterceptors(interceptors);
        }
      }
      return true;
    }
  }
}
