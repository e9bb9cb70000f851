package org.sanctuaryguard.spring;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.Outbound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpLogging;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the outbound guard: {@code RestClient}, {@code RestTemplate} and {@code
 * WebClient} built from Spring Boot's builders resolve each destination to a recipient, write bodies
 * with protected values redacted to the decision for it, and refuse, before a connection is opened,
 * a call to immigration enforcement or a channel adjacent to it, or of protected data to an unknown
 * destination, that no released decision covers. Redirects are followed by the guard, each hop
 * checked as a call, not by the HTTP library, which would send the hop unseen. {@link Disclosures}
 * opens the explicit disclosures under which such calls are decided.
 *
 * <p>At DEBUG or TRACE, {@code RestClient} and {@code RestTemplate} log each request body as its
 * {@code toString} before the guard sees it; the auto-configuration warns at start-up when they do.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SanctuaryGuardAutoConfiguration.class)
@ConditionalOnBean(Guard.class)
@ConditionalOnGuardSwitch({"sanctuary.guard.enabled", "sanctuary.guard.outbound.enabled"})
public final class SanctuaryGuardClientAutoConfiguration {

  private static final Log LOG = LogFactory.getLog(SanctuaryGuardClientAutoConfiguration.class);

  @Bean
  Disclosures sanctuaryGuardDisclosures(Guard guard, SanctuaryGuardProperties properties) {
    return new Disclosures(guard, impliedCategories(guard, properties.getOutbound()));
  }

  @Bean
  OutboundGuard sanctuaryGuardOutbound(Decisions decisions, SanctuaryGuardProperties properties) {
    Outbound outbound = properties.getOutbound();
    return new OutboundGuard(decisions, outbound.getDefaultPurpose(), impliedCategories(decisions.guard(), outbound),
        outbound.getActor());
  }

  private static List<String> impliedCategories(Guard guard, Outbound outbound) {
    List<String> keys = outbound.getImpliedCategories();
    if (keys.isEmpty()) {
      throw GuardFactory.invalid("outbound.implied-categories", "", "at least one category is needed: what a call to"
          + " immigration enforcement discloses even without a protected value in its body");
    }
    GuardFactory.checkCategories(guard.policy().categories(), "outbound.implied-categories", keys);
    return keys;
  }

  /**
   * Warns at start-up if a client's logger is at DEBUG or TRACE: the client then logs each request
   * body it writes as its {@code toString} ({@code "Writing [...]"}), before any converter or
   * interceptor of the guard sees it, so even of a call the guard refuses. Nothing the adapter gives
   * the client can stop it: the client asks a logger of its own, a final field of Spring's.
   */
  private static SmartInitializingSingleton bodyLogWarning(String logger, Log log) {
    return () -> {
      if (log.isDebugEnabled()) {
        LOG.warn(logger + " is at DEBUG or TRACE: it then logs each request body the client writes, as its toString,"
            + " residents' protected values included, before the guard decides it and even of a call the guard"
            + " refuses; keep it at INFO wherever the service holds residents' data");
      }
    };
  }

  /**
   * What the guarded clients follow of redirects (see {@link Redirects}), and the HTTP libraries
   * Spring Boot builds: their redirects turned off, and each call's destination checked where the
   * connection is opened (see {@link DestinationCheck}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HttpClientSettings.class)
  static class HttpLibrariesConfiguration {

    @Bean
    Redirects sanctuaryGuardRedirects(ObjectProvider<HttpClientSettings> settings) {
      return new Redirects(Redirects.asked(settings.getIfAvailable()));
    }

    @Bean
    static DestinationCheck sanctuaryGuardDestinationCheck(ObjectProvider<OutboundGuard> outbound) {
      return new DestinationCheck(outbound);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
  static class RestClientConfiguration {

    @Bean
    RestClientCustomizer sanctuaryGuardRestClientCustomizer(OutboundGuard outbound, Redirects redirects,
        SanctuaryGuardModule module) {
      // each converter's configurer runs once the list is final, after any list configurer added after the guard's;
      // the guard's interceptor is first in the list, and runs last (see GuardingInterceptor.andThen)
      return builder -> builder
          .configureMessageConverters(converters -> converters
              .configureMessageConvertersList(list -> GuardedMessageConverter.guard(list, outbound, module))
              .configureMessageConverters(GuardedMessageConverter::requireGuarded))
          .requestInterceptors(interceptors ->
              GuardingInterceptor.putFirst(interceptors, new GuardingInterceptor(outbound, redirects)));
    }

    @Bean
    static SmartInitializingSingleton sanctuaryGuardRestClientBodyLogWarning() {
      String logger = "org.springframework.web.client.DefaultRestClient";
      return bodyLogWarning(logger, LogFactory.getLog(logger));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RestTemplate.class, RestTemplateCustomizer.class})
  static class RestTemplateConfiguration {

    @Bean
    RestTemplateCustomizer sanctuaryGuardRestTemplateCustomizer(OutboundGuard outbound, Redirects redirects,
        SanctuaryGuardModule module) {
      return restTemplate -> {
        List<HttpMessageConverter<?>> converters = new ArrayList<>(restTemplate.getMessageConverters());
        GuardedMessageConverter.guard(converters, outbound, module);
        restTemplate.setMessageConverters(converters);
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
        GuardingInterceptor.putFirst(interceptors,
            new GuardingInterceptor(outbound, redirects, restTemplate.getMessageConverters()));
        restTemplate.setInterceptors(interceptors);
      };
    }

    /** A {@code RestTemplate} logs to its own logger and to {@code HttpLogging}'s, whichever is on. */
    @Bean
    static SmartInitializingSingleton sanctuaryGuardRestTemplateBodyLogWarning() {
      return bodyLogWarning(RestTemplate.class.getName() + " (or org.springframework.web.HttpLogging)",
          HttpLogging.forLogName(RestTemplate.class));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({WebClient.class, WebClientCustomizer.class})
  static class WebClientConfiguration {

    @Bean
    WebClientCustomizer sanctuaryGuardWebClientCustomizer(OutboundGuard outbound, Redirects redirects,
        ObjectProvider<JsonMapper> jsonMapper, SanctuaryGuardModule module) {
      JacksonJsonEncoder encoder = new JacksonJsonEncoder(module.addedTo(jsonMapper.getIfAvailable(JsonMapper::new)));
      return builder -> builder
          .codecs(codecs -> codecs.customCodecs().register(new GuardedJsonWriter(encoder, outbound)))
          .defaultRequest(request -> Disclosures.current()
              .ifPresent(disclosure -> request.attribute(OutboundGuard.DISCLOSURE, disclosure)))
          .filter(new GuardingExchangeFilter(outbound, redirects, module));
    }
  }
}
