package org.sanctuaryguard.spring;

import org.sanctuaryguard.Policy;

/**
 * Adjusts the policy in code, after the packs and recipients of the properties under {@code
 * sanctuary.guard} were added and before it is built: for example to add a category of the city's
 * own, a recipient computed at start-up, or a clock.
 *
 * <pre>{@code
 * @Bean
 * PolicyCustomizer housingCategories() {
 *   return builder -> builder.category("housing", "Housing records")
 *       .category("housing.voucher", "Housing-voucher holders");
 * }
 * }</pre>
 *
 * <p>A recipient it adds may be the parent of a pack's recipient or of one of {@code
 * sanctuary.guard.recipients}: the policy is built once, after every customizer, and refuses a
 * parent found nowhere, naming the pack's file or the property.
 *
 * <p>Every bean of this type is applied, in {@code @Order}. Called once, on the thread that builds
 * the application context.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PolicyCustomizer {

  /**
   * Adjusts the builder.
   *
   * @param builder the policy built from the properties so far
   */
  void customize(Policy.Builder builder);
}
