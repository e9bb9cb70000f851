package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * With Spring Boot's structured logging in the Elastic Common Schema, a guard event comes out as
 * one JSON object per line whose fields are the event's key-value pairs, and nothing protected.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

  @Test
  void eventWhenLoggedAsEcsThenItsKeyValuePairsAreJsonFields(CapturedOutput output) {
    // Logback is configured once per JVM: another test's application may have done it already.
    LoggingSystem.get(getClass().getClassLoader()).cleanUp();
    SpringApplication application = new SpringApplication(CityService.class);
    try (ConfigurableApplicationContext context = application.run(
        "--logging.structured.format.console=ecs",
        "--server.address=127.0.0.1",
        "--server.port=0",
        "--sanctuary.guard.holder=social-services",
        "--spring.main.banner-mode=off")) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();

      assertThat(new Http(port).get("/contacts/C-1001").statusCode()).isEqualTo(403);
    }

    List<JsonNode> events = new ArrayList<>();
    for (String line : output.getOut().split("\\R")) {
      if (line.startsWith("{") && line.contains("org.sanctuaryguard.events")) {
        events.add(Http.JSON.readTree(line));
      }
    }
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.toString()).doesNotContain(Model.NAME, Model.ADDRESS, Model.SUBJECT);
    assertThat(event.at("/log/logger").asString()).isEqualTo("org.sanctuaryguard.events");
    assertThat(field(event, "sanctuary.outcome")).isEqualTo("deny");
    assertThat(field(event, "sanctuary.recipient.class")).isEqualTo("unknown");
    assertThat(field(event, "sanctuary.holder")).isEqualTo("social-services");
    assertThat(field(event, "event.action")).isEqualTo("disclosure-decision");
    assertThat(event.toString()).contains("nyc.10-178.no-city-resources");
  }

  /** Configures Logback as it was, so that the tests after this one do not log in JSON. */
  @AfterEach
  void restorePlainLogging() {
    System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
    LoggingSystem system = LoggingSystem.get(getClass().getClassLoader());
    system.cleanUp();
    system.beforeInitialize();
    system.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
  }

  /** A dotted field, as a flat key or nested objects, whichever the formatter writes. */
  private static String field(JsonNode event, String name) {
    JsonNode flat = event.get(name);
    return flat != null ? flat.asString() : event.at("/" + name.replace('.', '/')).asString();
  }
}
