/**
 * Scenario files: requests and the decisions a privacy officer expects of them, run against packs
 * so that counsel can test a pack without a Java project.
 */
@NullMarked
package org.sanctuaryguard.scenario;

import org.jspecify.annotations.NullMarked;
