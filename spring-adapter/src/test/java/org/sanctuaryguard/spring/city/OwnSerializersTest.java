package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Responses whose record a serializer or converter of the application's own writes, or the
 * serializer of an interface it implements ({@link OwnSerializers}), over the real server: the
 * guard cannot see into what it writes, so the response is refused with 500 and no value to everyone the decision lets have some of it, and ICE, as ever,
 * with the 403 problem. The guard decided, and recorded, the response before Jackson met what it
 * refuses: it then withdraws that decision with a denial that replaces it, since nothing was sent.
 */
@CityServiceTest
class OwnSerializersTest {

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  /**
   * Asserts that the events are a decision with that outcome and the guard's denial that withdraws
   * it: no release of the refused body remains in the guard log.
   */
  private static void assertWithdrawn(List<GuardEvent> events, String outcome) {
    assertThat(events).hasSize(2);
    GuardEvent decided = events.get(0);
    GuardEvent withdrawn = events.get(1);
    assertThat(decided.fields()).containsEntry("sanctuary.outcome", outcome);
    assertThat(withdrawn.fields()).containsEntry("sanctuary.outcome", "deny")
        .containsEntry("sanctuary.failure", "release")
        .containsEntry("sanctuary.supersedes", decided.id())
        .containsEntry("sanctuary.rules", List.of("guard.release-failed"))
        .containsEntry("sanctuary.released", List.of())
        .containsEntry("sanctuary.recipient.id", decided.fields().get("sanctuary.recipient.id"))
        .containsEntry("sanctuary.subjects", decided.fields().get("sanctuary.subjects"));
    assertThat(withdrawn.fields().toString()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.SUBJECT);
  }

  @Test
  void getWhenARecordIsWrittenBySerializersOrConvertersOfTheApplicationsOwnThenRefusedToEveryoneWithoutAValue() {
    Http http = new Http(port);

    for (String shape : new String[] {"card", "roster", "docket", "note", "folder"}) {
      for (String requester : new String[] {"caseworker", "detective"}) {
        HttpResponse<String> response = http.get("/own-serializers/C-1001/" + shape, Http.basic(requester));

        assertThat(response.statusCode()).as(shape + " for " + requester).isEqualTo(500);
        assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      }
      HttpResponse<String> ice = http.get("/own-serializers/C-1001/" + shape, Decided.ICE);
      assertThat(ice.statusCode()).as(shape + " for ICE").isEqualTo(403);
      assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }

  @Test
  void getWhenAClassThatHoldsARecordIsWrittenByASerializerOfItsOwnThenWrittenOnlyWhenAllItHoldsIsReleased() {
    Http http = new Http(port);

    for (String shape : new String[] {"case-file", "tag"}) {
      HttpResponse<String> staff = http.get("/own-serializers/C-1001/" + shape, Http.basic("caseworker"));
      HttpResponse<String> police = http.get("/own-serializers/C-1001/" + shape, Http.basic("detective"));
      HttpResponse<String> ice = http.get("/own-serializers/C-1001/" + shape, Decided.ICE);

      assertThat(staff.statusCode()).as(shape + " for staff").isEqualTo(200);
      assertThat(staff.body()).contains(Model.NAME + " (" + Model.STATUS + ")");
      assertThat(police.statusCode()).as(shape + " for the police").isEqualTo(200);
      assertThat(police.body()).as("the status is withheld from the police, so nothing of the record is written")
          .isEqualTo("null");
      assertThat(ice.statusCode()).as(shape + " for ICE").isEqualTo(403);
      assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }

  @Test
  void getWhenAClassThatHoldsARecordNamesASerializerOnTheClassThenRefusedToEveryoneWithoutAValue() {
    Http http = new Http(port);

    for (String requester : new String[] {"caseworker", "detective"}) {
      HttpResponse<String> response = http.get("/own-serializers/C-1001/dossier", Http.basic(requester));

      assertThat(response.statusCode()).as(requester).isEqualTo(500);
      assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
    assertThat(http.get("/own-serializers/C-1001/dossier", Decided.ICE).statusCode()).isEqualTo(403);
  }

  @Test
  void getWhenTheResponseIsRefusedAfterItWasDecidedThenTheGuardWithdrawsTheDecision() {
    Http http = new Http(port);

    for (String path : new String[] {"/own-serializers/C-1001/dossier", "/own-serializers/C-1001/card",
        "/functional/own-serializers/C-1001/dossier", "/answered/own-serializers/C-1001/dossier"}) {
      events.clear();
      HttpResponse<String> staff = http.get(path, Http.basic("caseworker"));
      assertThat(staff.statusCode()).as(path).isEqualTo(500);
      assertThat(staff.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      assertWithdrawn(events.all(), "allow");

      events.clear();
      HttpResponse<String> police = http.get(path, Http.basic("detective"));
      assertThat(police.statusCode()).as(path).isEqualTo(500);
      assertWithdrawn(events.all(), "allow-redacted");
    }
  }

  @Test
  void getWhenTheResponseIsRefusedToIceThenOnlyTheRefusalIsRecorded() {
    events.clear();

    HttpResponse<String> ice = new Http(port).get("/own-serializers/C-1001/dossier", Decided.ICE);

    Decided.assertRefused(ice, "escalate", events);
    assertThat(events.all()).singleElement().satisfies(event -> assertThat(event.supersedes()).isEmpty());
  }

  @Test
  void getWhenTheResponseWasCommittedBeforeTheRefusalThenTheDecisionStands() {
    events.clear();

    try {
      HttpResponse<String> staff = new Http(port).get("/own-serializers/C-1001/records-then-dossier",
          Http.basic("caseworker"));
      assertThat(staff.body()).doesNotContain("summary");
    } catch (UncheckedIOException cutShort) {
      // the server aborts a response that fails once committed
    }

    assertThat(events.all()).as("records of the response were sent: the release stands")
        .singleElement().satisfies(event -> assertThat(event.fields()).containsEntry("sanctuary.outcome", "allow"));
  }

  @Test
  void getWhenAPropertyDeclaredAsAnyObjectHoldsAPlainValueThenItsSerializerWritesIt() {
    HttpResponse<String> police = new Http(port).get("/own-serializers/C-1001/office-note", Http.basic("detective"));

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).isEqualTo("{\"status\":\"found\",\"data\":\"at the Canal St office\"}");
  }
}
