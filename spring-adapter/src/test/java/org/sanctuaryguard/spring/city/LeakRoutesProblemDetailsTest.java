package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuaryguard.spring.city.LeakRoutesTest.assertNoValue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The same failures of the caller's input with {@code spring.mvc.problemdetails.enabled}: Spring
 * Boot's handler answers them with problems and logs nothing; a problem holds no value of a body,
 * but the one of a path variable that fails to convert repeats its value to the caller. A problem
 * whose properties hold a record is decided like any body; one whose detail the application built
 * from a record (a {@code ResponseStatusException}'s reason) is sent as built.
 */
@CityServiceTest
@TestPropertySource(properties = "spring.mvc.problemdetails.enabled=true")
@ExtendWith(OutputCaptureExtension.class)
class LeakRoutesProblemDetailsTest {

  @LocalServerPort
  int port;

  @Test
  void postWhenTheIntakeFailsToParseOrValidateThenNeitherTheProblemNorTheLogHoldsAValue(CapturedOutput output) {
    Http http = new Http(port);
    int from = output.getAll().length();

    HttpResponse<String> unreadable = http.post("/intakes", LeakRoutesTest.UNREADABLE, Http.basic("caseworker"));
    HttpResponse<String> invalid = http.post("/intakes", LeakRoutesTest.INVALID, Http.basic("caseworker"));

    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(unreadable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertNoValue(unreadable.body());
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertNoValue(invalid.body());
    assertNoValue(output.getAll().substring(from));
  }

  @Test
  void getWhenAPathVariableFailsToConvertThenTheProblemRepeatsItToTheCallerAndNothingIsLogged(CapturedOutput output) {
    int from = output.getAll().length();

    HttpResponse<String> response = new Http(port).get("/intakes/born/" + Model.PHONE, Http.basic("caseworker"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asString()).contains(Model.PHONE);
    assertNoValue(output.getAll().substring(from));
  }

  @Test
  void getWhenAnErrorResponsesProblemHoldsTheRecordThenItIsDecidedForEachRequester() {
    Http http = new Http(port);

    HttpResponse<String> staff = http.get("/response-leaks/C-1001/error-response", Http.basic("caseworker"));
    HttpResponse<String> police = http.get("/response-leaks/C-1001/error-response", Http.basic("detective"));
    HttpResponse<String> ice = http.get("/response-leaks/C-1001/error-response", Decided.ICE);

    assertThat(staff.statusCode()).isEqualTo(409);
    assertThat(staff.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(police.statusCode()).isEqualTo(409);
    assertThat(police.body()).contains(Model.NAME).doesNotContain(Model.STATUS);
    Http.assertRefused(ice, "escalate");
  }

  @Test
  void getWhenAResponseStatusExceptionsReasonHoldsTheRecordThenTheProblemRepeatsItEvenToImmigrationEnforcement() {
    // a documented limit: the reason is the application's own text, which Spring MVC writes as the problem's detail
    // whatever spring.web.error.include-message says
    HttpResponse<String> ice = new Http(port).get("/response-leaks/C-1001/reason", Decided.ICE);

    assertThat(ice.statusCode()).isEqualTo(409);
    assertThat(Http.json(ice).get("detail").asString()).contains(Model.STATUS);
  }
}
