package org.sanctuaryguard.examples.city;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.examples.city.Fields.InvalidFieldException;
import org.sanctuaryguard.examples.city.Residents.UnknownResidentException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The service's problem responses ({@code application/problem+json}): a request that breaks a
 * constraint names each field at fault; none echoes more of a request than a short identifier, and
 * none holds a protected value.
 */
@RestControllerAdvice
class Problems {

  static final String TYPES = "https://github.com/sanctuary-guard/sanctuary-guard/tree/main/examples/city-service#";

  private static final int LONGEST_ECHOED = 32;

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
    }
    e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
        Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
    return invalidRequest(errors);
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalid(InvalidFieldException e) {
    return invalidRequest(List.of(Map.of("field", e.field(), "message", String.valueOf(e.getMessage()))));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    // the parser's own message quotes the input: name the field only
    String field = e.getCause() instanceof DatabindException databind ? path(databind) : null;
    return invalidRequest(List.of(Map.of("field", field == null ? "(body)" : field,
        "message", field == null ? "the body is not JSON of the expected shape" : "cannot be read as the expected type")));
  }

  @ExceptionHandler(UnknownResidentException.class)
  ProblemDetail unknownResident(UnknownResidentException e) {
    return problem(HttpStatus.NOT_FOUND, "no-such-resident", "No such resident", e.getMessage());
  }

  @ExceptionHandler(RestClientException.class)
  ProblemDetail unreachable(RestClientException e) {
    return problem(HttpStatus.BAD_GATEWAY, "partner-unreachable", "Partner service unreachable",
        "the partner service did not answer (" + e.getClass().getSimpleName() + ")");
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }

  /** Returns at most a short identifier of what a request said, without control characters. */
  static String echo(String value) {
    String printable = value.codePoints().filter(c -> c >= 0x20 && c != 0x7f && !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return printable.length() <= LONGEST_ECHOED ? printable : printable.substring(0, LONGEST_ECHOED) + "…";
  }

  private static @Nullable String path(DatabindException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(echo(reference.getPropertyName()));
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  private static ProblemDetail invalidRequest(List<Map<String, String>> errors) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
        errors.size() == 1 ? errors.get(0).get("field") + ": " + errors.get(0).get("message")
            : errors.size() + " fields are invalid");
    problem.setProperty("errors", errors);
    return problem;
  }
}
