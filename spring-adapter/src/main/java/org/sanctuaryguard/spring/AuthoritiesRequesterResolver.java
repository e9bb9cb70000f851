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
 * the actor. Loaded only when Spring Security is present.
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
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      Recipient recipient = authority.getAuthority() == null ? null : byAuthority.get(authority.getAuthority());
      if (recipient != null) {
        return Optional.of(new Requester(recipient, authentication.getName()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "AuthoritiesRequesterResolver" + byAuthority.keySet();
  }
}
