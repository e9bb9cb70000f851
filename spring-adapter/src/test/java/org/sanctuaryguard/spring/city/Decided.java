package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;

/** What each requester gets of a resident's record: the assertions the tests of responses share. */
final class Decided {

  /** The header of ICE ERO's API key. */
  static final String[] ICE = {"X-API-Key", CityServiceTest.ICE_KEY};

  private Decided() {}

  /**
   * The caseworker gets the whole record, the police all but its status, ICE the 403 problem: each
   * recorded, in that order, among events cleared before.
   */
  static void assertDecidedForEachRequester(Http http, String path, RecordedEvents events) {
    HttpResponse<String> staff = http.get(path, Http.basic("caseworker"));
    HttpResponse<String> police = http.get(path, Http.basic("detective"));
    HttpResponse<String> ice = http.get(path, ICE);

    assertThat(staff.body()).contains(Model.NAME, Model.STATUS, Model.ADDRESS);
    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertRefused(ice, "escalate", events);
    assertThat(events.all()).extracting(event -> event.fields().get("sanctuary.outcome"))
        .containsExactly("allow", "allow-redacted", "escalate");
  }

  /** The guard's 403 problem of a refusal with that outcome, recorded as the last event, and no protected value. */
  static void assertRefused(HttpResponse<String> response, String outcome, RecordedEvents events) {
    assertThat(Http.assertRefused(response, outcome).get("auditEventId").asString()).isEqualTo(events.last().id());
  }
}
