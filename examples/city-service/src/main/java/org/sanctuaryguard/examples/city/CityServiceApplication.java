package org.sanctuaryguard.examples.city;

import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The service of a fictional city's Department of Shelter Services: residents' records in an
 * embedded database, guarded by the Sanctuary Guard adapter with the New York City, New York State
 * and federal packs. Staff log in (HTTP Basic); partner agencies present API keys, which only the
 * guard reads: whatever a partner asks, the guard decides what it gets.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CityServiceApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot's arguments, for example {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(CityServiceApplication.class, args);
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            // the records: the guard decides for every requester, a partner's API key or a staff login
            .requestMatchers(HttpMethod.GET, "/residents", "/residents/**").permitAll()
            .requestMatchers("/actuator/health").permitAll()
            .requestMatchers("/documents", "/documents/**").hasRole("COUNSEL")
            .anyRequest().hasRole("STAFF"))
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  InMemoryUserDetailsManager staff(CityProperties properties) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    properties.staff().forEach((name, login) -> users.createUser(User.withUsername(name)
        .password(login.password())
        .roles(login.roles().toArray(String[]::new))
        .build()));
    return users;
  }

  @Bean(destroyMethod = "close")
  SaveService saveService(CityProperties properties) throws IOException {
    return new SaveService(properties.save().port());
  }
}
