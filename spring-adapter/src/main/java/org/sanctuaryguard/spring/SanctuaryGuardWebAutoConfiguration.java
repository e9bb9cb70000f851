package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.Inbound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.ErrorProperties.IncludeAttribute;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the inbound guard of a servlet application: the filter that identifies who
 * asks, why and on what basis (registered through a {@link FilterRegistrationBean}), the decision
 * of each response body that holds protected values (and of each element of a streamed one, through
 * Spring MVC's JSON converter), and the 403 problem of a refused one.
 *
 * <p>Who asks is found by a {@link RequesterResolver}: the built-in one tries the client
 * certificate, the API key and the Spring Security authorities mapped under {@code
 * sanctuary.guard.inbound}. The basis is found by a {@link BasisResolver}: the built-in one looks a
 * header's document id up in the {@link LegalBasisRegistry}. The facts that hold for each payload
 * decided are found by a {@link FactsResolver}: the built-in one finds none, and costs nothing. A
 * bean of any of the three types replaces the built-in one.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SanctuaryGuardAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Guard.class)
@ConditionalOnGuardSwitch({"sanctuary.guard.enabled", "sanctuary.guard.inbound.enabled"})
public final class SanctuaryGuardWebAutoConfiguration {

  /** The name of the filter's registration, which the application may replace and the management port registers. */
  static final String FILTER_REGISTRATION = "sanctuaryGuardFilterRegistration";
  private static final String INBOUND = "inbound.";
  private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String SPRING_SECURITY = "org.springframework.security.core.context.SecurityContextHolder";
  /** The order of Spring Security's filter chain unless spring.security.filter.order says otherwise. */
  private static final int SECURITY_FILTER_ORDER = -100;

  /** The built-in resolvers that something is configured for; one with nothing to match is left out. */
  @Bean
  @ConditionalOnMissingBean
  RequesterResolver sanctuaryGuardRequesterResolver(SanctuaryGuardProperties properties, Guard guard,
      ResourceLoader resourceLoader) {
    Inbound inbound = properties.getInbound();
    RecipientDirectory directory = guard.policy().directory();
    List<RequesterResolver> resolvers = new ArrayList<>();
    Map<X500Principal, Recipient> bySubject = new HashMap<>();
    inbound.getCertificate().getRecipients().forEach((id, subjects) -> {
      Recipient recipient = recipient("certificate.recipients", id, directory);
      for (String subject : subjects) {
        String property = INBOUND + "certificate.recipients." + id;
        mapOnce(bySubject, distinguishedName(property, subject), recipient, property, subject);
      }
    });
    Map<String, Set<X500Principal>> issuers = new HashMap<>();
    inbound.getCertificate().getIssuers().forEach((id, names) -> {
      String property = INBOUND + "certificate.issuers." + id;
      if (!inbound.getCertificate().getRecipients().containsKey(id)) {
        throw GuardFactory.invalid(property, id, "no certificate subject identifies '" + id + "': map its subjects"
            + " under sanctuary.guard.inbound.certificate.recipients." + id);
      }
      Set<X500Principal> principals = new HashSet<>();
      names.forEach(name -> principals.add(distinguishedName(property, name)));
      issuers.put(id, principals);
    });
    if (!bySubject.isEmpty()) {
      resolvers.add(new CertificateRequesterResolver(bySubject, issuers));
    }
    Map<String, Recipient> byDigest = new HashMap<>();
    inbound.getApiKey().getRecipients().forEach((id, digests) -> {
      Recipient recipient = recipient("api-key.recipients", id, directory);
      for (String digest : digests) {
        if (!SHA_256.matcher(digest).matches()) {
          // the value may be a key pasted by mistake: name the recipient, never show the value
          throw GuardFactory.invalid(INBOUND + "api-key.recipients", id, "a value of recipient '" + id
              + "' is not a SHA-256 digest of 64 hexadecimal digits; configure the digest of a key"
              + " (sha256sum), never the key");
        }
        // the digest is no secret, but the message names only the recipients, as for a key pasted by mistake
        Recipient earlier = byDigest.putIfAbsent(digest.toLowerCase(Locale.ROOT), recipient);
        if (earlier != null && !earlier.id().equals(id)) {
          throw GuardFactory.invalid(INBOUND + "api-key.recipients", id, "a key's digest is mapped to both '"
              + earlier.id() + "' and '" + id + "': each key identifies one recipient");
        }
      }
    });
    if (!byDigest.isEmpty()) {
      String header = headerName("api-key.header", inbound.getApiKey().getHeader());
      resolvers.add(new ApiKeyRequesterResolver(header, byDigest));
    }
    if (ClassUtils.isPresent(SPRING_SECURITY, resourceLoader.getClassLoader())) {
      Map<String, Recipient> byAuthority = new HashMap<>();
      inbound.getAuthorities().getRecipients().forEach((id, authorities) -> {
        Recipient recipient = recipient("authorities.recipients", id, directory);
        authorities.forEach(authority -> mapOnce(byAuthority, authority, recipient,
            INBOUND + "authorities.recipients." + id, authority));
      });
      if (!byAuthority.isEmpty()) {
        resolvers.add(new AuthoritiesRequesterResolver(byAuthority));
      }
    } else if (!inbound.getAuthorities().getRecipients().isEmpty()) {
      throw GuardFactory.invalid(INBOUND + "authorities.recipients", inbound.getAuthorities().getRecipients().keySet(),
          "Spring Security is not on the class path, so no authority can identify a recipient");
    }
    return new ConsistentRequesterResolver(resolvers);
  }

