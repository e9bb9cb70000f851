package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.spring.SanctuaryGuardEndpoint.GuardDescriptor;
import org.sanctuaryguard.spring.city.ActuatorEndpoints.CaseFiles;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The city's own Actuator endpoints ({@link ActuatorEndpoints}), over the real server that serves
 * them: each response is decided for who asks, like any other, whatever Actuator writes it with.
 * Run on the application's own port and on a management port of its own.
 */
abstract class ActuatorEndpointsTest {

  @Autowired
  RecordedEvents events;

  @Autowired
  CaseFiles caseFiles;

  @Autowired
  Guard guard;

  private Http http;

  /** The port Actuator's endpoints are served on. */
  abstract int actuatorPort();

  @BeforeEach
  void setUp() {
    http = new Http(actuatorPort());
    events.clear();
  }

  @Test
  void readWhenAnOperationReturnsARecordOrAListThenEachRequesterGetsWhatTheirDecisionReleases() {
    Decided.assertDecidedForEachRequester(http, "/actuator/recentcases/C-1001", events);
    events.clear();
    Decided.assertDecidedForEachRequester(http, "/actuator/recentcases", events);
  }

  @Test
  void readWhenPoliceAskThenTheyAreIdentifiedAndTheirDecisionRecorded() {
    http.get("/actuator/recentcases/C-1001", Http.basic("detective"));

    assertThat(events.last().fields()).containsEntry("sanctuary.recipient.id", "nypd")
        .containsEntry("sanctuary.outcome", "allow-redacted").containsEntry("user.id", "detective");
  }

  @Test
  void readWhenActuatorWritesTheBodyWithItsOwnMapperThenTheDecisionStillHolds() {
    Decided.assertDecidedForEachRequester(http, "/actuator/casesummary", events);
    events.clear();
    Decided.assertDecidedForEachRequester(http, "/actuator/casesummary/C-1001", events);
  }

  @Test
  void getWhenAControllerEndpointReturnsARecordThenItIsDecided() {
    Decided.assertDecidedForEachRequester(http, "/actuator/casefiles/C-1001", events);
  }

  @Test
  void getWhenImmigrationEnforcementAsksAControllerEndpointThenTheSameRefusalWhetherOrNotTheRecordExists() {
    int lookups = caseFiles.lookups.get();

    HttpResponse<String> found = http.get("/actuator/casefiles/C-1001", Decided.ICE);
    HttpResponse<String> notFound = http.get("/actuator/casefiles/C-9999", Decided.ICE);

    Decided.assertRefused(notFound, "escalate", events);
    assertThat(found.statusCode()).isEqualTo(403);
    assertThat(Http.json(notFound).get("reasons")).isEqualTo(Http.json(found).get("reasons"));
    assertThat(caseFiles.lookups.get()).as("nobody was looked up").isEqualTo(lookups);
  }

  @Test
  void getWhenAControllerEndpointRendersAViewThenItsModelIsDecided() {
    Decided.assertDecidedForEachRequester(http, "/actuator/casepages/C-1001", events);
  }

  @Test
  void readWhenAnOperationFailsIntoAResolverThatShowsTheRecordThenItsViewIsDecided() {
    Decided.assertDecidedForEachRequester(http, "/actuator/transfers/C-1001", events);
  }

  @Test
  void readWhenImmigrationEnforcementReadsTheGuardsEndpointThenItHoldsNothingProtectedAndNeedsNoDecision() {
    HttpResponse<String> response = http.get("/actuator/sanctuaryguard", Decided.ICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("holder").asString()).isEqualTo("social-services");
    assertThat(response.body()).doesNotContain("CANARY", Model.SUBJECT);
    assertThat(events.all()).isEmpty();
    assertThat(guard.mayHoldProtected(GuardDescriptor.class)).isFalse();
    assertThat(guard.declaredCategories(GuardDescriptor.class)).isEmpty();
  }
}
