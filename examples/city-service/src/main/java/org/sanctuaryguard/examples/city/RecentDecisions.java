package org.sanctuaryguard.examples.city;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.GuardEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps the guard's latest decisions for staff to read back ({@code GET /decisions/{id}}), and tells
 * whoever made a request which decision answered it: the response carries the decision's audit event
 * id in the header {@value #HEADER}, as a 403 problem carries it in its body. A guard event holds no
 * protected value, so neither does this. Thread-safe.
 */
@Component
class RecentDecisions implements AuditSink {

  /** The response header that names the decision of the response. */
  static final String HEADER = "Sanctuary-Guard-Event";

  private static final int KEPT = 500;

  private final Map<String, GuardEvent> latest = new LinkedHashMap<>(64, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, GuardEvent> eldest) {
      return size() > KEPT;
    }
  };

  @Override
  public void record(GuardEvent event) {
    if (event.kind() != GuardEvent.Kind.DECISION) {
      return;
    }
    synchronized (latest) {
      latest.put(event.id(), event);
    }
    // the guard records a decision on the thread that asked for it, before the response is written
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request instanceof ServletRequestAttributes servlet) {
      HttpServletResponse response = servlet.getResponse();
      if (response != null && !response.isCommitted()) {
        response.setHeader(HEADER, event.id());
      }
    }
  }

  Optional<GuardEvent> find(String eventId) {
    synchronized (latest) {
      return Optional.ofNullable(latest.get(eventId));
    }
  }
}
