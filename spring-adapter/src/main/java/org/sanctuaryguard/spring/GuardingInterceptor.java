package org.sanctuaryguard.spring;

import java.io.IOException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The last check of a {@code RestClient} or {@code RestTemplate} call, after its body was written
 * and before the connection is opened: a call to immigration enforcement or a channel adjacent to
 * it needs a released decision (see {@link OutboundGuard#beforeSend}).
 */
final class GuardingInterceptor implements ClientHttpRequestInterceptor {

  private final OutboundGuard outbound;

  GuardingInterceptor(OutboundGuard outbound) {
    this.outbound = outbound;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    BodyDecision decided = request.getAttributes().get(OutboundGuard.BODY_DECISION) instanceof BodyDecision found
        ? found : null;
    outbound.beforeSend(request.getURI(), decided, Disclosures.current().orElse(null));
    return execution.execute(request, body);
  }
}
