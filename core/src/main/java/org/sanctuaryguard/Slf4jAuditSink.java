package org.sanctuaryguard;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Logs guard events through SLF4J, one event per line, its fields as key-value pairs. */
final class Slf4jAuditSink implements AuditSink {

  static final Slf4jAuditSink INSTANCE = new Slf4jAuditSink();

  private static final Logger EVENTS = LoggerFactory.getLogger(GuardEvent.LOGGER_NAME);

  private Slf4jAuditSink() {}

  @Override
  public void record(GuardEvent event) {
    if (!EVENTS.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder log = EVENTS.atInfo().setMessage(event.summary());
    for (Map.Entry<String, Object> field : event.fields().entrySet()) {
      log = log.addKeyValue(field.getKey(), field.getValue());
    }
    log.log();
  }

  @Override
  public String toString() {
    return "AuditSink.slf4j(" + GuardEvent.LOGGER_NAME + ")";
  }
}
