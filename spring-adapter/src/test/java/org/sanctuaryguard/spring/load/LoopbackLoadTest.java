package org.sanctuaryguard.spring.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
 * for as long as the disk takes).
 *
 * <p>Besides the ratio of all requests, it prints the median, quartiles and extremes of the rounds'
 * ratios (a round is one run of each instance, back to back), and the process's CPU time per
 * request of each instance's runs: the services and their client share the machine, so the
 * difference is what the adapter costs a request, give or take the control's difference.
 */
class LoopbackLoadTest {

  private static final String[] ADAPTER = {
      "org.sanctuaryguard.spring.SanctuaryGuardAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardWebAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardClientAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardMetricsAutoConfiguration",
      "org.sanctuaryguard.spring.SanctuaryGuardEndpointAutoConfiguration"};

  private final double seconds = Double.parseDouble(System.getProperty("loadtest.seconds", "0.5"));
  private final int rounds = Integer.getInteger("loadtest.rounds", 2);
  private final int threads = Integer.getInteger("loadtest.threads", 2);
  private final double warmup = Double.parseDouble(System.getProperty("loadtest.warmup", "0.5"));
  private final int fsyncEveryEvents = Integer.getInteger("loadtest.fsync-every-events", 0);
  private final List<String> paths = List.of(System.getProperty("loadtest.paths", "/residents/C-1001,/offices/1")
      .split(","));
  private final boolean fileLog = !"none".equals(System.getProperty("loadtest.guard-log", "file"));

  /** Requests that succeeded in a run, and the process's CPU time meanwhile (-1 where unknown). */
  private record Run(long requests, long cpuNanos) {}

  @Test
  void throughputWhenGuardedThenReportedAgainstTheSameServiceUnguarded(@TempDir Path guardLog) throws Exception {
    String unguardedArgument = "--spring.autoconfigure.exclude=" + String.join(",", ADAPTER);
    try (ConfigurableApplicationContext without = start(unguardedArgument);
        ConfigurableApplicationContext with = start(
            "--sanctuary.guard.holder=social-services",
            "--sanctuary.guard.inbound.default-recipient=city-agency",
            "--sanctuary.guard.audit.slf4j.enabled=" + !fileLog,
            fileLog ? "--sanctuary.guard.audit.file.directory=" + guardLog : "--sanctuary.guard.audit.file.directory=",
            "--sanctuary.guard.audit.file.fsync-every-events=" + fsyncEveryEvents);
        ConfigurableApplicationContext control = start(unguardedArgument)) {
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
        report(path + ", control (a second instance without it)", runs.get(0), runs.get(2));
      }
      if (fileLog) {
        try (var files = Files.list(guardLog)) {
          assertThat(files.toList()).as("the guarded instance wrote its decisions to the guard log").isNotEmpty();
        }
      }
    }
  }

  /** Prints how the other instance's runs compare with the unguarded one's, round by round and in all. */
  private void report(String what, List<Run> unguarded, List<Run> other) {
    long unguardedRequests = unguarded.stream().mapToLong(Run::requests).sum();
    long otherRequests = other.stream().mapToLong(Run::requests).sum();
    assertThat(unguardedRequests).isPositive();
    assertThat(otherRequests).isPositive();
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      ratios[round] = (double) other.get(round).requests() / unguarded.get(round).requests();
    }
    double[] interval = interval(unguarded, other);
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "loopback load %s: ratio %.3f (95%% interval %.3f to %.3f), median of rounds %.3f (quartiles %.3f and %.3f,"
            + " least %.3f, most %.3f); %.0f req/s against %.0f without the adapter; CPU per request %s against %s"
            + " (%d rounds of %.1f s, %d client threads, guard log %s, fsync every %d events)%n", what,
        (double) otherRequests / unguardedRequests, interval[0], interval[1], ratios[rounds / 2], ratios[rounds / 4], ratios[rounds * 3 / 4],
        ratios[0], ratios[rounds - 1], otherRequests / (rounds * seconds), unguardedRequests / (rounds * seconds),
        cpuPerRequest(other), cpuPerRequest(unguarded), rounds, seconds, threads, fileLog ? "in files" : "off",
        fsyncEveryEvents);
  }

  /**
   * A 95 % interval of the ratio of all requests, by the percentile bootstrap over rounds: rounds
   * drawn again with replacement, 10,000 times, with a fixed seed so that a report reads the same
   * from the same runs. Rounds, not runs, are drawn, so that each keeps its pairing in time.
   */
  private double[] interval(List<Run> unguarded, List<Run> other) {
    SplittableRandom random = new SplittableRandom(20261122);
    double[] resampled = new double[10_000];
    for (int i = 0; i < resampled.length; i++) {
      long unguardedRequests = 0;
      long otherRequests = 0;
      for (int draw = 0; draw < rounds; draw++) {
        int round = random.nextInt(rounds);
        unguardedRequests += unguarded.get(round).requests();
        otherRequests += other.get(round).requests();
      }
      resampled[i] = unguardedRequests == 0 ? Double.NaN : (double) otherRequests / unguardedRequests;
    }
    Arrays.sort(resampled);
    return new double[] {resampled[resampled.length / 40], resampled[resampled.length - 1 - resampled.length / 40]};
  }

  private static String cpuPerRequest(List<Run> runs) {
    long requests = runs.stream().mapToLong(Run::requests).sum();
    long cpu = runs.stream().mapToLong(Run::cpuNanos).sum();
    return runs.stream().anyMatch(run -> run.cpuNanos() < 0) || requests == 0 ? "unknown"
        : String.format(Locale.ROOT, "%.0f µs", cpu / 1e3 / requests);
  }

  /** The process's CPU time, where the platform tells it. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static ConfigurableApplicationContext start(String... arguments) {
    List<String> all = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
        "--spring.main.banner-mode=off", "--logging.level.root=warn"));
    all.addAll(List.of(arguments));
    return new SpringApplication(LoadService.class).run(all.toArray(String[]::new));
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Sends requests from every client thread until the time is up; returns how many succeeded. */
  private Run run(HttpClient client, String url, double duration) throws Exception {
    long cpuBefore = processCpuNanos();
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
      return new Run(total, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
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
