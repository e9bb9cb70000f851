package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the filter answers when it cannot tell who asks, why or on what basis. */
class SanctuaryGuardFilterTest {

  static final String CANARY = "CANARY-SUBJECT-7F3A";

  private final SanctuaryGuardFilter filter = new SanctuaryGuardFilter(request -> Optional.empty());
  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
  private final MockHttpServletResponse response = new MockHttpServletResponse();
  private final MockFilterChain chain = new MockFilterChain();

  @Test
  void filterWhenAnApplicationsResolverFailsThenBadRequestWithAFixedTextAndNotItsMessage() throws Exception {
    filter.setBasisResolver(r -> {
      throw new SanctuaryGuardException("no warrant on file for subject " + CANARY);
    });

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains(SanctuaryGuardFilter.UNRESOLVED)
        .doesNotContain(CANARY);
    assertThat(chain.getRequest()).as("the request went no further").isNull();
  }

  @Test
  void filterWhenAResolverNamesAnUnknownDocumentThenBadRequestNamingWhatTheRequestSaid() throws Exception {
    filter.setBasisResolver(r -> {
      throw new UnknownIdentifierException("basis document", "26-CR-9999", java.util.Set.of());
    });

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("unknown basis document '26-CR-9999'");
  }

  @Test
  void filterWhenThePurposeIsLongerThanAnyThenBadRequestEchoingOnlyItsStart() throws Exception {
    request.addHeader("Sanctuary-Guard-Purpose", "x".repeat(60) + CANARY);

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("unknown purpose 'xxxx")
        .doesNotContain(CANARY);
  }

  @Test
  void filterWhenEverythingResolvesThenTheRequestGoesOnIdentified() throws Exception {
    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(chain.getRequest()).isNotNull();
    assertThat(request.getAttribute(InboundRequest.ATTRIBUTE)).isInstanceOf(InboundRequest.class);
  }
}
