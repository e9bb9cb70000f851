package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/** The requester the first of several resolvers identifies. */
final class FirstRequesterResolver implements RequesterResolver {

  private final List<RequesterResolver> resolvers;

  FirstRequesterResolver(List<RequesterResolver> resolvers) {
    this.resolvers = List.copyOf(resolvers);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    for (RequesterResolver resolver : resolvers) {
      Optional<Requester> requester = resolver.resolve(request);
      if (requester.isPresent()) {
        return requester;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "FirstRequesterResolver" + resolvers;
  }
}
