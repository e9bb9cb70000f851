package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.spring.city.Model;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.handler.SimpleMappingExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/** Every condition and property of {@link SanctuaryGuardWebAutoConfiguration}, with context runners. */
class SanctuaryGuardWebAutoConfigurationTest {

  private static final String REGISTRATION = "sanctuaryGuardFilterRegistration";
  private static final String EARLY_REFUSAL = "sanctuaryGuardEarlyRefusal";
  private static final String JSON_CONVERTER = "sanctuaryGuardJsonConverterCustomizer";
  private static final String RESPONSE_CONVERTERS = "sanctuaryGuardResponseConverters";
  private static final String A_KEY = "a-key-pasted-by-mistake";

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardWebAutoConfiguration.class));

  @Test
  void contextWhenAServletApplicationThenTheFilterIsRegisteredWithTheStrategiesAndTheAdvice() {
    runner.withPropertyValues("sanctuary.guard.inbound.url-patterns=/api/*", "sanctuary.guard.inbound.filter-order=-50")
        .run(context -> {
          assertThat(context).hasBean(REGISTRATION).hasSingleBean(RequesterResolver.class)
              .hasSingleBean(BasisResolver.class).hasSingleBean(FactsResolver.class)
              .hasSingleBean(ResponseDisclosureAdvice.class)
              .hasSingleBean(RefusedResponseResolver.class).hasBean(EARLY_REFUSAL)
              .hasSingleBean(ModelDisclosureInterceptor.class);
          FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
          assertThat(registration.getFilter()).isInstanceOf(SanctuaryGuardFilter.class);
          assertThat(registration.getUrlPatterns()).containsExactly("/api/*");
          assertThat(registration.getOrder()).isEqualTo(-50);
        });
  }

  @Test
  void contextWhenNotAServletApplicationThenNothingInbound() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SanctuaryGuardAutoConfiguration.class,
        SanctuaryGuardWebAutoConfiguration.class)).run(context -> assertThat(context)
        .hasSingleBean(Guard.class).doesNotHaveBean(REGISTRATION).doesNotHaveBean(RequesterResolver.class));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void contextWhenAReactiveWebApplicationThenWarnsThatNothingDecidesItsResponsesWhichHoldNoProtectedValue(
      CapturedOutput output) {
    ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner().withConfiguration(
        AutoConfigurations.of(JacksonAutoConfiguration.class, SanctuaryGuardAutoConfiguration.class,
            SanctuaryGuardWebAutoConfiguration.class));
    String warning = "this is a reactive web application (WebFlux), whose responses the adapter does not decide";

    reactive.withPropertyValues("sanctuary.guard.inbound.enabled=false").run(context -> assertThat(context)
        .hasSingleBean(Guard.class));
    assertThat(output).doesNotContain(warning);
    reactive.run(context -> {
      assertThat(context).hasSingleBean(Guard.class).doesNotHaveBean(REGISTRATION);
      assertThat(context.getBean(JsonMapper.class).writeValueAsString(Model.resident()))
          .contains(Model.SUBJECT).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    });
    assertThat(output).containsOnlyOnce(warning);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void contextWhenExceptionResolversAreDecidedThenEachKeepsItsTypeAndSpringBootsSettings(CapturedOutput output) {
    runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withUserConfiguration(OwnExceptionResolvers.class)
        .withPropertyValues("spring.mvc.log-resolved-exception=true").run(context -> {
          HandlerExceptionResolverComposite composite = (HandlerExceptionResolverComposite) context.getBean(
              "handlerExceptionResolver", HandlerExceptionResolver.class);
          assertThat(composite.getExceptionResolvers()).as("Spring's own, where code finds them by type")
              .hasAtLeastOneElementOfType(ExceptionHandlerExceptionResolver.class)
              .allSatisfy(resolver -> assertThat(AopUtils.isAopProxy(resolver)).isFalse());
          assertThat(AopUtils.isAopProxy(composite)).isTrue();
          assertThat(context.getBean(SimpleMappingExceptionResolver.class).getOrder()).isEqualTo(7);
          assertThat(context.getBean("lambdaResolver")).isInstanceOf(HandlerExceptionResolver.class);
          assertThat(AopUtils.isAopProxy(context.getBean(RefusedResponseResolver.class))).isFalse();
          composite.resolveException(new MockHttpServletRequest("GET", "/residents/C-1001"),
              new MockHttpServletResponse(), null, new ResponseStatusException(HttpStatus.CONFLICT));
        });
    assertThat(output).as("spring.mvc.log-resolved-exception, which Spring Boot applies to the resolvers by type")
        .contains("Resolved [org.springframework.web.server.ResponseStatusException: 409 CONFLICT]");
  }

  @Test
  void resolveExceptionWhenAResolverBeanOfTheApplicationsOwnShowsARecordThenItsViewIsDecided() {
    runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withUserConfiguration(OwnExceptionResolvers.class).run(context -> {
          Recipient ice = context.getBean(Guard.class).policy().directory().get("ice-ero");
          for (String name : List.of("simpleMappingExceptionResolver", "lambdaResolver")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
            request.setAttribute(InboundRequest.ATTRIBUTE,
                new InboundRequest(Requester.of(ice), Purpose.OTHER, LegalBasis.none()));
            MockHttpServletResponse response = new MockHttpServletResponse();
            ModelAndView view = context.getBean(name, HandlerExceptionResolver.class).resolveException(request,
                response, null, new IllegalStateException());

            assertThat(view).as(name).isNotNull().satisfies(answered -> assertThat(answered.isEmpty()).isTrue());
            assertThat(response.getStatus()).as(name).isEqualTo(403);
            assertThat(response.getContentAsString()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
          }
        });
  }

  @Test
  void resolveExceptionWhenTheResolversMethodIsFinalThenItsViewIsStillDecided() {
    runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withUserConfiguration(FinalMethodResolver.class).run(context -> {
          MockHttpServletRequest request = iceAsks(context.getBean(Guard.class));
          MockHttpServletResponse response = new MockHttpServletResponse();
          ModelAndView view = context.getBean("finalMethodResolver", HandlerExceptionResolver.class)
              .resolveException(request, response, null, new IllegalStateException());

          assertThat(view).isNotNull().satisfies(answered -> assertThat(answered.getModel()).isEmpty());
          assertThat(response.getStatus()).isEqualTo(403);
        });
  }

  @Test
  void resolveExceptionWhenAResolverBeanIsAlsoInSpringsCompositeThenItsViewIsDecidedOnce() {
    List<GuardEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withUserConfiguration(NestedResolver.class)
        .withBean("recordingSink", AuditSink.class, () -> events::add).run(context -> {
          MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
          request.setAttribute(InboundRequest.ATTRIBUTE, new InboundRequest(
              Requester.of(context.getBean(Guard.class).policy().directory().get("nypd")), Purpose.OTHER,
              LegalBasis.none()));
          events.clear();
          ModelAndView view = context.getBean("handlerExceptionResolver", HandlerExceptionResolver.class)
              .resolveException(request, new MockHttpServletResponse(), null, new IllegalStateException());

          assertThat(view).isNotNull();
          assertThat(events).as("one view, one decision").hasSize(1);
        });
  }

  private static MockHttpServletRequest iceAsks(Guard guard) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
    request.setAttribute(InboundRequest.ATTRIBUTE, new InboundRequest(
        Requester.of(guard.policy().directory().get("ice-ero")), Purpose.OTHER, LegalBasis.none()));
    return request;
  }

  /** A resolver whose method cannot be overridden, as a proxy of its class would. */
  @Configuration(proxyBeanMethods = false)
  static class FinalMethodResolver {

    @Bean
    HandlerExceptionResolver finalMethodResolver() {
      return new ResidentResolver();
    }
  }

  static class ResidentResolver implements HandlerExceptionResolver {
    @Override
    public final ModelAndView resolveException(HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response, @org.jspecify.annotations.Nullable Object handler,
        Exception exception) {
      return new ModelAndView("error/resident", "resident", Model.resident());
    }
  }

  /** A resolver bean the application also puts into Spring MVC's composite, as a configurer may. */
  @Configuration(proxyBeanMethods = false)
  static class NestedResolver {

    @Bean
    HandlerExceptionResolver residentResolver() {
      return (request, response, handler, exception) -> new ModelAndView("error/resident", "resident",
          Model.resident());
    }

    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer residentResolverFirst(
        HandlerExceptionResolver residentResolver) {
      return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
        @Override
        public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
          resolvers.add(0, residentResolver);
        }
      };
    }
  }

  /** Exception resolvers an application declares: a class Spring MVC gives, and a lambda. */
  @Configuration(proxyBeanMethods = false)
  static class OwnExceptionResolvers {

    @Bean
    SimpleMappingExceptionResolver simpleMappingExceptionResolver() {
      SimpleMappingExceptionResolver resolver = new SimpleMappingExceptionResolver() {
        @Override
        protected ModelAndView getModelAndView(String viewName, Exception exception, HttpServletRequest request) {
          return super.getModelAndView(viewName, exception, request).addObject("resident", Model.resident());
        }
      };
      resolver.setDefaultErrorView("error/resident");
      resolver.setOrder(7);
      return resolver;
    }

    @Bean
    HandlerExceptionResolver lambdaResolver() {
      return (request, response, handler, exception) -> new ModelAndView("error/resident", "resident",
          Model.resident());
    }
  }

  @Test
  void contextWhenInboundIsDisabledOrTheGuardIsOffThenNothingInbound() {
    runner.withPropertyValues("sanctuary.guard.inbound.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(REGISTRATION).doesNotHaveBean(ResponseDisclosureAdvice.class)
            .doesNotHaveBean(EARLY_REFUSAL).doesNotHaveBean(ModelDisclosureInterceptor.class)
            .doesNotHaveBean(RESPONSE_CONVERTERS));
    runner.withPropertyValues("sanctuary.guard.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(REGISTRATION).doesNotHaveBean(ResponseDisclosureAdvice.class)
            .doesNotHaveBean(EARLY_REFUSAL).doesNotHaveBean(ModelDisclosureInterceptor.class)
            .doesNotHaveBean(RESPONSE_CONVERTERS));
  }

  @Test
  void contextWhenTheApplicationHasAJsonMapperThenSpringMvcWritesJsonThroughTheGuardedConverter() {
    runner.withBean(JsonMapper.class, JsonMapper::new).run(context -> {
      HttpMessageConverters.ServerBuilder builder = HttpMessageConverters.forServer();
      context.getBean(JSON_CONVERTER, ServerHttpMessageConvertersCustomizer.class).customize(builder);
      assertThat(builder.build()).filteredOn(JacksonJsonHttpMessageConverter.class::isInstance).singleElement()
          .isInstanceOf(GuardedJsonConverter.class);
    });
  }

  @Test
  void contextWhenTheApplicationDeclaresAJsonConverterOrConvertersAreAbsentThenSpringMvcKeepsItsOwn() {
    runner.withBean(JsonMapper.class, JsonMapper::new).withUserConfiguration(OwnGuardedJsonConverter.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JSON_CONVERTER).hasBean(EARLY_REFUSAL)
            .as("the application's converter is guarded with the others").hasBean(RESPONSE_CONVERTERS));
    runner.withClassLoader(new FilteredClassLoader(ServerHttpMessageConvertersCustomizer.class))
        .run(context -> assertThat(context).doesNotHaveBean(JSON_CONVERTER).hasBean(EARLY_REFUSAL));
    runner.withBean(JsonMapper.class, JsonMapper::new)
        .withPropertyValues("spring.http.converters.preferred-json-mapper=gson")
        .run(context -> assertThat(context).as("the application chose another JSON library")
            .doesNotHaveBean(JSON_CONVERTER));
  }

  /** A JSON converter of the application's own, whose mapper holds the guard's module. */
  @Configuration(proxyBeanMethods = false)
  static class OwnGuardedJsonConverter {

    @Bean
    JacksonJsonHttpMessageConverter ownJson(SanctuaryGuardModule module) {
      return new JacksonJsonHttpMessageConverter(JsonMapper.builder().addModule(module).build());
    }
  }

  @Test
  void contextWhenTheApplicationDefinesStrategiesOrTheRegistrationThenTheyAreUsed() {
    runner.withUserConfiguration(OwnStrategies.class).run(context -> {
      assertThat(context.getBean(RequesterResolver.class)).isSameAs(OwnStrategies.REQUESTERS);
      assertThat(context.getBean(BasisResolver.class)).isSameAs(OwnStrategies.BASES);
      assertThat(context.getBean(FactsResolver.class)).isSameAs(OwnStrategies.FACTS);
      assertThat(context.getBean(REGISTRATION)).isSameAs(OwnStrategies.REGISTRATION);
    });
  }

  @Test
  void contextWhenTheApplicationDeclaresNoFactsResolverThenRequestsCarryNoneAndItsOwnIsGivenEachRequest() {
    runner.run(context -> {
      assertThat(context.getBean(FactsResolver.class)).isSameAs(NoFactsResolver.INSTANCE);
      assertThat(identified(context).facts()).as("nothing to call, nothing allocated").isNull();
    });
    runner.withBean("ownFacts", FactsResolver.class, () -> OwnStrategies.FACTS).run(context -> {
      assertThat(context).hasSingleBean(FactsResolver.class);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
      assertThat(identified(context, request).facts()).isNotNull().satisfies(facts -> {
        assertThat(facts.resolver()).isSameAs(OwnStrategies.FACTS);
        assertThat(facts.request()).isSameAs(request);
      });
    });
  }

  private static InboundRequest identified(ApplicationContext context) throws Exception {
    return identified(context, new MockHttpServletRequest("GET", "/residents/C-1001"));
  }

  /** What the filter of the context keeps for the request. */
  private static InboundRequest identified(ApplicationContext context, MockHttpServletRequest request)
      throws Exception {
    FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
    registration.getFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    return (InboundRequest) request.getAttribute(InboundRequest.ATTRIBUTE);
  }

  @Test
  void resolverWhenAKeyOrAnAuthorityIsMappedThenItIdentifiesTheRecipient() {
    runner.withPropertyValues(
        "sanctuary.guard.inbound.api-key.recipients.ice-ero=" + ApiKeyRequesterResolver.sha256("ice-key").toUpperCase(),
        "sanctuary.guard.inbound.certificate.recipients.nypd[0]=CN=records.nypd.org,O=NYPD,C=US").run(context -> {
          RequesterResolver resolver = context.getBean(RequesterResolver.class);
          MockHttpServletRequest withKey = new MockHttpServletRequest();
          withKey.addHeader("X-API-Key", "ice-key");
          MockHttpServletRequest withOtherKey = new MockHttpServletRequest();
          withOtherKey.addHeader("X-API-Key", "another-key");
          assertThat(resolver.resolve(withKey)).map(requester -> requester.recipient().id()).contains("ice-ero");
          assertThat(resolver.resolve(withOtherKey)).isEmpty();
          assertThat(resolver.resolve(new MockHttpServletRequest())).isEmpty();
        });
  }

  @Test
  void startWhenAnApiKeyIsConfiguredInsteadOfItsDigestThenFailsWithoutShowingIt() {
    runner.withPropertyValues("sanctuary.guard.inbound.api-key.recipients.ice-ero=" + A_KEY).run(context ->
        assertThat(Startup.failedOn(context, "sanctuary.guard.inbound.api-key.recipients", "ice-ero", "never the key"))
            .hasMessageNotContaining(A_KEY));
  }

  @Test
  void startWhenAMappedRecipientDoesNotExistThenFailsNamingItAndTheNearest() {
    runner.withPropertyValues("sanctuary.guard.inbound.authorities.recipients.nypdd=ROLE_NYPD").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.authorities.recipients", "nypdd", "did you mean 'nypd'"));
    runner.withPropertyValues("sanctuary.guard.inbound.staff-recipient=city-agnecy").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.staff-recipient", "city-agnecy", "unknown recipient"));
  }

  @Test
  void startWhenACertificateSubjectIsNotADistinguishedNameThenFailsNamingIt() {
    runner.withPropertyValues("sanctuary.guard.inbound.certificate.recipients.nypd[0]=records.nypd.org").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.certificate.recipients.nypd", "records.nypd.org",
            "not a distinguished name"));
  }

  @Test
  void startWhenACertificateIssuerIsNotADistinguishedNameOrIsForARecipientNoSubjectIdentifiesThenFailsNamingIt() {
    String subject = "sanctuary.guard.inbound.certificate.recipients.nypd[0]=CN=records.nypd.org,O=NYPD,C=US";
    runner.withPropertyValues(subject, "sanctuary.guard.inbound.certificate.issuers.nypd[0]=NYPD CA").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.certificate.issuers.nypd", "NYPD CA",
            "not a distinguished name"));
    runner.withPropertyValues(subject, "sanctuary.guard.inbound.certificate.issuers.ice-ero[0]=CN=DHS CA,O=DHS,C=US")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.inbound.certificate.issuers.ice-ero", "ice-ero",
            "no certificate subject identifies 'ice-ero'"));
  }

  @Test
  void startWhenACredentialIdentifiesTwoRecipientsOrNothingThenFailsNamingIt() {
    String digest = ApiKeyRequesterResolver.sha256("a-key");
    runner.withPropertyValues("sanctuary.guard.inbound.api-key.recipients.ice-ero=" + digest,
        "sanctuary.guard.inbound.api-key.recipients.nypd=" + digest).run(context ->
        assertThat(Startup.failedOn(context, "sanctuary.guard.inbound.api-key.recipients", "nypd", "mapped to both"))
            .hasMessageNotContaining(digest));
    runner.withPropertyValues("sanctuary.guard.inbound.authorities.recipients.ice-ero=ROLE_AGENCY",
        "sanctuary.guard.inbound.authorities.recipients.nypd=ROLE_AGENCY").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.authorities.recipients.nypd", "ROLE_AGENCY",
            "mapped to both 'ice-ero' and 'nypd'"));
    runner.withPropertyValues("sanctuary.guard.inbound.certificate.recipients.nypd[0]= ").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.certificate.recipients.nypd", "",
            "every certificate without a subject"));
    runner.withPropertyValues("sanctuary.guard.inbound.purpose-header=Bad Header:").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.purpose-header", "Bad Header:", "not a header name"));
    runner.withPropertyValues("sanctuary.guard.inbound.url-patterns=api/*").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.url-patterns[0]", "api/*", "starts with /"));
  }

  @Test
  void contextWhenAnInboundSwitchIsOnOrTheGuardIsOffBesideTheApplicationsGuardThenAsSaid() {
    runner.withPropertyValues("sanctuary.guard.inbound.enabled=on")
        .run(context -> assertThat(context).hasBean(REGISTRATION));
    runner.withPropertyValues("sanctuary.guard.enabled=false")
        .withBean(Guard.class, () -> Guard.of(GuardConfig.custom().policy(Policy.of(PolicyPack.builtin("nyc"))).build()))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(REGISTRATION));
  }

  @Test
  void startWhenAuthoritiesAreMappedWithoutSpringSecurityThenFails() {
    runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .withPropertyValues("sanctuary.guard.inbound.authorities.recipients.nypd=ROLE_NYPD")
        .run(context -> Startup.failedOn(context, "sanctuary.guard.inbound.authorities.recipients", "[nypd]",
            "Spring Security is not on the class path"));
    runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .run(context -> assertThat(context).hasNotFailed().hasBean(REGISTRATION));
  }

  /**
   * A filter ordered before Spring Security's would find nobody authenticated, and take the police
   * for whom nothing identifies (the default recipient, which may be the city's staff).
   */
  @Test
  void startWhenTheFilterIsOrderedBeforeSpringSecuritysThenFailsNamingTheOrder() {
    runner.withPropertyValues("sanctuary.guard.inbound.filter-order=-110").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.filter-order", "-110", "before Spring Security's"));
    runner.withPropertyValues("sanctuary.guard.inbound.filter-order=-100").run(context ->
        Startup.failedOn(context, "sanctuary.guard.inbound.filter-order", "-100", "spring.security.filter.order, -100"));
    runner.withPropertyValues("sanctuary.guard.inbound.filter-order=-110", "spring.security.filter.order=-120")
        .run(context -> assertThat(context).hasNotFailed().hasBean(REGISTRATION));
    runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .withPropertyValues("sanctuary.guard.inbound.filter-order=-110")
        .run(context -> assertThat(context).hasNotFailed().hasBean(REGISTRATION));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStrategies {
    static final RequesterResolver REQUESTERS = request -> Optional.empty();
    static final BasisResolver BASES = (request, requester) -> LegalBasis.none();
    static final FactsResolver FACTS = (request, requester, payload) -> Map.of();
    static final FilterRegistrationBean<?> REGISTRATION = new FilterRegistrationBean<>();

    @Bean
    RequesterResolver ownRequesters() {
      return REQUESTERS;
    }

    @Bean
    BasisResolver ownBases() {
      return BASES;
    }

    @Bean
    FactsResolver ownFacts() {
      return FACTS;
    }

    @Bean
    FilterRegistrationBean<?> sanctuaryGuardFilterRegistration() {
      return REGISTRATION;
    }
  }
}
