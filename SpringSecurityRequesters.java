package org.sanctuaryguard.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.spring.Requester;
import org.sanctuaryguard.spring.RequesterResolver;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Identifies requesters by their Spring Security authentication: an authority with the configured
 * prefix names an agency ({@code ROLE_AGENCY_ICE_ERO} is {@code ice-ero}); an authenticated user
 * with no such authority is the city's staff. An authority that names no directory entry, or two
 * that name different agencies, identify an unknown recipient. The actor is the principal's name.
 */
final class SpringSecurityRequesters implements RequesterResolver {

  private final String prefix;
  private final RecipientDirectory directory;
  private final Recipient staff;

  SpringSecurityRequesters(String prefix, RecipientDirectory directory, Recipient staff) {
    this.prefix = prefix;
    this.directory = directory;
    this.staff = staff;
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    Set<String> agencies = new LinkedHashSet<>();
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      String authority = granted.getAuthority();
      if (authority != null && authority.startsWith(prefix) && authority.length() > prefix.length()) {
        agencies.add(authority.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    Recipient recipient;
    if (agencies.isEmpty()) {
      recipient = staff;
    } else if (agencies.size() == 1) {
      String id = agencies.iterator().next();
      recipient = directory.find(id).orElseGet(() -> Recipient.unknown("an authority naming no known agency"));
    } else {
      recipient = Recipient.unknown("authorities naming several agencies");
    }
    return Optional.of(new Requester(recipient, authentication.getName()));
  }

  @Override
  public String toString() {
    return "SpringSecurityRequesters[" + prefix + "]";
  }
}
