package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Reason;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem responses (RFC 9457, {@code application/problem+json}) of the inbound guard. They carry
 * the decision's outcome, its reasons (rule ids, citations and messages) and the audit event id;
 * never a value of the response, a subject id, or the details of a document's checks.
 */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String REFUSED = "https://github.com/sanctuary-guard/sanctuary-guard/tree/main/spring-adapter#disclosure-refused";
  static final String BAD_REQUEST =
      "https://github.com/sanctuary-guard/sanctuary-guard/tree/main/spring-adapter#bad-disclosure-request";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /** Answers 403: the guard refused the response to this requester. */
  static void refused(HttpServletResponse response, Decision decision) throws IOException {
    write(response, HttpServletResponse.SC_FORBIDDEN, refusal(decision));
  }

  /** {@link #refused}, where a failure to write it cannot be thrown as an {@link IOException}. */
  static void refusedNow(HttpServletResponse response, Decision decision) {
    writeNow(response, HttpServletResponse.SC_FORBIDDEN, refusal(decision));
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
   * failed), so nothing of it is released; what failed is in the server's log, not here.
   */
  static void undecidedNow(HttpServletResponse response) {
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
