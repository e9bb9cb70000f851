package org.sanctuaryguard.spring;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanctuaryguard.spring.DestinationCheck.Sending;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.sanctuaryguard.spring.Redirects.Hop;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The last check of a {@code RestClient} or {@code RestTemplate} call, after its body was written
 * and before the connection is opened: a call to immigration enforcement or a channel adjacent to
 * it needs a released decision (see {@link OutboundGuard#beforeSend}). It follows the call's
 * redirects, checking each hop the same way before it is sent (see {@link Redirects}), and tells
 * the request factory, in the request's attributes, what it checked (see {@link DestinationCheck}).
 */
final class GuardingInterceptor implements ClientHttpRequestInterceptor {

  private static final byte[] NO_BODY = new byte[0];

  private final OutboundGuard outbound;
  private final Redirects redirects;

  GuardingInterceptor(OutboundGuard outbound, Redirects redirects) {
    this.outbound = outbound;
    this.redirects = redirects;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    BodyDecision decided = request.getAttributes().get(OutboundGuard.BODY_DECISION) instanceof BodyDecision found
        ? found : null;
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
