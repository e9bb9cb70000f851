package org.sanctuaryguard.spring;

import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * Guards a {@code WebClient} call before its connection is opened: a body given as a value is
 * decided for the destination's recipient (refused unless released, its decision handed to {@link
 * GuardedJsonWriter} through the request's attributes), and a call to immigration enforcement or a
 * channel adjacent to it needs a released decision. A body the filter cannot see before it is sent
 * is decided as it is written, against the destination the filter saw; its refusal reaches the
 * caller as the {@link DisclosureRefusedException} itself.
 */
final class GuardingExchangeFilter implements ExchangeFilterFunction {

  private final OutboundGuard outbound;

  GuardingExchangeFilter(OutboundGuard outbound) {
    this.outbound = outbound;
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    return Mono.defer(() -> {
      Disclosure disclosure = OutboundGuard.disclosureOf(request.attributes());
      BodyDecision body = request.body() == BodyInserters.empty() ? null
          : BodyProbe.valueOf(request).map(value -> outbound.decideBody(request.url(), value, disclosure)).orElse(null);
      if (body == null) {
        outbound.beforeSend(request.url(), null, disclosure);
      }
      ClientRequest.Builder guarded = ClientRequest.from(request).attribute(OutboundGuard.DESTINATION, request.url());
      if (body != null) {
        guarded.attribute(OutboundGuard.BODY_DECISION, body);
      }
      // the body's parts (a multipart form) are encoded without the request: they find its decision here
      return body == null ? next.exchange(guarded.build())
          : next.exchange(guarded.build()).contextWrite(context -> context.put(OutboundGuard.BODY_DECISION, body));
    }).onErrorMap(WebClientRequestException.class,
        error -> error.getCause() instanceof DisclosureRefusedException refused ? refused : error);
  }
}
