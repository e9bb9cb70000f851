package org.sanctuaryguard.examples.city;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The residents' records, for the agency's staff and for partner agencies. Nothing here decides
 * anything: the adapter decides each response for whoever asks (an API key, a staff login), the
 * purpose and the legal basis the request states in its headers, and writes it redacted to the
 * decision or answers 403.
 */
@RestController
@RequestMapping("/residents")
class ResidentsController {

  private final Residents residents;

  ResidentsController(Residents residents) {
    this.residents = residents;
  }

  @GetMapping
  List<Resident> all() {
    return residents.all();
  }

  @GetMapping("/{id}")
  Resident one(@PathVariable String id) {
    return residents.get(id);
  }

  @GetMapping("/{id}/contact")
  Resident.Contact contact(@PathVariable String id) {
    return residents.get(id).contact();
  }

  @GetMapping("/{id}/status")
  Resident.Status status(@PathVariable String id) {
    return residents.get(id).status();
  }
}
