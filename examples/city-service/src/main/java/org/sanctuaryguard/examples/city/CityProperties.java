package org.sanctuaryguard.examples.city;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings, under {@code city}; the guard's are under {@code sanctuary.guard}.
 *
 * @param staff the agency's staff logins, by user name
 * @param save the SAVE-like verification service this example runs on loopback
 * @param referrals where staff can forward a resident's record, by name
 * @since 0.1.0
 */
@ConfigurationProperties("city")
public record CityProperties(Map<String, StaffLogin> staff, @DefaultValue Save save, Map<String, URI> referrals) {

  /**
   * A staff member's login.
   *
   * @param password the password, in Spring Security's {@code {id}encoded} form
   * @param roles {@code STAFF}; {@code COUNSEL} too for agency counsel, who register documents
   * @since 0.1.0
   */
  public record StaffLogin(String password, List<String> roles) {}

  /**
   * The SAVE-like service.
   *
   * @param port the port it listens on, on 127.0.0.1 only; 0 for any free one
   * @since 0.1.0
   */
  public record Save(@DefaultValue("0") int port) {}
}
