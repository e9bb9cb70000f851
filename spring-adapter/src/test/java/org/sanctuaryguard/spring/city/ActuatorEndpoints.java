package org.sanctuaryguard.spring.city;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator endpoints of the city service's own that answer with residents' records, as an
 * operations team adds them: an operation's record and list of records, a body of Actuator's own
 * type (which Actuator writes with its own mapper), and an operation that fails into an exception
 * resolver that shows the record. Exposed with {@link #EXPOSED}.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorEndpoints {

  /** The property that exposes them, and the guard's own endpoint. */
  static final String EXPOSED =
      "management.endpoints.web.exposure.include=recentcases,casesummary,transfers,sanctuaryguard";

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
  Transfers transfers() {
    return new Transfers();
  }
}
