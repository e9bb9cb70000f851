package org.sanctuaryguard.spring;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.DestinationCheck.Sending;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.sanctuaryguard.spring.Redirects.Hop;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The last check of a {@code RestClient} or {@code RestTemplate} call, after its body was written
 * and before the connection is opened: a call to immigration enforcement or a channel adjacent to
 * it needs a released decision (see {@link OutboundGuard#beforeSend}). It follows the call's
 * redirects, checking each hop the same way before it is sent (see {@link Redirects}), and tells
 * the request factory, in the request's attributes, what it checked (see {@link DestinationCheck}).
 * It runs last (see {@link #andThen}); a call in which an interceptor runs after it (one was put
 * ahead of it once the guard's customizer ran) is refused before it is sent.
 *
 * <p>A {@code RestTemplate}'s converters are a list anyone may change after the guard guarded it
 * (a customizer that Spring Boot runs after the guard's, or code that adds to {@code
 * getMessageConverters()}): the interceptor of a template refuses a call whose body no guarded
 * converter wrote while the list holds a converter the guard did not put in its place, which may
 * have written it outside any decision. A body the application wrote itself (a {@code
 * RequestCallback}'s bytes) is sent as before while the list holds none. A {@code RestClient}
 * built from a guarded template holds its interceptor but a list of converters of its own, which
 * the guard does not see: a call of such a client whose body no guarded converter wrote is refused.
 */
final class GuardingInterceptor implements ClientHttpRequestInterceptor, Ordered {

  private static final byte[] NO_BODY = new byte[0];
  private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  /** The class of Spring's execution that ends a client's chain of interceptors (see {@link #endOfChain}). */
  private static final Class<?> END_OF_CHAIN = endOfChain();

  private final OutboundGuard outbound;
  private final Redirects redirects;
  /** The live list of converters of the template the interceptor guards; null for a RestClient's. */
  private final @Nullable List<HttpMessageConverter<?>> converters;

  GuardingInterceptor(OutboundGuard outbound, Redirects redirects) {
    this(outbound, redirects, null);
  }

  GuardingInterceptor(OutboundGuard outbound, Redirects redirects, @Nullable List<HttpMessageConverter<?>> converters) {
    this.outbound = outbound;
    this.redirects = redirects;
    this.converters = converters;
  }

  /**
   * Puts the guard's interceptor first in a client's list, in place of any the guard's customizer put
   * there before: a client customized twice (a builder or a template configured again) would
   * otherwise hold two, and each would refuse every call as one that runs after the other.
   */
  static void putFirst(List<ClientHttpRequestInterceptor> interceptors, GuardingInterceptor guard) {
    interceptors.removeIf(GuardingInterceptor.class::isInstance);
    interceptors.add(0, guard);
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    if (execution.getClass() != END_OF_CHAIN) {
      throw new SanctuaryGuardException("an interceptor of the client runs after the guard's: one was put ahead of"
          + " the guard's in the client's list once the guard's customizer ran (at the head of a RestClient.Builder's"
          + " list, with add(0, ...) on a RestTemplate's getInterceptors(), or one that is PriorityOrdered), and"
          + " Spring then runs those after the guard's after it, where they may send the call elsewhere unchecked;"
          + " the call is not sent: add interceptors after the guard's (requestInterceptor(...),"
          + " additionalInterceptors(...), getInterceptors().add(...)), and the guard runs them before it");
    }
    if (converters != null && body.length > 0 && request.getAttributes().get(OutboundGuard.GUARDED_WRITE) == null) {
      refuseClientOfTemplate();
      refuseUnguardedConverter(converters);
    }
    BodyDecision decided = OutboundGuard.bodyDecisionOf(request.getAttributes());
    Disclosure disclosure = Disclosures.current().orElse(null);
    Sending sending = new Sending(outbound.beforeSend(request.getURI(), decided, disclosure).id());
    request.getAttributes().put(DestinationCheck.CHECKED, sending);
    ClientHttpResponse response = execution.execute(request, body);
    HttpRequest sent = request;
    for (int hops = 0; ; hops++) {
      Hop hop = redirects.next(sending.asked(), sent.getURI(), sent.getMethod(), response.getStatusCode().value(),
          response.getHeaders().getFirst(HttpHeaders.LOCATION), hops);
      if (hop == null) {
        return response;
      }
      response.close();
      HopRequest onward = new HopRequest(sent, hop);
      sending = new Sending(outbound.beforeSend(hop.location(), hop.sendsBody() ? decided : null, disclosure).id());
      onward.getAttributes().put(DestinationCheck.CHECKED, sending);
      response = execution.execute(onward, hop.sendsBody() ? body : NO_BODY);
      sent = onward;
    }
  }

  /**
   * The class of the execution Spring gives the last interceptor of a client's chain, the one that
   * opens the request: found once, by running a chain of one interceptor that notes it and sends
   * nothing. The guard's interceptor is given an execution of another class when an interceptor
   * runs after it, which it refuses, since that one may send the call elsewhere.
   */
  private static Class<?> endOfChain() {
    Class<?>[] found = {Void.class};
    ClientHttpRequestInterceptor noting = (request, body, execution) -> {
      found[0] = execution.getClass();
      throw new IOException("a probe is never sent");
    };
    ClientHttpRequestFactory none = (uri, method) -> {
      throw new IOException("a probe is never sent");
    };
    try {
      new InterceptingClientHttpRequestFactory(none, List.of(noting))
          .createRequest(URI.create("http://probe.invalid/"), HttpMethod.GET).execute().close();
    } catch (IOException expected) {
      // the probe stops before anything is sent
    }
    return found[0];
  }

  /**
   * Runs the interceptors that come after this one in the client's list before it, so that it runs
   * last, closest to the wire, and decides on the request that is sent: Spring composes a client's
   * interceptors with {@code andThen}, from the first, and the guard's customizers put this one
   * first. An interceptor of the application's added after the guard's (a router, a mirror, a
   * token) may send the call elsewhere, to a request factory the application built itself, which
   * checks nothing.
   */
  @Override
  public ClientHttpRequestInterceptor andThen(ClientHttpRequestInterceptor interceptor) {
    return new Last(this, List.of(interceptor));
  }

  /**
   * First: a {@code RestTemplate} sorts its interceptors by their order when they are set, and the
   * guard's composes those after it only while it stays first, before any of the application's that
   * has an order of its own.
   */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** The guard's interceptor, composed with those after it in the list, which run before it. */
  private record Last(GuardingInterceptor guard, List<ClientHttpRequestInterceptor> before)
      implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
        throws IOException {
      return apply(execution).execute(request, body);
    }

    @Override
    public ClientHttpRequestInterceptor andThen(ClientHttpRequestInterceptor interceptor) {
      List<ClientHttpRequestInterceptor> all = new ArrayList<>(before);
      all.add(interceptor);
      return new Last(guard, List.copyOf(all));
    }

    @Override
    public ClientHttpRequestExecution apply(ClientHttpRequestExecution execution) {
      ClientHttpRequestExecution next = guard.apply(execution);
      for (int i = before.size() - 1; i >= 0; i--) {
        next = before.get(i).apply(next);
      }
      return next;
    }
  }

  /**
   * Refuses a call whose body no guarded converter wrote, if one of the template's converters is not
   * guarded.
   *
   * @throws SanctuaryGuardException naming the first such converter's class
   */
  private static void refuseUnguardedConverter(List<HttpMessageConverter<?>> converters) {
    HttpMessageConverter<?> unguarded = GuardedMessageConverter.firstUnguarded(converters);
    if (unguarded != null) {
      throw new SanctuaryGuardException("the RestTemplate holds the message converter " + unguarded.getClass().getName()
          + ", added after the guard guarded its converters (by a customizer that Spring Boot runs after the guard's,"
          + " or to getMessageConverters() once it was built), and the call's body was not written by a guarded"
          + " converter: it may have been written by that one, outside any decision, so the call is not sent; give"
          + " converters to RestTemplateBuilder.messageConverters(...) or additionalMessageConverters(...), and the"
          + " guard guards them in their place");
    }
  }

  /**
   * Refuses a call whose body no guarded converter wrote, if a {@code RestClient} built from the
   * template made it, not the template itself: the client holds the template's interceptor and
   * converters, and whatever converters the application added to its own list, which the guard does
   * not see. The nearest client on the stack made the call.
   *
   * @throws SanctuaryGuardException if the call is not the template's own
   */
  private static void refuseClientOfTemplate() {
    boolean template = STACK.walk(frames -> frames.map(frame -> frame.getDeclaringClass().getNestHost())
        .filter(type -> RestTemplate.class.isAssignableFrom(type) || RestClient.class.isAssignableFrom(type))
        .findFirst().map(RestTemplate.class::isAssignableFrom).orElse(false));
    if (!template) {
      throw new SanctuaryGuardException("the call's body was not written by a guarded converter, and the call was made"
          + " by a RestClient built from a guarded RestTemplate (RestClient.builder(restTemplate) or"
          + " RestClient.create(restTemplate)), whose own list of converters the guard does not see: the body may"
          + " have been written by a converter added to that list (configureMessageConvertersList,"
          + " messageConverters), outside any decision, so the call is not sent; give converters to the template"
          + " (RestTemplateBuilder.additionalMessageConverters(...)), or build the client from Spring Boot's"
          + " RestClient.Builder, and the guard guards them in their place");
    }
  }

  /** The request of a hop: the call's, sent on to the hop's location by its method. */
  private static final class HopRequest implements HttpRequest {

    private final Hop hop;
    private final HttpHeaders headers;
    private final Map<String, Object> attributes;

    HopRequest(HttpRequest call, Hop hop) {
      this.hop = hop;
      this.headers = HttpHeaders.copyOf(call.getHeaders());
      Redirects.strip(headers, hop);
      this.attributes = new LinkedHashMap<>(call.getAttributes());
      if (!hop.sendsBody()) {
        attributes.remove(OutboundGuard.BODY_DECISION);
      }
    }

    @Override
    public HttpMethod getMethod() {
      return hop.method();
    }

    @Override
    public URI getURI() {
      return hop.location();
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return attributes;
    }
  }
}
