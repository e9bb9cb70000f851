package org.sanctuaryguard;

/**
 * Where guard events go. The guard calls {@link #record} for every decision before it returns the
 * decision; a sink that throws makes the guard deny in {@link Mode#ENFORCE}, since a disclosure that
 * cannot be audited is not made.
 *
 * <p>Implementations must be thread-safe: guards decide on many threads at once. {@link #slf4j()}
 * is the default sink.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AuditSink extends AutoCloseable {

  /**
   * Records one event durably, or throws.
   *
   * @param event the event; it holds no protected value
   * @throws RuntimeException if the event could not be recorded
   */
  void record(GuardEvent event);

  /** Flushes and releases what the sink holds; the guard calls this when it is closed. */
  @Override
  default void close() {}

  /**
   * Returns the sink that logs each event through SLF4J, on the logger {@value
   * GuardEvent#LOGGER_NAME} at level INFO, with every field of {@link GuardEvent#fields()} as an
   * SLF4J 2 key-value pair but {@code @timestamp}: the logging backend stamps each line itself, and
   * JSON layouts in the Elastic Common Schema drop a line that carries two. How durable it is
   * depends on the logging configuration.
   */
  static AuditSink slf4j() {
    return Slf4jAuditSink.INSTANCE;
  }
}
