package org.sanctuaryguard.spring.city;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The city's intake: caseworkers post a new resident's record, which the service reads and
 * validates; the service looks residents up by date of birth, and forwards a record to a partner.
 */
@RestController
class Intakes {

  /** A new resident's record as a caseworker posts it. */
  record Intake(
      @SubjectId String clientId,
      @Protected("identity.name") @Size(max = 40) String name,
      @Protected("immigration.status") @Pattern(regexp = "[a-z-]+") String status,
      @Protected("location.home-address") @Size(max = 10) String homeAddress,
      @Protected("identity.date-of-birth") LocalDate born) {}

  private final RestClient restClient;

  Intakes(RestClient.Builder restClients) {
    this.restClient = restClients.build();
  }

  @PostMapping("/intakes")
  @ResponseStatus(HttpStatus.CREATED)
  String intake(@Valid @RequestBody Intake intake) {
    return "registered";
  }

  /** A resident's record, then a stamp whose getter fails: the write fails midway, after the record. */
  record Broken(Model.Resident resident) {

    @com.fasterxml.jackson.annotation.JsonProperty("stamp")
    public String stamp() {
      throw new IllegalStateException("the stamp service is down");
    }
  }

  @GetMapping("/intakes/{id}/broken")
  Broken broken(@PathVariable @SubjectId String id) {
    return new Broken(Model.resident());
  }

  @GetMapping("/intakes/born/{born}")
  String born(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate born) {
    return "none";
  }

  /** Forwards the resident's record to ICE's intake, which the guard refuses; the refusal is left to Spring. */
  @PostMapping("/intakes/{id}/forward")
  String forward(@PathVariable @SubjectId String id) {
    restClient.post().uri("http://ice.gov/ero/intake").body(Model.resident()).retrieve().toBodilessEntity();
    return "forwarded";
  }
}
