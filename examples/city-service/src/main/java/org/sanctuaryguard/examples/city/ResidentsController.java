package org.sanctuaryguard.examples.city;

import java.util.List;
import org.sanctuaryguard.SubjectId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The residents' records, for the agency's staff and for partner agencies. Nothing here decides
 * anything: the adapter decides each response for whoever asks (an API key, a staff login), the
 * purpose and the legal basis the request states in its headers, and writes it redacted to the
 * decision or answers 403. The path's id is tagged {@link SubjectId}: a requester to whom nothing of
 * a record could be released is refused for that person before the record is looked up, so that
 * the answer is the same whether or not the city knows them.
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
  Resident one(@PathVariable @SubjectId String id) {
    return residents.get(id);
  }

  @GetMapping("/{id}/contact")
  Resident.Contact contact(@PathVariable @SubjectId String id) {
    return residents.get(id).contact();
  }

  @GetMapping("/{id}/status")
  Resident.Status status(@PathVariable @SubjectId String id) {
    return residents.get(id).status();
  }
}
