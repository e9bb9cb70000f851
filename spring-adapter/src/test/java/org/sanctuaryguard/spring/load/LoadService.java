package org.sanctuaryguard.spring.load;

import org.sanctuaryguard.spring.city.Model;
import org.sanctuaryguard.spring.city.Model.Office;
import org.sanctuaryguard.spring.city.Model.Resident;
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
 */
@SpringBootApplication
public class LoadService {

  @RestController
  static class Endpoints {

    @GetMapping("/residents/{id}")
    Resident resident(@PathVariable String id) {
      return Model.resident();
    }

    @GetMapping("/offices/{id}")
    Office office(@PathVariable String id) {
      return new Office("Canal St Job Center", "Manhattan");
    }
  }

  @Bean
  SecurityFilterChain everyoneThrough(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
  }
}
