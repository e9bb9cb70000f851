package org.sanctuaryguard.spring;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.spring.OutboundGuard.BodyDecision;
import org.sanctuaryguard.spring.Redirects.Hop;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Guards a {@code WebClient} call before its connection is opened: a body given as a value is
 * decided for the destination's recipient (refused unless released, its decision handed to {@link
 * GuardedJsonWriter} through the request's attributes), and a call to immigration enforcement or a
 * channel adjacent to it needs a released decision. A body the filter cannot see before it is sent
 * is decided as it is written, against the destination the filter saw; its refusal reaches the
 * caller as the {@link DisclosureRefusedException} itself. A writer other than the guard's JSON one
 * (an encoder of the application's) is given the guard's redacted copy ({@link ReleasingWriter}),
 * whose body inserter checks the request the connector opened before anything of it is written. It
 * follows the call's redirects, checking each hop the same way before it is sent (see {@link
 * Redirects}).
 */
final class GuardingExchangeFilter implements ExchangeFilterFunction {

  private final OutboundGuard outbound;
  private final Redirects redirects;
  private final ReleasingWriter.Writers writers;

  GuardingExchangeFilter(OutboundGuard outbound, Redirects redirects, SanctuaryGuardModule module) {
    this.outbound = outbound;
    this.redirects = redirects;
    this.writers = new ReleasingWriter.Writers(outbound, module);
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    return Mono.defer(() -> {
      Disclosure disclosure = OutboundGuard.disclosureOf(request.attributes());
      BodyDecision body = request.body() == BodyInserters.empty() ? null
          : BodyProbe.valueOf(request).map(value -> outbound.decideBody(request.url(), value, disclosure)).orElse(null);
      String checked = body != null ? body.recipient() : outbound.beforeSend(request.url(), null, disclosure).id();
      return send(request, checked, body, disclosure, next, 0);
    }).onErrorMap(WebClientRequestException.class,
        error -> error.getCause() instanceof SanctuaryGuardException refused ? refused : error);
  }

  /**
   * Sends a request checked for a recipient, with the destination the filter saw and the decision of
   * its body in its attributes, telling the connector what it was checked for (see {@link
   * DestinationCheck}), then follows its redirect if the response is one to follow.
   */
  private Mono<ClientResponse> send(ClientRequest request, String checked, @Nullable BodyDecision body,
      @Nullable Disclosure disclosure, ExchangeFunction next, int hops) {
    DestinationCheck.Checked destination = new DestinationCheck.Checked(request.url(), checked);
    ClientRequest.Builder building = ClientRequest.from(request).attribute(OutboundGuard.DESTINATION, request.url())
        .attribute(DestinationCheck.CHECKED, destination)
        .attributes(attributes -> attributes.remove(OutboundGuard.BODY_DECISION))
        .body(ReleasingWriter.guarded(request.body(), outbound, writers));
    if (body != null) {
      building.attribute(OutboundGuard.BODY_DECISION, body);
    }
    ClientRequest sent = building.build();
    // the body's parts (a multipart form) are encoded without the request: they find here its destination, its
    // decision and the disclosure it was made in
    Mono<ClientResponse> response = next.exchange(sent).contextWrite(context -> {
      Context checkedFor = context.put(DestinationCheck.CHECKED, destination);
      checkedFor = body == null ? checkedFor : checkedFor.put(OutboundGuard.BODY_DECISION, body);
      return disclosure == null ? checkedFor : checkedFor.put(OutboundGuard.DISCLOSURE, disclosure);
    });
    return response.flatMap(received -> {
      Hop hop = redirects.next(null, sent.url(), sent.method(), received.statusCode().value(),
          received.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION), hops);
      return hop == null ? Mono.just(received) : received.releaseBody().then(Mono.defer(() -> {
        BodyDecision hopBody = hop.sendsBody() ? body : null;
        String hopChecked = outbound.beforeSend(hop.location(), hopBody, disclosure).id();
        ClientRequest.Builder onward = ClientRequest.from(sent).method(hop.method()).url(hop.location())
            .headers(headers -> Redirects.strip(headers, hop));
        if (hop.crossOrigin()) {
          onward.cookies(MultiValueMap::clear); // WebClient writes them as a header of the connection
        }
        if (!hop.sendsBody()) {
          onward.body(BodyInserters.empty());
        }
        return send(onward.build(), hopChecked, hopBody, disclosure, next, hops + 1);
      }));
    });
  }
}
