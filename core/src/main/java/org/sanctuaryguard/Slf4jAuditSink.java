package org.sanctuaryguard;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs guard events through SLF4J, one event per line, its fields as key-value pairs: every field
 * but {@code @timestamp}, which the logging backend stamps on each line itself. JSON layouts in the
 * Elastic Common Schema (Spring Boot's structured logging, Logstash encoders) write their own
 * {@code @timestamp}, and a second one from the event makes them drop the whole line.
 */
final class Slf4jAuditSink implements AuditSink {

  static final Slf4jAuditSink INSTANCE = new Slf4jAuditSink();

  private static final Logger EVENTS = LoggerFactory.getLogger(GuardEvent.LOGGER_NAME);
  private static final String TIMESTAMP = "@timestamp";

  private Slf4jAuditSink() {}

  @Override
  public void record(GuardEvent event) {
    if (!EVENTS.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder log = EVENTS.atInfo().setMessage(event.summary());
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      if (!TIMESTAMP.equals(field.getKey())) {
        log = log.addKeyValue(field.getKey(), field.getValue());
      }
    }
    log.log();
  }

  @Override
  public String toString() {
    return "AuditSink.slf4j(" + GuardEvent.LOGGER_NAME + ")";
  }
}
