package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A user whom Spring Security holds but has not authenticated (a filter of the application's that
 * puts a token it has not verified in the security context, here one with the authority of an
 * HSI-led task force) is not the city's staff: the authorities of such a user identify no agency,
 * and the request's principal, by which the guard falls back to the staff recipient (which would
 * release the whole record), is none, since Spring Security's request wrapper shows only an
 * authenticated user.
 */
@CityServiceTest
@Import(UnauthenticatedUserTest.UnverifiedToken.class)
class UnauthenticatedUserTest {

  @LocalServerPort
  int port;

  @Autowired
  CityService.RecordedEvents events;

  @Test
  void getWhenTheSecurityContextHoldsAnUnauthenticatedUserThenUnknownAndRefused() {
    HttpResponse<String> response = new Http(port).get("/residents/C-1001", "X-Unverified-User", "officer");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"outcome\":\"deny\"").doesNotContain(Model.NAME, Model.ADDRESS,
        Model.STATUS);
    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "unknown");
  }

  @Configuration(proxyBeanMethods = false)
  static class UnverifiedToken {

    /** Between Spring Security's filter chain (-100) and the guard's (-90). */
    @Bean
    FilterRegistrationBean<Filter> unverifiedToken() {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
        String user = ((HttpServletRequest) request).getHeader("X-Unverified-User");
        if (user != null) {
          TestingAuthenticationToken token = new TestingAuthenticationToken(user, null, "ROLE_TASK_FORCE");
          token.setAuthenticated(false);
          SecurityContextHolder.getContext().setAuthentication(token);
        }
        chain.doFilter(request, response);
      });
      registration.setOrder(-95);
      return registration;
    }
  }
}
