package org.sanctuaryguard.spring;

import java.util.Objects;
import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The guard's filter on the management port: with {@code management.server.port} set to a port of
 * its own, Actuator serves its endpoints from a child context, with a server, a DispatcherServlet
 * and filters of its own, and registers there none of the application's filters but Spring
 * Security's. Without the guard's filter nobody asking there would be identified, and no response
 * decided or recorded: the Jackson module would leave protected values out of what it writes, to
 * anyone, ICE included, and a view an exception resolver renders would be decided for an unknown
 * requester. The child context registers the application's filter registration ({@code
 * sanctuaryGuardFilterRegistration}, or the application's bean of that name) on its server too, as
 * Spring Boot registers Spring Security's, so that each request to the management port is
 * identified, decided and recorded as on the application's port.
 *
 * <p>The rest is the application's context's already: the child context's Spring MVC takes the
 * application's configurers (its JSON converter and interceptors) and controller advice (the
 * response advice), and Actuator's exception resolver there asks the application's resolvers, each
 * proxied ({@link ModelDisclosureInterceptor.ExceptionViews}).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(name = SanctuaryGuardWebAutoConfiguration.FILTER_REGISTRATION)
final class SanctuaryGuardManagementChildContextConfiguration {

  @Bean
  ServletContextInitializer sanctuaryGuardFilterRegistration(HierarchicalBeanFactory beanFactory) {
    return Objects.requireNonNull(beanFactory.getParentBeanFactory(), "the management context's parent")
        .getBean(SanctuaryGuardWebAutoConfiguration.FILTER_REGISTRATION, ServletContextInitializer.class);
  }
}
