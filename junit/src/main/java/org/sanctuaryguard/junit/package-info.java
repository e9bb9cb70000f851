/**
 * Scenario files as JUnit Jupiter tests: {@link org.sanctuaryguard.junit.ScenarioTests} turns each
 * file into a container and each scenario into a test, for a {@code @TestFactory}.
 *
 * @since 0.1.0
 */
@NullMarked
package org.sanctuaryguard.junit;

import org.jspecify.annotations.NullMarked;
