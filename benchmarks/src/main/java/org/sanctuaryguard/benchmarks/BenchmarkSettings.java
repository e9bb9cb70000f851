package org.sanctuaryguard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every suite inherits, in one place: one state per trial, shared by its threads;
 * scores in nanoseconds, as an average and as a sample distribution whose {@code p0.50} is the
 * median the targets speak of; two forks of five one-second warm-up and measurement iterations.
 * Options on the command line ({@code -f}, {@code -wi}, {@code -i}, {@code -bm}) override them.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public abstract class BenchmarkSettings {}
