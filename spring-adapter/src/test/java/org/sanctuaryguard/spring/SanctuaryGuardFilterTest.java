package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the filter answers when it cannot tell who asks, why or on what basis. */
@ExtendWith(OutputCaptureExtension.class)
class SanctuaryGuardFilterTest {

  static final String CANARY = "CANARY-SUBJECT-7F3A";

  private final SanctuaryGuardFilter filter = new SanctuaryGuardFilter(request -> Optional.empty());
  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
  private final MockHttpServletResponse response = new MockHttpServletResponse();
  private final MockFilterChain chain = new MockFilterChain();

  @Test
  void filterWhenAnApplicationsResolverFailsThenBadRequestWithAFixedTextAndNotItsMessage() throws Exception {
    filter.setBasisResolver((r, requester) -> {
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
  void filterWhenAnApplicationsResolverFailsWithAnyExceptionThenTheSameFixedTextAndNothingLogsItsMessage(
      CapturedOutput output) throws Exception {
    filter.setBasisResolver((r, requester) -> {
      throw new IllegalStateException("lookup failed for subject " + CANARY);
    });

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains(SanctuaryGuardFilter.UNRESOLVED)
        .doesNotContain(CANARY);
    assertThat(output).contains("IllegalStateException").doesNotContain(CANARY);
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void initWhenSpringLogsBodiesAtDebugThenWarnsOnceAndNotOtherwise(CapturedOutput output) throws Exception {
    String warning = "Spring's web logging is at DEBUG or TRACE";
    Logger bodies = (Logger) LoggerFactory.getLogger(
        "org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor");
    Level level = bodies.getLevel();

    filter.init(new MockFilterConfig());
    assertThat(output).doesNotContain(warning);
    try {
      bodies.setLevel(Level.DEBUG);
      new SanctuaryGuardFilter(r -> Optional.empty()).init(new MockFilterConfig());
    } finally {
      bodies.setLevel(level);
    }

    assertThat(output).containsOnlyOnce(warning);
  }

  @Test
  void initWhenSpringBootsErrorResponsesShowExceptionsThenWarnsNamingTheSettings(CapturedOutput output)
      throws Exception {
    MockEnvironment quiet = new MockEnvironment().withProperty("spring.web.error.include-message", "never");
    MockEnvironment shown = new MockEnvironment().withProperty("spring.web.error.include-message", "always")
        .withProperty("spring.web.error.include-binding-errors", "on-param")
        .withProperty("spring.web.error.include-exception", "true");

    assertThat(SanctuaryGuardWebAutoConfiguration.errorDetailsShown(quiet)).isEmpty();
    assertThat(SanctuaryGuardWebAutoConfiguration.errorDetailsShown(shown)).containsExactly(
        "spring.web.error.include-message=always", "spring.web.error.include-binding-errors=on-param",
        "spring.web.error.include-exception=true");
    filter.init(new MockFilterConfig());
    assertThat(output).doesNotContain("error responses show");
    SanctuaryGuardFilter showing = new SanctuaryGuardFilter(r -> Optional.empty());
    showing.setErrorDetailsShown(SanctuaryGuardWebAutoConfiguration.errorDetailsShown(shown));
    showing.init(new MockFilterConfig());
    showing.init(new MockFilterConfig()); // a management port of its own starts the filter in a second container
    assertThat(output).containsOnlyOnce("Spring Boot's error responses show what exceptions say"
        + " (spring.web.error.include-message=always");
  }

  @Test
  void errorDetailsShownWhenSetInAnySpellingSpringBindsThenNamesEachSettingThatIsOn() {
    // given: a name, a value and what the warning names, as Spring Boot's binder reads them: booleans
    // and enums in any spelling it takes, through a placeholder, names in relaxed forms
    String exception = "spring.web.error.include-exception=true";
    String[][] on = {{"spring.web.error.include-exception", "yes", exception},
        {"spring.web.error.includeException", "on", exception}, {"spring.web.error.include_exception", "1", exception},
        {"SPRING_WEB_ERROR_INCLUDEEXCEPTION", "TRUE", exception},
        {"spring.web.error.include-exception", "${shown}", exception},
        {"spring.web.error.include-message", "ALWAYS", "spring.web.error.include-message=always"},
        {"spring.web.error.includeStacktrace", "On_Param", "spring.web.error.include-stacktrace=on-param"},
        {"SPRING_WEB_ERROR_INCLUDEBINDINGERRORS", "always", "spring.web.error.include-binding-errors=always"},
        {"spring.web.error.include-message", "${always}", "spring.web.error.include-message=always"},
        {"spring.mvc.problemdetails.enabled", "on", "spring.mvc.problemdetails.enabled=true"}};
    String[][] off = {{"spring.web.error.include-message", "NEVER"}, {"spring.web.error.include-stacktrace", " Never "},
        {"spring.web.error.include-binding-errors", ""}, {"spring.web.error.include-message", "${quiet}"},
        {"spring.web.error.include-exception", "off"}, {"spring.web.error.includeException", "0"},
        {"spring.mvc.problemdetails.enabled", "false"}};

    // when / then
    for (String[] setting : on) {
      assertThat(SanctuaryGuardWebAutoConfiguration.errorDetailsShown(environment(setting[0], setting[1])))
          .as(setting[0] + "=" + setting[1]).containsExactly(setting[2]);
    }
    for (String[] setting : off) {
      assertThat(SanctuaryGuardWebAutoConfiguration.errorDetailsShown(environment(setting[0], setting[1])))
          .as(setting[0] + "=" + setting[1]).isEmpty();
    }
  }

  /** An environment with the one setting, from the system environment if it is named as a variable. */
  private static MockEnvironment environment(String name, String value) {
    MockEnvironment environment = new MockEnvironment().withProperty("shown", "Yes").withProperty("always", "always")
        .withProperty("quiet", "never");
    if (name.equals(name.toUpperCase(Locale.ROOT))) {
      environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
    } else {
      environment.setProperty(name, value);
    }
    return environment;
  }

  @Test
  void initWhenSpringMvcLogsRequestDetailsThenWarnsNamingTheSetting(CapturedOutput output) throws Exception {
    String warning = "spring.mvc.log-request-details=true";
    MockEnvironment logged = new MockEnvironment().withProperty("spring.mvc.log-request-details", "true");

    assertThat(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(new MockEnvironment())).isFalse();
    assertThat(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(
        new MockEnvironment().withProperty("spring.mvc.log-request-details", "false"))).isFalse();
    assertThat(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(logged)).isTrue();
    filter.init(new MockFilterConfig());
    assertThat(output).doesNotContain(warning);
    SanctuaryGuardFilter logging = new SanctuaryGuardFilter(r -> Optional.empty());
    logging.setRequestDetailsLogged(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(logged));
    logging.init(new MockFilterConfig());
    logging.init(new MockFilterConfig()); // a management port of its own starts the filter in a second container
    assertThat(output).containsOnlyOnce(warning).contains("headers");
  }

  @Test
  void requestDetailsLoggedWhenSetToAnyValueSpringBindsAsTrueThenTrue() {
    // given: the spellings Spring Boot's binder reads as true and as false, one through a placeholder
    List<String> on = List.of("true", "TRUE", " True ", "on", "yes", "1", "${details}");
    List<String> off = List.of("false", "FALSE", "off", "no", "0", "");

    // when / then
    for (String value : on) {
      MockEnvironment environment = new MockEnvironment().withProperty("details", "Yes")
          .withProperty("spring.mvc.log-request-details", value);
      assertThat(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(environment)).as(value).isTrue();
    }
    for (String value : off) {
      MockEnvironment environment = new MockEnvironment().withProperty("spring.mvc.log-request-details", value);
      assertThat(SanctuaryGuardWebAutoConfiguration.requestDetailsLogged(environment)).as(value).isFalse();
    }
  }

  @Test
  void filterWhenAResolverNamesAnUnknownDocumentThenBadRequestNamingWhatTheRequestSaid() throws Exception {
    filter.setBasisResolver((r, requester) -> {
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
  void filterWhenTheApplicationLeavesAScopeAndADisclosureOpenThenClosesThemAndSaysSo(CapturedOutput output)
      throws Exception {
    Guard guard = Guard.of(GuardConfig.custom().policy(Policy.of(PolicyPack.builtin("nyc"))).auditSinks(e -> { })
        .build());
    Decision staff = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("identity.name").build());
    Disclosures disclosures = new Disclosures(guard, List.of("identity.name"));
    try (Disclosure own = disclosures.open(call -> call.recipient("nypd").purpose(Purpose.OTHER))) {
      MockFilterChain leaving = new MockFilterChain(new HttpServlet() {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
          DecisionScope.open(staff);
          DecisionScope.open(staff);
          disclosures.open(call -> call.recipient("ice").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT));
        }
      });

      filter.doFilter(request, response, leaving);

      assertThat(DecisionScope.current()).as("no scope outlives the request").isNull();
      assertThat(Disclosures.current()).as("the application's own disclosure, opened before, stays open")
          .containsSame(own);
      assertThat(output).containsOnlyOnce("a DecisionScope opened while handling a request was left open")
          .containsOnlyOnce("a Disclosure opened while handling a request was left open");
    }
    assertThat(Disclosures.current()).isEmpty();

    filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    assertThat(output).as("a request that leaves nothing open").containsOnlyOnce("a DecisionScope opened while")
        .containsOnlyOnce("a Disclosure opened while");
  }

  @Test
  void filterWhenEverythingResolvesThenTheRequestGoesOnIdentified() throws Exception {
    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(chain.getRequest()).isNotNull();
    assertThat(request.getAttribute(InboundRequest.ATTRIBUTE)).isInstanceOf(InboundRequest.class);
  }
}
