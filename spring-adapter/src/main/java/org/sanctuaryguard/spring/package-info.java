/**
 * Sanctuary Guard for Spring Boot: the auto-configuration that builds the guard from {@code
 * sanctuary.guard.*} properties, identifies agencies that ask through a servlet filter, redacts JSON
 * responses and request bodies through a Jackson 3 module, guards the calls of {@code RestClient},
 * {@code RestTemplate} and {@code WebClient}, and reports through Actuator and Micrometer.
 *
 * <p>The public types are the properties, the customizers ({@link
 * org.sanctuaryguard.spring.GuardConfigCustomizer}, {@link
 * org.sanctuaryguard.spring.PolicyCustomizer}), the inbound strategies ({@link
 * org.sanctuaryguard.spring.RequesterResolver}, {@link org.sanctuaryguard.spring.BasisResolver} and
 * its {@link org.sanctuaryguard.spring.LegalBasisRegistry}, {@link
 * org.sanctuaryguard.spring.FactsResolver}), explicit outbound disclosures ({@link
 * org.sanctuaryguard.spring.Disclosures}), and the Jackson module with its {@link
 * org.sanctuaryguard.spring.DecisionScope}. Everything else is package-private.
 */
@NullMarked
package org.sanctuaryguard.spring;

import org.jspecify.annotations.NullMarked;
