package org.sanctuaryguard.examples.city;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.sanctuaryguard.audit.SigningKeys;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The city service on a random port of 127.0.0.1, writing its guard log, signed with a key made for
 * the run, under {@code target/}. Every call the service makes leaves through its SAVE-like service,
 * as through a city's egress proxy, so that the SAVE service sees whatever would leave, wherever it
 * is addressed; the ICE tip line is plain HTTP here so that a call to it would arrive there whole.
 * Test classes that extend this share one application context.
 */
@SpringBootTest(classes = {CityServiceApplication.class, RunningService.Egress.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "server.address=127.0.0.1",
        "sanctuary.guard.audit.file.checkpoint-every-events=4",
        "sanctuary.guard.audit.slf4j.enabled=false",
        "city.referrals.ice-tip-line=http://www.ice.gov/webform/hsi-tip-form"})
abstract class RunningService {

  static final Path DIRECTORY;
  static final KeyPair KEYS = SigningKeys.generate();

  static {
    try {
      DIRECTORY = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "city-service-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SigningKeys.write(KEYS, DIRECTORY.resolve("guard-log.key"), DIRECTORY.resolve("guard-log.pub"));
  }

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void guardLog(DynamicPropertyRegistry properties) {
    properties.add("sanctuary.guard.audit.file.directory", () -> DIRECTORY.resolve("log").toString());
    properties.add("sanctuary.guard.audit.file.signing-key-file", () -> DIRECTORY.resolve("guard-log.key").toString());
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Sends the service's calls through its SAVE-like service, which records them. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Egress {

    @Bean
    RestClientCustomizer throughTheSaveService(SaveService save) {
      HttpClient client = HttpClient.newBuilder()
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", save.port())))
          .build();
      return builder -> builder.requestFactory(new JdkClientHttpRequestFactory(client));
    }
  }
}
