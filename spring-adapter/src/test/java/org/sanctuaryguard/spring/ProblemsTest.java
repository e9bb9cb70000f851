package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The headers a problem of the inbound guard carries: those the response had as the filter passed it on. */
class ProblemsTest {

  private static final String NAME = "Maria Lopez";

  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void undecidedNowWhenTheFilterKeptHeadersThenTheProblemCarriesThoseAndNoneTheApplicationSet() throws Exception {
    // given: a header of Spring Security's before the filter, one of the handler's from the record after it
    response.addHeader("X-Content-Type-Options", "nosniff");
    response.addHeader("Vary", "Origin");
    response.addHeader("Vary", "Accept");
    Problems.keepHeaders(request, response);
    response.setHeader("X-Name", NAME);
    response.addHeader("Vary", "X-Name");
    response.getWriter().write(NAME);

    // when
    Problems.undecidedNow(request, response);

    // then
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderNames()).containsExactlyInAnyOrder("X-Content-Type-Options", "Vary",
        "Content-Type", "Content-Length");
    assertThat(response.getHeaders("Vary")).containsExactly("Origin", "Accept");
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(NAME);
  }

  @Test
  void undecidedNowWhenTheResponseHadNoHeadersThenTheProblemCarriesNoneTheApplicationSetAndNothingWasKept()
      throws Exception {
    // given
    Problems.keepHeaders(request, response);
    response.setHeader("X-Name", NAME);

    // when
    Problems.undecidedNow(request, response);

    // then
    assertThat(Collections.list(request.getAttributeNames())).as("nothing to keep, nothing kept").isEmpty();
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderNames()).containsExactlyInAnyOrder("Content-Type", "Content-Length");
  }

  @Test
  void undecidedNowWhenTheResponseNamedAKeptHeaderInTwoCasesThenTheProblemCarriesItsValuesOnce() throws Exception {
    // given: Tomcat lists a header's name once for each value, as it was set, and finds its values in any case
    response.addHeader("Vary", "Origin");
    response.addHeader("vary", "Accept");
    HttpServletResponse tomcatLike = new HttpServletResponseWrapper(response) {
      @Override
      public Collection<String> getHeaderNames() {
        return List.of("Vary", "vary");
      }
    };
    Problems.keepHeaders(request, tomcatLike);

    // when
    Problems.undecidedNow(request, tomcatLike);

    // then
    assertThat(response.getHeaders("Vary")).containsExactly("Origin", "Accept");
  }
}
