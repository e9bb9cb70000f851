package org.sanctuaryguard.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.web.exchanges.HttpExchange;
import org.springframework.boot.actuate.web.exchanges.HttpExchangeRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Leaves the guard's API key header and basis header out of the HTTP exchanges that Spring Boot
 * Actuator records for its {@code httpexchanges} endpoint: whoever may read the endpoint would
 * otherwise read an agency's key, with which they could ask as that agency, and the ids of the
 * documents agencies named, as Spring Boot leaves out the {@code Authorization} header for the same
 * reason. Each {@link HttpExchangeRepository} bean is proxied ({@link OwnClassProxies}) so that the
 * exchange it is given to keep has its request headers without them.
 */
final class RecordedExchangeHeaders extends OwnClassProxies {

  private static final long serialVersionUID = 1L;

  RecordedExchangeHeaders(ObjectProvider<SanctuaryGuardProperties> properties) {
    this(SingletonSupplier.of(() -> hidden(properties.getIfAvailable(SanctuaryGuardProperties::new))));
  }

  private RecordedExchangeHeaders(Supplier<Set<String>> hidden) {
    super(HttpExchangeRepository.class::isAssignableFrom, "add", new Class<?>[] {HttpExchange.class},
        (MethodInterceptor) invocation -> {
          if (invocation.getArguments()[0] instanceof HttpExchange exchange) {
            ((ProxyMethodInvocation) invocation).setArguments(without(exchange, hidden.get()));
          }
          return invocation.proceed();
        });
  }

  private static Set<String> hidden(SanctuaryGuardProperties properties) {
    Set<String> hidden = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    hidden.add(properties.getInbound().getApiKey().getHeader());
    hidden.add(properties.getInbound().getBasisHeader());
    return hidden;
  }

  /** The exchange with none of the hidden headers among its request's. */
  static HttpExchange without(HttpExchange exchange, Set<String> hidden) {
    HttpExchange.Request request = exchange.getRequest();
    if (request.getHeaders().keySet().stream().noneMatch(hidden::contains)) {
      return exchange;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(request.getHeaders());
    headers.keySet().removeIf(hidden::contains);
    return new HttpExchange(exchange.getTimestamp(), new HttpExchange.Request(request.getUri(),
        request.getRemoteAddress(), request.getMethod(), headers), exchange.getResponse(), exchange.getPrincipal(),
        exchange.getSession(), exchange.getTimeTaken());
  }
}
