package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Identifies who asks, from an incoming request. The built-in resolver reads the subject of the
 * client certificate the server verified, an API key header, and the Spring Security authorities
 * of the authenticated user, each mapped to a directory recipient under {@code
 * sanctuary.guard.inbound}: a request that two of them identify as different recipients is refused
 * with 400, and one that any of them takes for an unknown requester is unknown; a bean of this type
 * replaces all three.
 *
 * <pre>{@code
 * @Bean
 * RequesterResolver gatewayHeader(Guard guard) {
 *   RecipientDirectory directory = guard.policy().directory();
 *   return request -> Optional.ofNullable(request.getHeader("X-Gateway-Agency"))
 *       .flatMap(directory::find)
 *       .map(Requester::of);
 * }
 * }</pre>
 *
 * <p>A request that no resolver identifies is from {@code sanctuary.guard.inbound.staff-recipient}
 * if a user is authenticated, else from {@code sanctuary.guard.inbound.default-recipient}.
 * Implementations must be thread-safe and must not log what identifies a client (keys, tokens).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequesterResolver {

  /**
   * Returns who asks, or empty if this resolver cannot tell.
   *
   * @param request the incoming request
   * @return the requester, or empty
   */
  Optional<Requester> resolve(HttpServletRequest request);
}
