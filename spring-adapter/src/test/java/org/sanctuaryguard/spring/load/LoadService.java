package org.sanctuaryguard.spring.load;

import org.sanctuaryguard.spring.city.Model;
import org.sanctuaryguard.spring.city.Model.Office;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service of the load test: a JSON endpoint returning a resident's record (three protected
 * properties and a subject id) and one returning an office with nothing protected. Security lets
 * every request through, so that only the guard differs between the two runs.
 *
 * <p>{@code load.work-micros} (default 0) makes each request spend that much more CPU time in the
 * handler, in a loop that neither allocates nor touches memory: a known cost, against which the
 * load test can weigh the adapter's.
 */
@SpringBootApplication
public class LoadService {

  @RestController
  static class Endpoints {

    private final long workIterations;

    Endpoints(@Value("${load.work-micros:0}") double workMicros) {
      this.workIterations = Work.iterations(workMicros);
    }

    @GetMapping("/residents/{id}")
    Resident resident(@PathVariable String id) {
      Work.spend(workIterations);
      return Model.resident();
    }

    @GetMapping("/offices/{id}")
    Office office(@PathVariable String id) {
      Work.spend(workIterations);
      return new Office("Canal St Job Center", "Manhattan");
    }
  }

  /**
   * CPU work of a known duration: steps of a generator, each depending on the last, timed once per
   * JVM (the fastest of several timings, so that the machine's other threads do not stretch it).
   */
  static final class Work {

    private static final int TIMED_STEPS = 1_000_000;
    private static volatile long sink;
    private static double stepsPerMicro;

    private Work() {}

    static synchronized long iterations(double micros) {
      if (micros <= 0) {
        return 0;
      }
      if (stepsPerMicro == 0) {
        for (int i = 0; i < 50; i++) {
          sink = steps(TIMED_STEPS / 10, i);
        }
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
          long start = System.nanoTime();
          sink = steps(TIMED_STEPS, i);
          fastest = Math.min(fastest, System.nanoTime() - start);
        }
        stepsPerMicro = TIMED_STEPS * 1e3 / fastest;
      }
      return Math.round(micros * stepsPerMicro);
    }

    static void spend(long iterations) {
      if (iterations > 0) {
        sink = steps(iterations, sink);
      }
    }

    private static long steps(long count, long seed) {
      long x = seed;
      for (long i = 0; i < count; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
        x ^= x >>> 29;
      }
      return x;
    }
  }

  @Bean
  SecurityFilterChain everyoneThrough(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
  }
}
