package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The side doors of a request that carries or names a resident's protected values: what Spring,
 * Tomcat, Jackson and the guard log at their default levels, the error responses, and the metrics.
 * What the guard writes holds no value; what Spring and Tomcat log of the caller's own input at
 * their default levels does, and the README names the logger to turn down, whose level these tests
 * set as it says.
 */
@CityServiceTest
@ExtendWith(OutputCaptureExtension.class)
class LeakRoutesTest {

  /** Spring's resolver of a request that fails to bind, which logs its exception's message at WARN. */
  static final String RESOLVER = "org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver";
  /** Tomcat's parser of requests, which logs a request line or header it cannot parse at INFO. */
  static final String TOMCAT_PARSER = "org.apache.coyote.http11.Http11Processor";

  /** An intake whose date of birth, a protected value, is not a date: Jackson's message quotes it. */
  static final String UNREADABLE = "{\"clientId\":\"C-2001\",\"name\":\"" + Model.NAME + "\",\"status\":\"asylee\","
      + "\"homeAddress\":\"1 Main\",\"born\":\"" + Model.PHONE + "\"}";
  /** An intake whose status and address, protected values, break its constraints: the binding errors hold them. */
  static final String INVALID = "{\"clientId\":\"C-2001\",\"name\":\"" + Model.NAME + "\",\"status\":\"" + Model.STATUS
      + "\",\"homeAddress\":\"" + Model.ADDRESS + "\",\"born\":\"1990-01-01\"}";

  @LocalServerPort
  int port;

  @Test
  void postWhenTheIntakeFailsToParseThenTheAnswerHoldsNoValueAndSpringsWarnDoesUnlessItsResolverIsAtError(
      CapturedOutput output) {
    // Spring's own default, which the README warns of: the caller's input, quoted by Jackson
    assertIntakeRejectedAndWarnQuotes(output, UNREADABLE, RESOLVER.substring(RESOLVER.lastIndexOf('.') + 1),
        Model.PHONE);
  }

  @Test
  void postWhenTheIntakeFailsValidationThenTheAnswerHoldsNoValueAndSpringsWarnDoesUnlessItsResolverIsAtError(
      CapturedOutput output) {
    assertIntakeRejectedAndWarnQuotes(output, INVALID, "rejected value [" + Model.STATUS + "]");
  }

  /**
   * Posts an intake Spring rejects: the 400 holds no value, Spring's WARN quotes what is given, and
   * with Spring's resolver at ERROR nothing is logged.
   */
  private void assertIntakeRejectedAndWarnQuotes(CapturedOutput output, String intake, String... quoted) {
    Http http = new Http(port);

    int from = output.getAll().length();
    HttpResponse<String> response = http.post("/intakes", intake, Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertNoValue(response.body());
    assertThat(output.getAll().substring(from)).contains(quoted);

    assertNothingLoggedWithTheResolverAtError(output, () -> http.post("/intakes", intake, Http.basic("caseworker")));
  }

  @Test
  void getWhenAPathVariableFailsToConvertThenSpringsWarnHoldsItUnlessItsResolverIsAtError(CapturedOutput output) {
    Http http = new Http(port);

    int from = output.getAll().length();
    HttpResponse<String> response = http.get("/intakes/born/" + Model.PHONE, Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(output.getAll().substring(from)).contains("for value [" + Model.PHONE + "]");

    assertNothingLoggedWithTheResolverAtError(output,
        () -> http.get("/intakes/born/" + Model.PHONE, Http.basic("caseworker")));
  }

  @Test
  void requestWhenTomcatCannotParseItsTargetThenNothingIsLoggedWithItsParserAtWarn(CapturedOutput output)
      throws IOException {
    int from = output.getAll().length();

    String answer = atLevel(TOMCAT_PARSER, LogLevel.WARN,
        () -> raw("GET /residents/search?name=" + Model.NAME + "|" + Model.ADDRESS + " HTTP/1.1\r\nHost: city\r\n"
            + "Connection: close\r\n\r\n"));

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertNoValue(answer);
    assertNoValue(output.getAll().substring(from));
  }

  @Test
  void postWhenAnOutboundCallIsRefusedAndLeftToSpringThenNeitherTheAnswerNorTheLogHoldsAValue(CapturedOutput output) {
    int from = output.getAll().length();

    HttpResponse<String> response = new Http(port).post("/intakes/C-1001/forward", "{}", Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertNoValue(response.body());
    // Tomcat logs the exception left to it at ERROR, with its message: the outcome, rules and event only
    assertNoValue(output.getAll().substring(from));
  }

  @Test
  void getWhenTheGuardRefusesThenNeitherTheProblemNorTheLogHoldsAValue(CapturedOutput output) {
    int from = output.getAll().length();

    HttpResponse<String> response = new Http(port).get("/residents/C-1001", Decided.ICE);

    Http.assertRefused(response, "escalate");
    assertNoValue(output.getAll().substring(from));
  }

  @Test
  void getWhenTheBodysWriteFailsMidwayThenNeitherTheAnswerNorTheLogHoldsAValue(CapturedOutput output) {
    int from = output.getAll().length();

    HttpResponse<String> response = new Http(port).get("/intakes/C-1001/broken", Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertNoValue(response.body());
    String logged = output.getAll().substring(from);
    assertThat(logged).contains("guard deny: city-agency");
    assertNoValue(logged);
  }

  @Test
  void metricsWhenRequestsCarriedValuesThenNoTagHoldsOne() {
    Http http = new Http(port);
    http.post("/intakes", INVALID, Http.basic("caseworker"));
    http.get("/intakes/born/" + Model.PHONE, Http.basic("caseworker"));
    http.get("/residents/" + Model.NAME, "Sanctuary-Guard-Purpose", Model.STATUS);
    http.post("/intakes/C-1001/forward", "{}", Http.basic("caseworker"));
    http.get("/residents/C-1001", Decided.ICE);

    for (String meter : new String[] {"http.server.requests", "sanctuary.guard.decisions", "sanctuary.guard.decision"}) {
      HttpResponse<String> tags = http.get("/actuator/metrics/" + meter, Http.basic("caseworker"));
      assertThat(tags.statusCode()).isEqualTo(200);
      assertNoValue(tags.body());
    }
    HttpResponse<String> endpoint = http.get("/actuator/sanctuaryguard", Http.basic("caseworker"));
    assertThat(endpoint.statusCode()).isEqualTo(200);
    assertNoValue(endpoint.body());
  }

  /**
   * Makes the call again with Spring's resolver at ERROR: it is answered 400, and nothing logged
   * meanwhile holds a value.
   */
  static void assertNothingLoggedWithTheResolverAtError(CapturedOutput output, Supplier<HttpResponse<String>> call) {
    int after = output.getAll().length();
    HttpResponse<String> quiet = atLevel(RESOLVER, LogLevel.ERROR, call);

    assertThat(quiet.statusCode()).isEqualTo(400);
    assertNoValue(output.getAll().substring(after));
  }

  static void assertNoValue(String text) {
    assertThat(text).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.PHONE);
  }

  /** Runs the call with the logger at that level, as an application's logging.level.<logger> would set it. */
  static <T> T atLevel(String logger, LogLevel level, Supplier<T> call) {
    LoggingSystem logging = LoggingSystem.get(LeakRoutesTest.class.getClassLoader());
    LoggerConfiguration before = logging.getLoggerConfiguration(logger);
    LogLevel configured = before == null ? null : before.getConfiguredLevel();
    logging.setLogLevel(logger, level);
    try {
      return call.get();
    } finally {
      logging.setLogLevel(logger, configured);
    }
  }

  private String raw(String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
