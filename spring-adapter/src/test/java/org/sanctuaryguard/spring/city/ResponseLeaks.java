package org.sanctuaryguard.spring.city;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ways a Spring MVC handler can answer with a resident's record besides returning it: in headers,
 * in a problem's properties or detail, in bytes the application's own {@code JsonMapper} wrote, and in the
 * wrappers Spring MVC unwraps (an {@code Optional}, a {@code DeferredResult}, a {@code Callable}, a
 * {@code Flux} written as JSON or as server-sent events, an {@code HttpEntity} of a map).
 */
@RestController
@RequestMapping("/response-leaks/{id}")
class ResponseLeaks {

  /** The resident is already registered: the conflict is answered with a problem that holds their record. */
  static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private final JsonMapper jsonMapper;

  ResponseLeaks(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

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

  @GetMapping("/bytes")
  ResponseEntity<byte[]> bytes(@PathVariable @SubjectId String id) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jsonMapper.writeValueAsBytes(Model.resident()));
  }

  @GetMapping("/resource")
  ResponseEntity<Resource> resource(@PathVariable @SubjectId String id) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .body(new ByteArrayResource(jsonMapper.writeValueAsBytes(Model.resident())));
  }

  @GetMapping("/streaming")
  StreamingResponseBody streaming(@PathVariable @SubjectId String id) {
    return out -> jsonMapper.writeValue(out, Model.resident());
  }

  @GetMapping("/problem")
  ProblemDetail problem(@PathVariable @SubjectId String id) {
    throw new Conflict();
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict() {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
    problem.setProperty("resident", Model.resident());
    return problem;
  }

  /** Registering the resident conflicts: Spring MVC answers the exception with a problem that holds their record. */
  @GetMapping("/error-response")
  Object errorResponse(@PathVariable @SubjectId String id) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.CONFLICT);
    problem.setProperty("resident", Model.resident());
    throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
  }

  /** The same conflict, whose reason the handler built from the record: the application's own text. */
  @GetMapping("/reason")
  Object reason(@PathVariable @SubjectId String id) {
    throw new ResponseStatusException(HttpStatus.CONFLICT, "already registered: " + Model.resident());
  }

  @GetMapping("/optional")
  Optional<Resident> optional(@PathVariable @SubjectId String id) {
    return Optional.of(Model.resident());
  }

  @GetMapping("/deferred")
  DeferredResult<Resident> deferred(@PathVariable @SubjectId String id) {
    DeferredResult<Resident> result = new DeferredResult<>();
    result.setResult(Model.resident());
    return result;
  }

  @GetMapping("/callable")
  Callable<Resident> callable(@PathVariable @SubjectId String id) {
    return Model::resident;
  }

  @GetMapping("/flux")
  Flux<Resident> flux(@PathVariable @SubjectId String id) {
    return Flux.just(Model.resident());
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<Resident>> events(@PathVariable @SubjectId String id) {
    return Flux.just(ServerSentEvent.builder(Model.resident()).id("1").build());
  }

  @GetMapping("/map-entity")
  HttpEntity<Map<String, Object>> mapEntity(@PathVariable @SubjectId String id) {
    return new HttpEntity<>(Map.of("resident", Model.resident()));
  }
}
