package org.sanctuaryguard.spring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SanctuaryGuardException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;

/**
 * The HTTP libraries Spring Boot builds, made to keep the guard in the loop: this post-processor
 * wraps Boot's request factory and connector builders so that what they build
 *
 * <ul>
 *   <li>follows no redirect itself ({@link Redirects}): a factory remembers what its settings asked,
 *       and tells the guard's interceptor through the request's {@link Sending}, so that the guard
 *       follows as they asked. Spring Boot applies the settings first and the builder's customizers
 *       after them, the application's among them, which may ask the library to follow redirects
 *       ({@code withHttpClientCustomizer(http -> http.followRedirects(ALWAYS))}): so the library of
 *       each builder Boot has (the JDK's client, Reactor Netty, Jetty, Apache HttpComponents) gets a
 *       last customizer of the guard's that turns them off. Boot's {@code HttpURLConnection} factory
 *       needs none: it turns them off on each connection, from the settings, after any customizer;
 *   <li>checks, where the connection is opened, that a call goes to the recipient the guard checked
 *       it for: an interceptor or a filter that the application adds after the guard's (a router, a
 *       mirror) could otherwise send a call decided for the police to ice.gov. The guard's
 *       interceptor puts what it checked in the request's attributes, which reach the request the
 *       factory creates, and nothing else's. A call the guard's interceptor did not see, whose
 *       body a guarded converter decided (the client's list of interceptors was set anew without
 *       the guard's), must go to the recipient the body was decided for; any other call made
 *       without the guard (a client built around Boot's factory bean) is checked as a call without
 *       a body. For WebClient, whose connector sees only the URI, the guard's filter puts the URI
 *       and recipient it checked in the Reactor context: a connection to another URI (a call
 *       nested in a later filter, a token request, or a rewritten one) is checked as a call without
 *       a body.
 * </ul>
 */
final class DestinationCheck implements BeanPostProcessor {

  /** The request attribute, and the Reactor context key, under which the guard says what it checked. */
  static final String CHECKED = DestinationCheck.class.getName() + ".checked";

  /** Whether the libraries whose requests say if they follow redirects are present. */
  private static final boolean REACTOR_NETTY =
      ClassUtils.isPresent("reactor.netty.http.client.HttpClientRequest", DestinationCheck.class.getClassLoader());
  private static final boolean JETTY =
      ClassUtils.isPresent("org.eclipse.jetty.client.Request", DestinationCheck.class.getClassLoader());

  /** What the guard's WebClient filter checked: the URI and its recipient. */
  record Checked(URI uri, String recipient) {}

  /**
   * What the guard's interceptor checked a request for, in the request's attributes, which are
   * copied by reference to the request the factory creates; the factory notes on it what its
   * settings asked of redirects, for the interceptor to read once the request was sent.
   */
  static final class Sending {

    private final String recipient;
    private volatile @Nullable HttpRedirects asked;

    Sending(String recipient) {
      this.recipient = recipient;
    }

    /** What the settings of the library that sent the request asked of redirects, or null if unknown. */
    @Nullable HttpRedirects asked() {
      return asked;
    }
  }

  private final ObjectProvider<OutboundGuard> outbound;

