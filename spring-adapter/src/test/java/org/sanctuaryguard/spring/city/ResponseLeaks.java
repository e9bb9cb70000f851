package org.sanctuaryguard.spring.city;

import jakarta.servlet.http.HttpServletResponse;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ways a Spring MVC handler can answer with a resident's record besides returning it: in headers.
 */
@RestController
@RequestMapping("/response-leaks/{id}")
class ResponseLeaks {

  /** The record, and its status in a header of the entity: declared as any entity, so the handler runs for ICE. */
  @GetMapping("/entity-header")
  ResponseEntity<?> entityHeader(@PathVariable @SubjectId String id) {
    Resident resident = Model.resident();
    return ResponseEntity.ok().header("X-Status", resident.status()).body(resident);
  }

  /** The record, and its name in a header the handler sets on the servlet response. */
  @GetMapping("/servlet-header")
  Object servletHeader(@PathVariable @SubjectId String id, HttpServletResponse response) {
    Resident resident = Model.resident();
    response.setHeader("X-Name", resident.name());
    return resident;
  }
}
