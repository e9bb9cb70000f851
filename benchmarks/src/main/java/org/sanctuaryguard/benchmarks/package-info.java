/**
 * JMH suites of the guard's hot paths: a decision of the shipped packs ({@link
 * org.sanctuaryguard.benchmarks.DecisionBenchmark}), the same decisions among a thousand more rules
 * ({@link org.sanctuaryguard.benchmarks.ScaleBenchmark}), and the guard's own cost over its policy
 * ({@link org.sanctuaryguard.benchmarks.GuardBenchmark}). Run them from the uber-jar: {@code java
 * -jar benchmarks/target/benchmarks.jar <regex> [jmh options]}; {@code benchmarks/RESULTS.md} holds
 * the commands and the figures.
 */
@NullMarked
package org.sanctuaryguard.benchmarks;

import org.jspecify.annotations.NullMarked;
