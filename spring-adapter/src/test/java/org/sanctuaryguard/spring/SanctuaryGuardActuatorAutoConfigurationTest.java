package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.city.Model;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMapping;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter's configurations of Spring Boot Actuator, with context runners: {@link
 * SanctuaryGuardActuatorAutoConfiguration}, and the management context's {@link
 * SanctuaryGuardManagementContextConfiguration} and {@link
 * SanctuaryGuardManagementChildContextConfiguration}.
 */
class SanctuaryGuardActuatorAutoConfigurationTest {

  private static final String REGISTRATION = SanctuaryGuardWebAutoConfiguration.FILTER_REGISTRATION;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JacksonEndpointAutoConfiguration.class,
          SanctuaryGuardAutoConfiguration.class, SanctuaryGuardActuatorAutoConfiguration.class));

  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardWebAutoConfiguration.class));

  @Test
  void contextWhenActuatorMakesItsIsolatedMapperThenItHoldsTheGuardsModuleAndKeepsActuatorsSettings() {
    runner.run(context -> {
      JsonMapper mapper = context.getBean(EndpointJsonMapper.class).get();
      Guard guard = context.getBean(Guard.class);
      Resident withoutOffice = new Resident(Model.SUBJECT, Model.NAME, Model.STATUS, Model.ADDRESS, null);
      Decision staff = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.OTHER)
          .payload(withoutOffice).build());

      assertThat(SanctuaryGuardModule.isRegisteredIn(mapper)).isTrue();
      // outside a decision nothing protected; and, as Actuator set it, no null
      assertThat(mapper.writeValueAsString(withoutOffice)).isEqualTo("{\"clientId\":\"C-1001\"}");
      DecisionScope scope = DecisionScope.open(staff);
      try {
        assertThat(mapper.writeValueAsString(withoutOffice)).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
      } finally {
        scope.close();
      }
    });
  }

  @Test
  void contextWhenTheGuardIsOffOrActuatorIsAbsentThenActuatorsMapperIsLeftAsItIs() {
    runner.withPropertyValues("sanctuary.guard.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(EndpointJsonMapperPostProcessor.class);
      assertThat(SanctuaryGuardModule.isRegisteredIn(context.getBean(EndpointJsonMapper.class).get())).isFalse();
    });
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
            SanctuaryGuardActuatorAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(EndpointJsonMapper.class))
        .run(context -> assertThat(context).hasSingleBean(Guard.class)
            .doesNotHaveBean(EndpointJsonMapperPostProcessor.class));
  }

  @Test
  void contextWhenTheApplicationsEndpointMapperHoldsTheModuleThenItIsLeftAsItIs() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
            SanctuaryGuardActuatorAutoConfiguration.class)).withUserConfiguration(GuardedEndpointMapper.class)
        .run(context -> assertThat(context.getBean(EndpointJsonMapper.class).get())
            .isSameAs(context.getBean(GuardedEndpointMapper.class).mapper));
  }

  @Test
  @SuppressWarnings("removal")
  void contextWhenActuatorMapsControllerEndpointsThenItsMappingHasTheGuardsInterceptors() {
    web.withUserConfiguration(ControllerEndpoints.class, SanctuaryGuardManagementContextConfiguration.class)
        .run(context -> assertThat(context.getBean(ControllerEndpointHandlerMapping.class).getAdaptedInterceptors())
            .containsExactly(context.getBean(EarlyRefusalInterceptor.class),
                context.getBean(ModelDisclosureInterceptor.class)));
    web.withUserConfiguration(ControllerEndpoints.class, SanctuaryGuardManagementContextConfiguration.class)
        .withPropertyValues("sanctuary.guard.inbound.enabled=false")
        .run(context -> assertThat(context.getBean(ControllerEndpointHandlerMapping.class).getAdaptedInterceptors())
            .isNull());
  }

  @Test
  void contextWhenTheManagementServerHasAPortOfItsOwnThenItsContextRegistersTheGuardsFilter() {
    web.run(parent -> new WebApplicationContextRunner().withParent(parent)
        .withUserConfiguration(SanctuaryGuardManagementChildContextConfiguration.class)
        .run(child -> {
          assertThat(child.getBeanNamesForType(ServletContextInitializer.class)).containsExactly(REGISTRATION);
          assertThat(child.getBean(REGISTRATION)).isSameAs(parent.getBean(REGISTRATION));
        }));
    web.withPropertyValues("sanctuary.guard.inbound.enabled=false").run(parent -> new WebApplicationContextRunner()
        .withParent(parent).withUserConfiguration(SanctuaryGuardManagementChildContextConfiguration.class)
        .run(child -> assertThat(child.getBeanNamesForType(ServletContextInitializer.class)).isEmpty()));
  }

  @Configuration(proxyBeanMethods = false)
  static class GuardedEndpointMapper {

    @Nullable JsonMapper mapper;

    @Bean
    EndpointJsonMapper endpointJsonMapper(SanctuaryGuardModule module) {
      JsonMapper built = JsonMapper.builder().addModule(module).build();
      mapper = built;
      return () -> built;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @SuppressWarnings("removal") // controller endpoints are deprecated, and served by Spring Boot 4 all the same
  static class ControllerEndpoints {

    @Bean
    ControllerEndpointHandlerMapping controllerEndpointHandlerMapping() {
      return new ControllerEndpointHandlerMapping(new EndpointMapping("/actuator"), List.of(), null);
    }
  }
}
