package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * The requester that the built-in resolvers (client certificate, API key, authorities) agree on.
 * Each is asked, not only the first to answer: a request whose credentials identify two recipients
 * (a police certificate on a gateway that also forwards ICE's API key) is refused as ambiguous,
 * rather than decided for whichever the guard tried first, which would give one agency another's
 * view of a record. A resolver that takes the request for an unknown requester (a certificate with
 * an agency's subject from another issuer) decides it whatever the others say: unknown is treated
 * at least as strictly as any recipient.
 */
final class ConsistentRequesterResolver implements RequesterResolver {

  private final List<RequesterResolver> resolvers;

  ConsistentRequesterResolver(List<RequesterResolver> resolvers) {
    this.resolvers = List.copyOf(resolvers);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    Requester found = null;
    for (RequesterResolver resolver : resolvers) {
      Requester requester = resolver.resolve(request).orElse(null);
      if (requester == null || found != null && found.recipient().isUnknown()) {
        continue; // an unknown requester, once found, decides
      }
      if (found == null || requester.recipient().isUnknown()) {
        found = requester;
      } else if (!requester.recipient().id().equals(found.recipient().id())) {
        throw new AmbiguousRequestException("the request carries credentials that identify more than one recipient ("
            + found.recipient().id() + ", " + requester.recipient().id() + "), so the guard cannot tell which of them"
            + " asks; send the credentials of one");
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String toString() {
    return "ConsistentRequesterResolver" + resolvers;
  }
}
