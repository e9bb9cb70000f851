package org.sanctuaryguard.spring.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Throughput of a JSON endpoint on loopback with and without the adapter: two instances of {@link
 * LoadService} in one JVM, one with the guard (identifying the requester, deciding each response
 * that holds protected values, writing the decision to a guard log, redacting through the Jackson
 * module) and one with every auto-configuration of the adapter excluded. Runs are interleaved
 * (without, with, with, without, ...) and each is bounded in time; a client thread sends requests
 * one after the other for the run's duration.
 *
 * <p>The build runs it briefly, as a check that it works; a measurement passes longer runs as system
 * properties, as {@code benchmarks/RESULTS.md} shows: {@code loadtest.seconds} (per run, default
 * 0.5), {@code loadtest.rounds} (default 2), {@code loadtest.threads} (client threads, default 2),
 * {@code loadtest.warmup} (seconds per instance and endpoint before measuring, default 0.5), and
 * {@code loadtest.fsync-every-events} (the guard log's forcing to disk, default 0: left to the
 * operating system, so that the figure is the adapter's; with forcing, each force holds the guard
 * log's lock for as long as the disk takes).
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

  @Test
  void throughputWhenGuardedThenReportedAgainstTheSameServiceUnguarded(@TempDir Path guardLog) throws Exception {
    try (ConfigurableApplicationContext without = start("--spring.autoconfigure.exclude=" + String.join(",", ADAPTER));
        ConfigurableApplicationContext with = start(
            "--sanctuary.guard.holder=social-services",
            "--sanctuary.guard.inbound.default-recipient=city-agency",
            "--sanctuary.guard.audit.slf4j.enabled=false",
            "--sanctuary.guard.audit.file.directory=" + guardLog,
            "--sanctuary.guard.audit.file.fsync-every-events=" + fsyncEveryEvents)) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String plain = base(without);
      String guarded = base(with);
      for (String path : List.of("/residents/C-1001", "/offices/1")) {
        assertThat(get(client, plain + path)).isEqualTo(200);
        assertThat(get(client, guarded + path)).isEqualTo(200);
      }
      for (String path : List.of("/residents/C-1001", "/offices/1")) {
        run(client, plain + path, warmup);
        run(client, guarded + path, warmup);
        long unguardedRequests = 0;
        long guardedRequests = 0;
        for (int round = 0; round < rounds; round++) {
          boolean unguardedFirst = round % 2 == 0;
          long first = run(client, (unguardedFirst ? plain : guarded) + path, seconds);
          long second = run(client, (unguardedFirst ? guarded : plain) + path, seconds);
          unguardedRequests += unguardedFirst ? first : second;
          guardedRequests += unguardedFirst ? second : first;
        }
        double ratio = (double) guardedRequests / unguardedRequests;
        System.out.printf(Locale.ROOT, "loopback load %s: without the adapter %.0f req/s, with it %.0f req/s,"
                + " ratio %.3f (%d rounds of %.1f s, %d client threads, fsync every %d events)%n", path,
            unguardedRequests / (rounds * seconds), guardedRequests / (rounds * seconds), ratio, rounds, seconds, threads,
            fsyncEveryEvents);
        assertThat(unguardedRequests).isPositive();
        assertThat(guardedRequests).isPositive();
      }
      try (var files = Files.list(guardLog)) {
        assertThat(files.toList()).as("the guarded instance wrote its decisions to the guard log").isNotEmpty();
      }
    }
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
  private long run(HttpClient client, String url, double duration) throws Exception {
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
      return total;
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
