package org.sanctuaryguard.spring;

import org.sanctuaryguard.GuardConfig;

/**
 * Adjusts the guard's configuration in code, after the properties under {@code sanctuary.guard}
 * were applied and before the guard is built: for example to choose the mode by profile. The
 * builder's setters replace what the properties set: {@code auditSinks(...)} replaces their sinks
 * (the guard log among them, which is then closed), and {@code protectedProperties(...)} their
 * registry. To add a sink, declare an {@code AuditSink} bean instead. The adapter's own observers
 * (the endpoint's counts, the metrics) stay in place whatever a customizer does.
 *
 * <pre>{@code
 * @Bean
 * GuardConfigCustomizer monitorInStaging(Environment environment) {
 *   return builder -> {
 *     if (environment.matchesProfiles("staging")) {
 *       builder.mode(Mode.MONITOR);
 *     }
 *   };
 * }
 * }</pre>
 *
 * <p>Every bean of this type is applied, in {@code @Order}. Called once, on the thread that builds
 * the application context.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface GuardConfigCustomizer {

  /**
   * Adjusts the builder.
   *
   * @param builder the configuration built from the properties so far
   */
  void customize(GuardConfig.Builder builder);
}
