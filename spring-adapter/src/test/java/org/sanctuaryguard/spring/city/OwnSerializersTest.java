package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Responses whose record a serializer or converter of the application's own writes, or the
 * serializer of an interface it implements ({@link OwnSerializers}), over the real server: the
 * guard cannot see into what it writes, so the response is refused with 500 and no value to everyone the decision lets have some of it, and ICE, as ever,
 * with the 403 problem.
 */
@CityServiceTest
class OwnSerializersTest {

  @LocalServerPort
  int port;

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
  void getWhenAPropertyDeclaredAsAnyObjectHoldsAPlainValueThenItsSerializerWritesIt() {
    HttpResponse<String> police = new Http(port).get("/own-serializers/C-1001/office-note", Http.basic("detective"));

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).isEqualTo("{\"status\":\"found\",\"data\":\"at the Canal St office\"}");
  }
}