  DestinationCheck(ObjectProvider<OutboundGuard> outbound) {
    this.outbound = outbound;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ClientHttpRequestFactoryBuilder<?> factories) {
      return new Factories(factories);
    }
    if (bean instanceof ClientHttpConnectorBuilder<?> connectors) {
      return new Connectors(connectors);
    }
    return bean;
  }

  private static HttpClientSettings unfollowed(@Nullable HttpClientSettings settings) {
    return (settings == null ? HttpClientSettings.defaults() : settings).withRedirects(HttpRedirects.DONT_FOLLOW);
  }

  /** The guard's last customizer of a library's client: its redirects off. */
  private static void followNone(HttpClient.Builder jdk) {
    jdk.followRedirects(HttpClient.Redirect.NEVER);
  }

  /**
   * Refuses a {@code WebClient} request whose library would follow a redirect itself, where the
   * library's request says so (Reactor Netty, Jetty): the hop, and the body with it on a 307 or a
   * 308, would go where the guard cannot see, so nothing of the request is written. The connectors
   * Spring Boot builds follow none; one the application builds itself may. The JDK's and Apache
   * HttpComponents' requests do not say.
   *
   * @throws SanctuaryGuardException naming the library's request class and what to change
   */
  static void refuseFollowing(org.springframework.http.client.reactive.ClientHttpRequest request) {
    Object library = request.getNativeRequest();
    if ((REACTOR_NETTY && OptionalLibraries.reactorFollows(library))
        || (JETTY && OptionalLibraries.jettyFollows(library))) {
      throw new SanctuaryGuardException("the WebClient's connector follows redirects itself (its library's request, "
          + library.getClass().getName() + ", says so): a redirect it followed would send the call, body and all, where"
          + " the guard cannot see it, so the call is not sent; build the library's client with redirects off"
          + " (Reactor Netty: followRedirect(false); Jetty: setFollowRedirects(false)), or use the connector Spring"
          + " Boot builds, and the guard follows them, each hop checked");
    }
  }

  /**
   * The guard's last customizers of the optional libraries' clients, and what their requests say of
   * redirects, in a class of their own: one whose methods name a library's types cannot be
   * introspected (as Spring introspects a bean's class) where the library is absent, and a builder
   * of Boot's for a library exists only where it is present.
   */
  private static final class OptionalLibraries {

    private OptionalLibraries() {}

    static boolean reactorFollows(Object request) {
      return request instanceof reactor.netty.http.client.HttpClientRequest reactor && reactor.isFollowRedirect();
    }

    static boolean jettyFollows(Object request) {
      return request instanceof org.eclipse.jetty.client.Request jetty && jetty.isFollowRedirects();
    }

    static reactor.netty.http.client.HttpClient followNone(reactor.netty.http.client.HttpClient reactor) {
      return reactor.followRedirect(false);
    }

    static void followNone(org.eclipse.jetty.client.HttpClient jetty) {
      jetty.setFollowRedirects(false);
    }
  }

  /** Boot's request factory builder, whose factories follow no redirect and check each call. */
  private final class Factories implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

    private final ClientHttpRequestFactoryBuilder<?> delegate;

    Factories(ClientHttpRequestFactoryBuilder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public ClientHttpRequestFactory build(@Nullable HttpClientSettings settings) {
      return new CheckedFactory(unfollowing().build(unfollowed(settings)), Redirects.asked(settings));
    }

    /**
     * The builder, with the guard's customizer of its library last, or as it is if it is none of
     * Boot's (then the settings alone say not to follow). The builder of a library that is absent
     * loads without it: only building touches the library.
     */
    private ClientHttpRequestFactoryBuilder<?> unfollowing() {
      if (delegate instanceof JdkClientHttpRequestFactoryBuilder jdk) {
        return jdk.withHttpClientCustomizer(DestinationCheck::followNone);
      }
      if (delegate instanceof ReactorClientHttpRequestFactoryBuilder reactor) {
        return reactor.withHttpClientCustomizer(OptionalLibraries::followNone);
      }
      if (delegate instanceof JettyClientHttpRequestFactoryBuilder jetty) {
        return jetty.withHttpClientCustomizer(OptionalLibraries::followNone);
      }
      if (delegate instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
        return httpComponents.withHttpClientCustomizer(HttpClientBuilder::disableRedirectHandling);
      }
      return delegate;
    }

    /** Customizes the library's own factory, of its own type, as the builder would. */
    @Override
    @SuppressWarnings("unchecked")
    public ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> withCustomizers(
        Collection<Consumer<ClientHttpRequestFactory>> customizers) {
      return new Factories(((ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory>) delegate)
          .withCustomizers(customizers));
    }

    @Override
    public ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> withCustomizer(
        Consumer<ClientHttpRequestFactory> customizer) {
      return withCustomizers(List.of(customizer));
    }
  }

  /** Boot's connector builder, whose connectors follow no redirect and check each connection. */
  private final class Connectors implements ClientHttpConnectorBuilder<ClientHttpConnector> {

    private final ClientHttpConnectorBuilder<?> delegate;

    Connectors(ClientHttpConnectorBuilder<?> delegate) {
      this.delegate = delegate;
    }

    @Override
    public ClientHttpConnector build(@Nullable HttpClientSettings settings) {
      return new CheckedConnector(unfollowing().build(unfollowed(settings)));
    }

    /** The builder, with the guard's customizer of its library last (as the factories' builder). */
    private ClientHttpConnectorBuilder<?> unfollowing() {
      if (delegate instanceof JdkClientHttpConnectorBuilder jdk) {
        return jdk.withHttpClientCustomizer(DestinationCheck::followNone);
      }
      if (delegate instanceof ReactorClientHttpConnectorBuilder reactor) {
        return reactor.withHttpClientCustomizer(OptionalLibraries::followNone);
      }
      if (delegate instanceof JettyClientHttpConnectorBuilder jetty) {
        return jetty.withHttpClientCustomizer(OptionalLibraries::followNone);
      }
      if (delegate instanceof HttpComponentsClientHttpConnectorBuilder httpComponents) {
        return httpComponents.withHttpClientCustomizer(HttpAsyncClientBuilder::disableRedirectHandling);
      }
      return delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ClientHttpConnectorBuilder<ClientHttpConnector> withCustomizers(
        Collection<Consumer<ClientHttpConnector>> customizers) {
      return new Connectors(((ClientHttpConnectorBuilder<ClientHttpConnector>) delegate).withCustomizers(customizers));
    }

    @Override
    public ClientHttpConnectorBuilder<ClientHttpConnector> withCustomizer(Consumer<ClientHttpConnector> customizer) {
      return withCustomizers(List.of(customizer));
    }
  }

  /** A request factory whose requests check their destination before a byte of them is sent. */
  private final class CheckedFactory implements ClientHttpRequestFactory {

    private final ClientHttpRequestFactory delegate;
    private final HttpRedirects asked;

    CheckedFactory(ClientHttpRequestFactory delegate, HttpRedirects asked) {
      this.delegate = delegate;
      this.asked = asked;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
      return new CheckedRequest(delegate.createRequest(uri, httpMethod), asked);
    }
  }

  /** A request that checks its destination when its body is opened or it is sent, whichever is first. */
  private final class CheckedRequest implements ClientHttpRequest {

    private final ClientHttpRequest delegate;
    private final HttpRedirects asked;
    private boolean checked;

    CheckedRequest(ClientHttpRequest delegate, HttpRedirects asked) {
      this.delegate = delegate;
      this.asked = asked;
    }

    /**
     * Checks the request for the recipient the guard's interceptor checked it for; one the
     * interceptor did not see (the client's list was set anew without it) for the recipient the
     * guard's converter decided its body for, or, if none did, as a call without a body.
     */
    private void checkOnce() {
      if (!checked) {
        Map<String, Object> attributes = delegate.getAttributes();
        Sending sending = attributes.get(CHECKED) instanceof Sending found ? found : null;
        if (sending != null) {
          outbound.getObject().confirm(delegate.getURI(), sending.recipient);
          sending.asked = asked;
        } else {
          outbound.getObject().beforeSend(delegate.getURI(), OutboundGuard.bodyDecisionOf(attributes), null);
        }
        checked = true;
      }
    }

    @Override
    public OutputStream getBody() throws IOException {
      checkOnce();
      return delegate.getBody();
    }

    @Override
    public ClientHttpResponse execute() throws IOException {
      checkOnce();
      return delegate.execute();
    }

    @Override
    public HttpMethod getMethod() {
      return delegate.getMethod();
    }

    @Override
    public URI getURI() {
      return delegate.getURI();
    }

    @Override
    public HttpHeaders getHeaders() {
      return delegate.getHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return delegate.getAttributes();
    }
  }

  /** A connector that checks each connection's destination before it connects. */
  private final class CheckedConnector implements ClientHttpConnector {

    private final ClientHttpConnector delegate;

    CheckedConnector(ClientHttpConnector delegate) {
      this.delegate = delegate;
    }

    @Override
    public Mono<org.springframework.http.client.reactive.ClientHttpResponse> connect(HttpMethod method, URI uri,
        Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> requestCallback) {
      return Mono.deferContextual(context -> {
        Checked checked = context.getOrDefault(CHECKED, null);
        outbound.getObject().confirm(uri, checked != null && checked.uri().equals(uri) ? checked.recipient() : null);
        return delegate.connect(method, uri, requestCallback);
      });
    }
  }
}
