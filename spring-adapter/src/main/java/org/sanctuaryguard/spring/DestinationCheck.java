package org.sanctuaryguard.spring;

import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.SanctuaryGuardException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The last check of a call, where the HTTP library opens its connection: the destination must be
 * the recipient the guard checked the call for. An interceptor or a filter that the application
 * adds to a client after the guard's (a router, a mirror) could otherwise send a call decided for
 * the police to ice.gov. This post-processor makes the request factories and connectors that Spring
 * Boot's builders build check it: the guard's interceptor and filter tell them what they checked (a
 * thread-local for the blocking clients, which open the connection on the calling thread; the
 * Reactor context for WebClient). A call that reaches such a factory or connector without the
 * guard, from a client the application built around it, is checked as a call without a body.
 */
final class DestinationCheck implements BeanPostProcessor {

  /** The Reactor context key under which WebClient's filter puts the recipient it checked. */
  static final String CHECKED_KEY = DestinationCheck.class.getName() + ".checked";

  /** The recipient the guard's interceptor checked for the call this thread is sending. */
  private static final ThreadLocal<@Nullable String> CHECKED = new ThreadLocal<>();

  private final ObjectProvider<OutboundGuard> outbound;

  DestinationCheck(ObjectProvider<OutboundGuard> outbound) {
    this.outbound = outbound;
  }

  /** Something the guard's interceptor does while its call is sent, which may fail with an I/O error. */
  @FunctionalInterface
  interface Sending<T> {
    T send() throws IOException;
  }

  /** Sends a call on this thread, telling the factory the recipient the guard checked it for. */
  static <T> T sending(String recipient, Sending<T> call) throws IOException {
    String outer = CHECKED.get();
    CHECKED.set(recipient);
    try {
      return call.send();
    } finally {
      if (outer == null) {
        CHECKED.remove();
      } else {
        CHECKED.set(outer);
      }
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ClientHttpRequestFactoryBuilder<?> factories) {
      ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> checking = settings -> new CheckedFactory(
          factories.build(settings));
      return checking;
    }
    if (bean instanceof ClientHttpConnectorBuilder<?> connectors) {
      ClientHttpConnectorBuilder<ClientHttpConnector> checking = settings -> new CheckedConnector(
          connectors.build(settings));
      return checking;
    }
    return bean;
  }

  /**
   * Checks that a call goes where the guard checked it would.
   *
   * @param checked the recipient the guard checked the call for, or null if it did not see it
   * @throws SanctuaryGuardException if it goes to another recipient, or it was not seen and goes to
   *     immigration enforcement or a channel adjacent to it with no released decision
   */
  private void check(URI destination, @Nullable String checked) {
    OutboundGuard guard = outbound.getObject();
    if (checked == null) {
      guard.beforeSend(destination, null, null);
      return;
    }
    Recipient recipient = guard.recipient(destination);
    if (!recipient.id().equals(checked)) {
      throw new SanctuaryGuardException("the call's destination changed from " + checked + " to " + recipient.id()
          + " after the guard checked it (an interceptor or a filter added after the guard's?); it is not sent");
    }
  }

  /** A request factory that checks each call's destination before it creates its request. */
  private final class CheckedFactory implements ClientHttpRequestFactory {

    private final ClientHttpRequestFactory delegate;

    CheckedFactory(ClientHttpRequestFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
      check(uri, CHECKED.get());
      return delegate.createRequest(uri, httpMethod);
    }
  }

  /** A connector that checks each call's destination before it connects. */
  private final class CheckedConnector implements ClientHttpConnector {

    private final ClientHttpConnector delegate;

    CheckedConnector(ClientHttpConnector delegate) {
      this.delegate = delegate;
    }

    @Override
    public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
        Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> requestCallback) {
      return Mono.deferContextual(context -> {
        check(uri, context.getOrDefault(CHECKED_KEY, null));
        return delegate.connect(method, uri, requestCallback);
      });
    }
  }
}
