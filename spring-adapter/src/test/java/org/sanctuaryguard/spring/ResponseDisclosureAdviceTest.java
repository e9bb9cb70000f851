package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SubjectId;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The decision of a response body on its own, for the converter that writes it: Jackson's writes
 * under the decision, any other gets the guard's redacted copy.
 */
class ResponseDisclosureAdviceTest {

  static final String STATUS = "CANARY-STATUS-91C2";

  record Resident(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {}

  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
      .auditSinks(event -> { })
      .build());
  private final ResponseDisclosureAdvice advice = new ResponseDisclosureAdvice(new Decisions(guard, null));
  private final DecisionScope scope = DecisionScope.openUndecided();
  private final Resident resident = new Resident("C-1", "Ana", STATUS);

  @AfterEach
  void tearDown() {
    scope.close();
  }

  private Object write(Class<? extends HttpMessageConverter<?>> converter) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute(InboundRequest.ATTRIBUTE, new InboundRequest(
        Requester.of(guard.policy().directory().get("nypd")), Purpose.OTHER, LegalBasis.none()));
    return advice.beforeBodyWrite(resident, null, MediaType.APPLICATION_JSON, converter,
        new ServletServerHttpRequest(request), new ServletServerHttpResponse(new MockHttpServletResponse()));
  }

  @Test
  void beforeBodyWriteWhenTheAdaptersJsonConverterWritesThenTheBodyIsKeptAndTheScopeDecided() {
    Object body = write(GuardedJsonConverter.class);

    assertThat(body).isSameAs(resident);
    assertThat(scope.decision()).isNotNull();
    assertThat(scope.decision().outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
  }

  @Test
  void beforeBodyWriteWhenAnotherConverterWritesThenTheGuardsRedactedCopyIsWritten() {
    for (Class<? extends HttpMessageConverter<?>> converter : List.of(StringHttpMessageConverter.class,
        JacksonJsonHttpMessageConverter.class)) {
      Object body = write(converter);

      assertThat(body).as(converter.getSimpleName()).isInstanceOf(Resident.class).isNotSameAs(resident);
      assertThat(((Resident) body).status()).isNull();
      assertThat(((Resident) body).name()).isEqualTo("Ana");
    }
  }
}
