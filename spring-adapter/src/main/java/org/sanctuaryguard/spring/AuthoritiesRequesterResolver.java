package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.sanctuaryguard.Recipient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Identifies an agency by a Spring Security authority of the authenticated user; the user's name is
 * the actor. A user whose authorities identify more than one recipient (a detective on a federal
 * task force holding both roles, say) is refused as ambiguous, rather than decided as whichever
 * authority comes first. Loaded only when Spring Security is present.
 */
final class AuthoritiesRequesterResolver implements RequesterResolver {

  private final Map<String, Recipient> byAuthority;

  AuthoritiesRequesterResolver(Map<String, Recipient> byAuthority) {
    this.byAuthority = Map.copyOf(byAuthority);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    Recipient found = null;
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      Recipient recipient = authority.getAuthority() == null ? null : byAuthority.get(authority.getAuthority());
      if (recipient != null && found != null && !recipient.id().equals(found.id())) {
        throw new AmbiguousRequestException("the user holds authorities that identify more than one recipient ("
            + found.id() + ", " + recipient.id() + "), so the guard cannot tell which of them asks; map the user's"
            + " authorities to one recipient (sanctuary.guard.inbound.authorities.recipients)");
      }
      found = recipient != null ? recipient : found;
    }
    return Optional.ofNullable(found).map(recipient -> new Requester(recipient, authentication.getName()));
  }

  @Override
  public String toString() {
    return "AuthoritiesRequesterResolver" + byAuthority.keySet();
  }
}