  @Bean
  @ConditionalOnMissingBean
  BasisResolver sanctuaryGuardBasisResolver(SanctuaryGuardProperties properties, LegalBasisRegistry registry) {
    return new HeaderBasisResolver(headerName("basis-header", properties.getInbound().getBasisHeader()), registry);
  }

  /** The facts of a payload: none, unless the application declares a resolver of its own. */
  @Bean
  @ConditionalOnMissingBean
  FactsResolver sanctuaryGuardFactsResolver() {
    return NoFactsResolver.INSTANCE;
  }

  @Bean
  @ConditionalOnMissingBean(name = FILTER_REGISTRATION)
  FilterRegistrationBean<SanctuaryGuardFilter> sanctuaryGuardFilterRegistration(SanctuaryGuardProperties properties,
      Guard guard, Decisions decisions, RequesterResolver requesterResolver, BasisResolver basisResolver,
      FactsResolver factsResolver, Environment environment, ResourceLoader resourceLoader) {
    Inbound inbound = properties.getInbound();
    int securityOrder = environment.getProperty("spring.security.filter.order", Integer.class, SECURITY_FILTER_ORDER);
    if (ClassUtils.isPresent(SPRING_SECURITY, resourceLoader.getClassLoader())
        && inbound.getFilterOrder() <= securityOrder) {
      throw GuardFactory.invalid(INBOUND + "filter-order", inbound.getFilterOrder(), "runs the guard's filter before"
          + " Spring Security's (spring.security.filter.order, " + securityOrder + "), where nobody is authenticated yet:"
          + " every user would be taken for whom nothing identifies; set an order above it");
    }
    RecipientDirectory directory = guard.policy().directory();
    SanctuaryGuardFilter filter = new SanctuaryGuardFilter(requesterResolver);
    filter.setBasisResolver(basisResolver);
    filter.setDecisions(decisions);
    filter.setFactsResolver(factsResolver);
    filter.setDefaultRecipient(recipient("default-recipient", inbound.getDefaultRecipient(), directory));
    filter.setStaffRecipient(recipient("staff-recipient", inbound.getStaffRecipient(), directory));
    filter.setDefaultPurpose(inbound.getDefaultPurpose());
    filter.setPurposeHeader(headerName("purpose-header", inbound.getPurposeHeader()));
    filter.setErrorDetailsShown(errorDetailsShown(environment));
    filter.setRequestDetailsLogged(requestDetailsLogged(environment));
    FilterRegistrationBean<SanctuaryGuardFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("sanctuaryGuardFilter");
    List<String> patterns = inbound.getUrlPatterns();
    for (int i = 0; i < patterns.size(); i++) {
      String pattern = patterns.get(i);
      if (pattern == null || !(pattern.startsWith("/") || pattern.startsWith("*.")) || pattern.contains(" ")) {
        throw GuardFactory.invalid(INBOUND + "url-patterns[" + i + "]", pattern,
            "a servlet URL pattern starts with / (/api/*) or is an extension (*.json)");
      }
    }
    registration.setUrlPatterns(patterns);
    registration.setOrder(inbound.getFilterOrder());
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * The settings by which Spring Boot's error responses show what an exception says, each with its
   * value, read as Spring Boot binds them ({@code spring.web.error.*} into {@link ErrorProperties}):
   * names in any relaxed form, {@code include-exception} as a boolean ({@code on}, {@code yes} and
   * {@code 1} are true), the others as {@code never}, {@code always} or {@code on-param} in any
   * case, placeholders resolved. A value Spring Boot cannot bind fails start-up, as Boot's own
   * binding of it does. Spring MVC's own problems ({@code spring.mvc.problemdetails.enabled}) are
   * named too: they carry a {@code ResponseStatusException}'s reason as their detail, whatever
   * {@code include-message} says.
   */
  static List<String> errorDetailsShown(Environment environment) {
    ErrorProperties error = Binder.get(environment).bindOrCreate("spring.web.error", ErrorProperties.class);
    List<String> shown = new ArrayList<>();
    addShown(shown, "message", error.getIncludeMessage());
    addShown(shown, "stacktrace", error.getIncludeStacktrace());
    addShown(shown, "binding-errors", error.getIncludeBindingErrors());
    if (error.isIncludeException()) {
      shown.add("spring.web.error.include-exception=true");
    }
    // Spring MVC then writes a ResponseStatusException's reason as the problem's detail, whatever include-message says
    if (environment.getProperty("spring.mvc.problemdetails.enabled", Boolean.class, false)) {
      shown.add("spring.mvc.problemdetails.enabled=true");
    }
    return shown;
  }

  private static void addShown(List<String> shown, String detail, IncludeAttribute include) {
    if (include != IncludeAttribute.NEVER) {
      shown.add("spring.web.error.include-" + detail + "="
          + String.valueOf(include).toLowerCase(Locale.ROOT).replace('_', '-'));
    }
  }

  /**
   * Whether Spring's {@code DispatcherServlet} is set to log each request's parameters and headers
   * ({@code spring.mvc.log-request-details}), read as Spring Boot binds it: {@code true}, {@code on},
   * {@code yes} and {@code 1} in any case are on, and a value that is no boolean fails start-up.
   */
  static boolean requestDetailsLogged(Environment environment) {
    return environment.getProperty("spring.mvc.log-request-details", Boolean.class, false);
  }

  @Bean
  ResponseDisclosureAdvice sanctuaryGuardResponseAdvice(Decisions decisions) {
    return new ResponseDisclosureAdvice(decisions);
  }

  /** Refuses before the handler runs what no record of its declared type could be released for. */
  @Bean
  EarlyRefusalInterceptor sanctuaryGuardEarlyRefusal(Decisions decisions) {
    return new EarlyRefusalInterceptor(decisions);
  }

  /**
   * Tells the guard the emitter of each stream a handler returns, so that a refused element ends
   * it: in every handler adapter, once they are all made.
   */
  @Bean
  SmartInitializingSingleton sanctuaryGuardEmitters(ObjectProvider<RequestMappingHandlerAdapter> adapters,
      EarlyRefusalInterceptor earlyRefusal) {
    return () -> adapters.orderedStream().forEach(adapter -> EmitterReturnValueHandler.install(adapter,
        earlyRefusal.streamed()));
  }

  /** Decides the model a view renders, which no message converter writes. */
  @Bean
  ModelDisclosureInterceptor sanctuaryGuardModelDisclosure(Decisions decisions, ObjectProvider<JsonMapper> jsonMapper,
      SanctuaryGuardModule module, ObjectProvider<ViewResolver> viewResolvers) {
    return new ModelDisclosureInterceptor(decisions, module.addedTo(jsonMapper.getIfAvailable(JsonMapper::new)),
        viewResolvers);
  }

  /** Decides the view each exception resolver returns, which no interceptor sees. */
  @Bean
  static ModelDisclosureInterceptor.ExceptionViews sanctuaryGuardExceptionViews(
      ObjectProvider<ModelDisclosureInterceptor> interceptor) {
    return new ModelDisclosureInterceptor.ExceptionViews(interceptor);
  }

  /** Decides what Spring MVC writes without the response advice: streamed elements, functional endpoints' bodies. */
  @Bean
  UnadvisedBodies sanctuaryGuardUnadvisedBodies(Decisions decisions, EarlyRefusalInterceptor earlyRefusal) {
    return new UnadvisedBodies(decisions, earlyRefusal.streamed());
  }

  /** Guards every converter of Spring MVC but the adapter's JSON one and those of strings, bytes and resources. */
  @Bean
  static GuardedResponseConverter.Installer sanctuaryGuardResponseConverters(ObjectProvider<UnadvisedBodies> unadvised) {
    return new GuardedResponseConverter.Installer(unadvised);
  }

  @Bean
  RefusedResponseResolver sanctuaryGuardRefusedResponseResolver(Decisions decisions) {
    return new RefusedResponseResolver(decisions);
  }

  /**
   * Spring MVC's JSON converter, made by Spring Boot from the application's {@link JsonMapper}, in a
   * version that also decides each element of a streamed body ({@link GuardedJsonConverter}). The
   * response advice leaves bodies to it as they are, so it writes with the guard's module: with a
   * copy of the mapper that has it, if the application declared a mapper of its own without it.
   * Backs off, as Spring Boot's does, when the application declares a JSON converter of its own.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JsonMapper.class, ServerHttpMessageConvertersCustomizer.class})
  @ConditionalOnProperty(name = "spring.http.converters.preferred-json-mapper", havingValue = "jackson",
      matchIfMissing = true)
  @ConditionalOnMissingBean(value = JacksonJsonHttpMessageConverter.class, ignoredType = {
      "org.springframework.hateoas.server.mvc.TypeConstrainedJacksonJsonHttpMessageConverter",
      "org.springframework.data.rest.webmvc.alps.AlpsJacksonJsonHttpMessageConverter"})
  static class StreamedElementsConfiguration {

    /** Runs after Spring Boot's customizer, so that its JSON converter is the one Spring MVC uses. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer sanctuaryGuardJsonConverterCustomizer(ObjectProvider<JsonMapper> jsonMapper,
        SanctuaryGuardModule module, UnadvisedBodies unadvised) {
      return builder -> jsonMapper.ifAvailable(mapper -> builder.withJsonConverter(
          new GuardedJsonConverter(module.addedTo(mapper), unadvised)));
    }
  }

  /** A header name of a property: an HTTP token, or start-up stops naming it. */
  private static String headerName(String property, String name) {
    if (name == null || !HEADER_NAME.matcher(name).matches()) {
      throw GuardFactory.invalid(INBOUND + property, name, "not a header name: letters, digits and !#$%&'*+-.^_`|~");
    }
    return name;
  }

  /** A distinguished name of a certificate's subject or issuer; one that is not, or is empty, stops start-up. */
  private static X500Principal distinguishedName(String property, String name) {
    X500Principal principal;
    try {
      principal = new X500Principal(name);
    } catch (IllegalArgumentException e) {
      throw GuardFactory.invalid(property, name, "not a distinguished name such as CN=ero.ice.gov,O=DHS,C=US: "
          + e.getMessage());
    }
    if (name.isBlank()) {
      throw GuardFactory.invalid(property, name, "an empty distinguished name would match every certificate without"
          + " a subject or an issuer");
    }
    return principal;
  }

  /** Maps a credential to a recipient; one mapped to two recipients stops start-up naming both. */
  private static <K> void mapOnce(Map<K, Recipient> map, K key, Recipient recipient, String property, Object value) {
    Recipient earlier = map.putIfAbsent(key, recipient);
    if (earlier != null && !earlier.id().equals(recipient.id())) {
      throw GuardFactory.invalid(property, value, "it is mapped to both '" + earlier.id() + "' and '"
          + recipient.id() + "': each identifies one recipient");
    }
  }

  /** The recipient of a directory id in a property; {@code unknown} stands for no entry at all. */
  private static Recipient recipient(String property, String id, RecipientDirectory directory) {
    if (Recipient.UNKNOWN_ID.equals(id)) {
      return Recipient.unknown("an unidentified request");
    }
    try {
      return directory.get(id);
    } catch (SanctuaryGuardException e) {
      throw GuardFactory.invalid(INBOUND + property, id, e.getMessage());
    }
  }
}
