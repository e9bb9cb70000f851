package org.sanctuaryguard.spring.city;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.annotation.ControllerEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.RestControllerEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * Actuator endpoints of the city service's own that answer with residents' records, as an
 * operations team adds them: an operation's record and list of records, a body of Actuator's own
 * type (which Actuator writes with its own mapper), a controller endpoint's record and view, and an
 * operation that fails into an exception resolver that shows the record. Exposed with {@link #EXPOSED}.
 */
@Configuration(proxyBeanMethods = false)
@SuppressWarnings("removal") // controller endpoints are deprecated, and still served by Spring Boot 4
class ActuatorEndpoints {

  /** The property that exposes them, and the guard's own endpoint. */
  static final String EXPOSED =
      "management.endpoints.web.exposure.include=recentcases,casesummary,casefiles,casepages,transfers,sanctuaryguard";

  /** The most recent cases: every record, or one by id; an unknown id is not found (404). */
  @Endpoint(id = "recentcases")
  static class RecentCases {

    @ReadOperation
    List<Resident> cases() {
      return List.of(Model.resident());
    }

    @ReadOperation
    @Nullable Resident resident(@Selector String id) {
      return Model.SUBJECT.equals(id) ? Model.resident() : null;
    }
  }

  /** A summary of the open cases, of a type Actuator writes with its isolated mapper. */
  record CaseSummary(int open, List<Resident> residents) implements OperationResponseBody {}

  /** The cases as Actuator's own body types: a summary, or a map of one record. */
  @WebEndpoint(id = "casesummary")
  static class CaseSummaries {

    @ReadOperation
    CaseSummary summary() {
      return new CaseSummary(1, List.of(Model.resident()));
    }

    @ReadOperation
    Map<String, Resident> resident(@Selector String id) {
      return OperationResponseBody.of(Map.of("resident", Model.resident()));
    }
  }

  /** A case's file, through a controller endpoint; it counts its look-ups. */
  @RestControllerEndpoint(id = "casefiles")
  static class CaseFiles {

    final AtomicInteger lookups = new AtomicInteger();

    @GetMapping("/{id}")
    Resident file(@PathVariable @SubjectId String id) {
      lookups.incrementAndGet();
      if (!Model.SUBJECT.equals(id)) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      }
      return Model.resident();
    }
  }

  /** A case's page, rendered by a JSON view with a mapper of its own. */
  @ControllerEndpoint(id = "casepages")
  static class CasePages {

    @GetMapping("/{id}")
    ModelAndView page(@PathVariable @SubjectId String id) {
      return new ModelAndView(new JacksonJsonView(), Map.of("resident", Model.resident()));
    }
  }

  /** Transfers a case: the resident is held elsewhere, which the application's resolver shows with their record. */
  @Endpoint(id = "transfers")
  static class Transfers {

    @ReadOperation
    Resident transfer(@Selector String id) {
      throw new CityService.HeldElsewhere();
    }
  }

  @Bean
  RecentCases recentCases() {
    return new RecentCases();
  }

  @Bean
  CaseSummaries caseSummaries() {
    return new CaseSummaries();
  }

  @Bean
  CaseFiles caseFiles() {
    return new CaseFiles();
  }

  @Bean
  CasePages casePages() {
    return new CasePages();
  }

  @Bean
  Transfers transfers() {
    return new Transfers();
  }
}
