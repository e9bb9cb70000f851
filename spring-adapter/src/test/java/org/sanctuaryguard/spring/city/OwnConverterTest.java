package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service that puts a JSON converter of its own, with a mapper it built by hand (without the
 * guard's module), ahead of Spring MVC's: responses, streamed elements and functional endpoints'
 * bodies are still redacted to their decisions, since the converter is given the guard's redacted
 * copy.
 */
@CityServiceTest
@Import(OwnConverterTest.OwnConverter.class)
class OwnConverterTest {

  static class OwnConverter {

    @Bean
    WebMvcConfigurer indentingJson() {
      return new WebMvcConfigurer() {
        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
          builder.configureMessageConvertersList(
              converters -> converters.add(0, new JacksonJsonHttpMessageConverter(JsonMapper.builder().build())));
        }
      };
    }
  }

  @LocalServerPort
  int port;

  @Test
  void getWhenTheApplicationsConverterLacksTheModuleThenTheRecordIsStillRedactedToTheDecision() {
    Http http = new Http(port);

    HttpResponse<String> police = http.get("/residents/C-1001", Http.basic("detective"));
    HttpResponse<String> ice = http.get("/residents/C-1001", "X-API-Key", CityServiceTest.ICE_KEY);

    assertThat(police.statusCode()).isEqualTo(200);
    assertThat(police.body()).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
    assertThat(ice.statusCode()).isEqualTo(403);
    assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
  }

  @Test
  void getWhenTheApplicationsConverterWritesAStreamOrAFunctionalEndpointThenEachIsRedactedToItsDecision() {
    Http http = new Http(port);

    for (String path : new String[] {"/residents/C-1001/updates", "/functional/residents/C-1001"}) {
      HttpResponse<String> police = http.get(path, Http.basic("detective"));
      HttpResponse<String> ice = http.get(path, "X-API-Key", CityServiceTest.ICE_KEY);

      assertThat(police.statusCode()).as(path).isEqualTo(200);
      assertThat(police.body()).as(path).contains(Model.NAME, Model.ADDRESS).doesNotContain(Model.STATUS);
      assertThat(ice.statusCode()).as(path).isEqualTo(403);
      assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
    }
  }
}
