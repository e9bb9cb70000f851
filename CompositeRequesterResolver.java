package org.sanctuaryguard.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.spring.Requester;
import org.sanctuaryguard.spring.RequesterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in requester resolvers together, in order: API key, client certificate, Spring Security.
 * The first that identifies the request names the requester, unless another identifies a different
 * recipient: a request that claims two identities is from an unknown recipient, the strictest.
 */
final class CompositeRequesterResolver implements RequesterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(CompositeRequesterResolver.class);

  private final List<RequesterResolver> resolvers;

  CompositeRequesterResolver(List<RequesterResolver> resolvers) {
    this.resolvers = List.copyOf(resolvers);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    Requester first = null;
    for (RequesterResolver resolver : resolvers) {
      Optional<Requester> found = resolver.resolve(request);
      if (found.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = found.get();
      } else if (!first.recipient().id().equals(found.get().recipient().id())) {
        LOG.warn("a request identifies as both {} and {}; it is taken as from an unknown recipient",
            first.recipient().id(), found.get().recipient().id());
        return Optional.of(Requester.of(Recipient.unknown("a request claiming several identities")));
      }
    }
    return Optional.ofNullable(first);
  }

  @Override
  public String toString() {
    return "CompositeRequesterResolver" + resolvers;
  }
}
