package org.sanctuaryguard.spring;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Reason;
import org.springframework.util.LinkedCaseInsensitiveMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem responses (RFC 9457, {@code application/problem+json}) of the inbound guard. They carry
 * the decision's outcome, its reasons (rule ids, citations and messages) and the audit event id;
 * never a value of the response, a subject id, or the details of a document's checks. A refusal
 * carries only the headers the response had when the guard's filter passed the request on, none
 * that the application set ({@link #keepHeaders}).
 */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String REFUSED = "https://github.com/sanctuary-guard/sanctuary-guard/tree/main/spring-adapter#disclosure-refused";
  static final String BAD_REQUEST =
      "https://github.com/sanctuary-guard/sanctuary-guard/tree/main/spring-adapter#bad-disclosure-request";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The request attribute under which the filter keeps the response's headers ({@link #keepHeaders}). */
  private static final String HEADERS_BEFORE = Problems.class.getName() + ".headersBefore";

  /** The headers of a response, by name, as the guard's filter passed its request on. */
  private record HeadersBefore(Map<String, List<String>> headers) {}

  private Problems() {}

  /**
   * Keeps the headers the response has now, as the guard's filter passes the request on (those of
   * Spring Security's chain, say), for a refusal or a failure to decide to carry alone: a handler,
   * an interceptor or a filter of the application's may set a header from the record
   * ({@code ResponseEntity.ok().header("X-Status", resident.status())}), and the answer that
   * withholds the record must not send it. A response with no headers yet keeps nothing, as one
   * outside the filter's URL patterns: each request pays for the copy only if there is one to make.
   */
  static void keepHeaders(ServletRequest request, HttpServletResponse response) {
    Collection<String> names = response.getHeaderNames();
    if (names.isEmpty()) {
      return;
    }
    // a container may list a name once for each value, and in each case it was set in, and gives its values in any
    Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>(names.size(), Locale.ROOT);
    for (String name : names) {
      headers.putIfAbsent(name, List.copyOf(response.getHeaders(name)));
    }
    request.setAttribute(HEADERS_BEFORE, new HeadersBefore(headers));
  }

  /**
   * Answers 403: the guard refused the response to this requester. The answer carries only the
   * headers the filter kept ({@link #keepHeaders}), or none if it kept none (a request outside its
   * URL patterns).
   */
  static void refusedNow(ServletRequest request, HttpServletResponse response, Decision decision) {
    resetToKeptHeaders(request, response);
    writeNow(response, HttpServletResponse.SC_FORBIDDEN, refusal(decision));
  }

  /**
   * Clears the response, its headers and status included, and sets again the headers the filter
   * kept of it ({@link #keepHeaders}): what a refusal, or a response that failed before it was
   * committed, carries.
   */
  static void resetToKeptHeaders(ServletRequest request, HttpServletResponse response) {
    response.reset();
    if (request.getAttribute(HEADERS_BEFORE) instanceof HeadersBefore before) {
      before.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }
  }

  /** The 403 problem of a refusal: its outcome, reasons and audit event id, no value of the response. */
  private static Map<String, Object> refusal(Decision decision) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", REFUSED);
    problem.put("title", "Disclosure refused");
    problem.put("status", HttpServletResponse.SC_FORBIDDEN);
    problem.put("detail", decision.outcome() == Outcome.ESCALATE
        ? "The disclosure awaits counsel: nothing of this response is released until counsel decides."
        : "The guard refused to disclose this response to this requester: nothing of it is released.");
    problem.put("outcome", decision.outcome().id());
    List<Map<String, String>> reasons = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("rule", reason.rule());
      if (reason.citation() != null) {
        entry.put("citation", reason.citation());
      }
      entry.put("message", reason.message());
      reasons.add(entry);
    }
    problem.put("reasons", reasons);
    decision.auditEventId().ifPresent(id -> problem.put("auditEventId", id));
    return problem;
  }

  /**
   * Answers 500: the guard could not decide the response (the application's {@link FactsResolver}
   * failed), so nothing of it is released; what failed is in the server's log, not here. The answer
   * carries the headers of a refusal ({@link #refusedNow}).
   */
  static void undecidedNow(ServletRequest request, HttpServletResponse response) {
    resetToKeptHeaders(request, response);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Internal Server Error");
    problem.put("status", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    problem.put("detail", "The guard could not decide this response: nothing of it is released.");
    writeNow(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, problem);
  }

  /** The caller's own text as a problem repeats it: at most {@code longest} characters, then "...". */
  static String echoed(String text, int longest) {
    return text.length() > longest ? text.substring(0, longest) + "..." : text;
  }

  /** Answers 400: the request states a purpose or a basis the guard does not know. */
  static void badRequest(HttpServletResponse response, String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", BAD_REQUEST);
    problem.put("title", "Bad disclosure request");
    problem.put("status", HttpServletResponse.SC_BAD_REQUEST);
    problem.put("detail", detail);
    write(response, HttpServletResponse.SC_BAD_REQUEST, problem);
  }

  /** {@link #write}, where a failure to write cannot be thrown as an {@link IOException}. */
  private static void writeNow(HttpServletResponse response, int status, Map<String, Object> problem) {
    try {
      write(response, status, problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(HttpServletResponse response, int status, Map<String, Object> problem) throws IOException {
    byte[] body = JSON.writeValueAsBytes(problem);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
