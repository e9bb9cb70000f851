package org.sanctuaryguard.spring.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of a JSON endpoint on loopback with and without the adapter: instances of {@link
 * LoadService} in one JVM, one with the guard (identifying the requester, deciding each response
 * that holds protected values, writing the decision to a guard log, redacting through the Jackson
 * module) and two with every auto-configuration of the adapter excluded: the second of these is a
 * control, measured exactly as the guarded one, whose ratio shows how far two instances of the
 * same service differ in this JVM without any guard. Runs are interleaved (each round runs every
 * instance once, their order rotating) and each is bounded in time; a client thread sends requests
 * one after the other for the run's duration.
 *
 * <p>The build runs it briefly, as a check that it works; a measurement passes longer runs as system
 * properties, as {@code benchmarks/RESULTS.md} shows: {@code loadtest.seconds} (per run, default
 * 0.5), {@code loadtest.rounds} (default 2), {@code loadtest.threads} (client threads, default 2),
 * {@code loadtest.warmup} (seconds per instance and endpoint before measuring, default 0.5), {@code
 * loadtest.paths} (the endpoints, comma-separated; both by default), {@code loadtest.guard-log}
 * ({@code file}, the default, or {@code none}: decisions go to SLF4J only, whose event logger is
 * off, to tell the guard log's share from the rest of the adapter's) and {@code
 * loadtest.fsync-every-events} (the guard log's forcing to disk, default 0: left to the operating
 * system, so that the figure is the adapter's; with forcing, each force holds the guard log's lock
 * for as long as the disk takes), {@code loadtest.endpoint-work-micros} (default 0: CPU time every
 * instance's endpoints spend on each request, standing for an endpoint's own work, a query or more
 * mapping) and {@code loadtest.control-work-micros} (default 0: CPU time the control spends on each
 * request besides that, a known cost whose ratio the adapter's can be weighed against; the control
 * is then not an identical instance, and the line that pools it is left out).
 *
 * <p>Besides the ratio of all requests, it prints a 95 % interval of it (bootstrap over rounds),
 * the median, quartiles and extremes of the rounds' ratios (a round is one run of each instance,
 * back to back), the process's CPU time per request of each instance's runs (the services and
 * their client share the machine) and, of that, the servers' threads' (Tomcat's and the guard
 * log's): the difference is what the adapter costs a request, give or take the control's. A third
 * line compares the guarded instance with both unguarded ones pooled, so that what sets two
 * instances of the same service apart in one JVM (a few per cent from one run of the test to the
 * next) weighs half.
 */
class LoopbackLoadTest {

  private static final String[] ADAPTER = {
      "org.sanctuaryguard.spring.SanctuaryGuardAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardWebAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardClientAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardMetricsAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardEndpointAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardActuatorAutoConfiguration"};

  private final double seconds = Double.parseDouble(System.getProperty("loadtest.seconds", "0.5"));
  private final int rounds = Integer.getInteger("loadtest.rounds", 2);
  private final int threads = Integer.getInteger("loadtest.threads", 2);
  private final double warmup = Double.parseDouble(System.getProperty("loadtest.warmup", "0.5"));
  private final int fsyncEveryEvents = Integer.getInteger("loadtest.fsync-every-events", 0);
  private final List<String> paths = List.of(System.getProperty("loadtest.paths", "/residents/C-1001,/offices/1")
      .split(","));
  private final boolean fileLog = !"none".equals(System.getProperty("loadtest.guard-log", "file"));
  private final double endpointWorkMicros = Double.parseDouble(System.getProperty("loadtest.endpoint-work-micros", "0"));
  private final double controlWorkMicros = Double.parseDouble(System.getProperty("loadtest.control-work-micros", "0"));

  /**
   * Requests that succeeded in a run, and meanwhile the process's CPU time and its servers' threads'
   * (-1 where unknown).
   */
  private record Run(long requests, long cpuNanos, long serverCpuNanos) {}

  @Test
  void throughputWhenGuardedThenReportedAgainstTheSameServiceUnguarded(@TempDir Path guardLog) throws Exception {
    String unguardedArgument = "--spring.autoconfigure.exclude=" + String.join(",", ADAPTER);
    try (ConfigurableApplicationContext without = start(endpointWorkMicros, unguardedArgument);
        ConfigurableApplicationContext with = start(endpointWorkMicros,
            "--sanctuary.guard.holder=social-services",
            "--sanctuary.guard.inbound.default-recipient=city-agency",
            "--sanctuary.guard.audit.slf4j.enabled=" + !fileLog,
            fileLog ? "--sanctuary.guard.audit.file.directory=" + guardLog : "--sanctuary.guard.audit.file.directory=",
            "--sanctuary.guard.audit.file.fsync-every-events=" + fsyncEveryEvents);
        ConfigurableApplicationContext control = start(endpointWorkMicros + controlWorkMicros, unguardedArgument)) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<String> bases = List.of(base(without), base(with), base(control));
      for (String path : paths) {
        for (String base : bases) {
          assertThat(get(client, base + path)).isEqualTo(200);
        }
      }
      for (String path : paths) {
        for (String base : bases) {
          run(client, base + path, warmup);
        }
        List<List<Run>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
          for (int turn = 0; turn < bases.size(); turn++) {
            int side = (round + turn) % bases.size();
            runs.get(side).add(run(client, bases.get(side) + path, seconds));
          }
        }
        report(path + ", with the adapter", runs.get(0), runs.get(1));
        if (controlWorkMicros > 0) {
          report(String.format(Locale.ROOT, "%s, control (a second instance without it, spending %.1f µs more CPU"
              + " on each request)", path, controlWorkMicros), runs.get(0), runs.get(2));
        } else {
          report(path + ", control (a second instance without it)", runs.get(0), runs.get(2));
          report(path + ", with the adapter against both instances without it", pooled(runs.get(0), runs.get(2)),
              runs.get(1));
        }
      }
      if (fileLog) {
        try (var files = Files.list(guardLog)) {
          assertThat(files.toList()).as("the guarded instance wrote its decisions to the guard log").isNotEmpty();
        }
      }
    }
  }

  /**
   * Prints how the other instance's runs compare with the baseline's, round by round and in all:
   * requests, the process's CPU time per request (the client's included), and the CPU time of the
   * servers' threads per request (Tomcat's, and the guard log's own).
   */
  private void report(String what, List<Run> baseline, List<Run> other) {
    long baselineRequests = baseline.stream().mapToLong(Run::requests).sum();
    long otherRequests = other.stream().mapToLong(Run::requests).sum();
    assertThat(baselineRequests).isPositive();
    assertThat(otherRequests).isPositive();
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long base = baseline.get(round).requests();
      ratios[round] = base == 0 ? Double.NaN : (double) other.get(round).requests() / base;
    }
    double[] interval = interval(baseline, other);
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "loopback load %s: ratio %.3f (95%% interval %.3f to %.3f), median of rounds %.3f"
            + " (quartiles %.3f and %.3f, least %.3f, most %.3f); %.0f req/s against %.0f; CPU per request %s against"
            + " %s, of which the servers' threads %s against %s (%d rounds of %.1f s, %d client threads, guard log %s,"
            + " fsync every %d events, endpoints' own work %.0f µs)%n", what,
        (double) otherRequests / baselineRequests, interval[0], interval[1], ratios[rounds / 2], ratios[rounds / 4],
        ratios[rounds * 3 / 4], ratios[0], ratios[rounds - 1], otherRequests / (rounds * seconds),
        baselineRequests / (rounds * seconds), perRequest(other, Run::cpuNanos), perRequest(baseline, Run::cpuNanos),
        perRequest(other, Run::serverCpuNanos), perRequest(baseline, Run::serverCpuNanos), rounds, seconds, threads,
        fileLog ? "in files" : "off", fsyncEveryEvents, endpointWorkMicros);
  }

  /**
   * The two unguarded instances as one baseline: each round's mean of their requests and CPU times,
   * so that what sets one instance of the same service apart from another weighs half.
   */
  private static List<Run> pooled(List<Run> first, List<Run> second) {
    List<Run> pooled = new ArrayList<>(first.size());
    for (int round = 0; round < first.size(); round++) {
      Run a = first.get(round);
      Run b = second.get(round);
      pooled.add(new Run((a.requests() + b.requests()) / 2, mean(a.cpuNanos(), b.cpuNanos()),
          mean(a.serverCpuNanos(), b.serverCpuNanos())));
    }
    return pooled;
  }

  private static long mean(long first, long second) {
    return first < 0 || second < 0 ? -1 : (first + second) / 2;
  }

  /**
   * A 95 % interval of the ratio of all requests, by the percentile bootstrap over rounds: rounds
   * drawn again with replacement, 10,000 times, with a fixed seed so that a report reads the same
   * from the same runs. Rounds, not runs, are drawn, so that each keeps its pairing in time.
   */
  private double[] interval(List<Run> baseline, List<Run> other) {
    SplittableRandom random = new SplittableRandom(20261122);
    double[] resampled = new double[10_000];
    for (int i = 0; i < resampled.length; i++) {
      long baselineRequests = 0;
      long otherRequests = 0;
      for (int draw = 0; draw < rounds; draw++) {
        int round = random.nextInt(rounds);
        baselineRequests += baseline.get(round).requests();
        otherRequests += other.get(round).requests();
      }
      resampled[i] = baselineRequests == 0 ? Double.NaN : (double) otherRequests / baselineRequests;
    }
    Arrays.sort(resampled);
    return new double[] {resampled[resampled.length / 40], resampled[resampled.length - 1 - resampled.length / 40]};
  }

  private static String perRequest(List<Run> runs, ToLongFunction<Run> cpuNanos) {
    long requests = runs.stream().mapToLong(Run::requests).sum();
    long cpu = runs.stream().mapToLong(cpuNanos).sum();
    return runs.stream().anyMatch(run -> cpuNanos.applyAsLong(run) < 0) || requests == 0 ? "unknown"
        : String.format(Locale.ROOT, "%.0f µs", cpu / 1e3 / requests);
  }

  /**
   * The CPU time of the servers' threads: Tomcat's (only the instance being measured has work) and
   * the guard log's own; -1 where the platform does not tell it.
   */
  private static long serverThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("http-nio-")
          || info.getThreadName().startsWith("sanctuary-guard-"))) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** The process's CPU time, where the platform tells it. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** Starts an instance of the service whose endpoints spend that much CPU time on each request. */
  private static ConfigurableApplicationContext start(double workMicros, String... arguments) {
    List<String> all = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
        "--spring.main.banner-mode=off", "--logging.level.root=warn", "--load.work-micros=" + workMicros));
    all.addAll(List.of(arguments));
    return new SpringApplication(LoadService.class).run(all.toArray(String[]::new));
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Sends requests from every client thread until the time is up; returns how many succeeded. */
  private Run run(HttpClient client, String url, double duration) throws Exception {
    long cpuBefore = processCpuNanos();
    long serverBefore = serverThreadsCpuNanos();
    long deadline = System.nanoTime() + (long) (duration * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        counts.add(pool.submit(() -> {
          long done = 0;
          while (System.nanoTime() < deadline) {
            if (get(client, url) == 200) {
              done++;
            }
          }
          return done;
        }));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get((long) duration + 30, TimeUnit.SECONDS);
      }
      long cpuAfter = processCpuNanos();
      long serverAfter = serverThreadsCpuNanos();
      return new Run(total, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore,
          serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int get(HttpClient client, String url) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
