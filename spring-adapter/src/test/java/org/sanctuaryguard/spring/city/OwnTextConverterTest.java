package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * A service that adds a converter of its own, which writes any object as its {@code toString}
 * ({@code text/plain}), after Spring MVC's: a record it writes is the guard's redacted copy, whether
 * a handler returns it, an emitter sends it, or a functional endpoint answers with it.
 */
@CityServiceTest
@Import({OwnTextConverterTest.TextConverter.class, OwnTextConverterTest.TextEndpoints.class})
class OwnTextConverterTest {

  /** Writes any object as its {@code toString}: a record's, every component. */
  static final class ToStringConverter extends AbstractHttpMessageConverter<Object> {

    ToStringConverter() {
      super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
      return true;
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage input) {
      throw new UnsupportedOperationException("writes only");
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage output) throws IOException {
      output.getBody().write(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  static class TextConverter {

    @Bean
    WebMvcConfigurer toStringConverter() {
      return new WebMvcConfigurer() {
        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
          builder.configureMessageConvertersList(converters -> converters.add(new ToStringConverter()));
        }
      };
    }

    @Bean
    RouterFunction<ServerResponse> textRoutes() {
      return RouterFunctions.route().GET("/text/functional/residents/{id}", request -> ServerResponse.ok()
          .contentType(MediaType.TEXT_PLAIN).body(Model.resident())).build();
    }
  }

  @RestController
  static class TextEndpoints {

    @GetMapping(path = "/text/residents/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
    Resident resident(@PathVariable @SubjectId String id) {
      return Model.resident();
    }

    @GetMapping("/text/residents/{id}/updates")
    ResponseBodyEmitter updates(@PathVariable @SubjectId String id) {
      ResponseBodyEmitter emitter = new ResponseBodyEmitter(10_000L);
      CompletableFuture.runAsync(() -> {
        try {
          emitter.send(Model.resident(), MediaType.TEXT_PLAIN);
          emitter.complete();
        } catch (IOException | RuntimeException e) {
          emitter.completeWithError(e);
        }
      });
      return emitter;
    }
  }

  @LocalServerPort
  int port;

  @Test
  void getWhenTheApplicationsConverterWritesARecordThenItWritesTheRedactedCopyOfItsDecision() {
    Http http = new Http(port);

    for (String path : new String[] {"/text/residents/C-1001", "/text/residents/C-1001/updates",
        "/text/functional/residents/C-1001"}) {
      HttpResponse<String> ice = http.get(path, Decided.ICE);
      HttpResponse<String> police = http.get(path, Http.basic("detective"));

      assertThat(ice.statusCode()).as(path + " for ICE").isEqualTo(403);
      assertThat(ice.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
      assertThat(police.statusCode()).as(path + " for the police").isEqualTo(200);
      assertThat(police.body()).as(path + " for the police").startsWith("Resident[").contains(Model.NAME)
          .doesNotContain(Model.STATUS);
    }
  }
}
