package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain JDK client of the service under test, outside every guard: what an agency would see, and
 * what the tests assert of it.
 */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final String base;

  Http(int port) {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port);
  }

  Http(HttpClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /** Sends a GET; headers come as name, value, name, value... */
  HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET(), headers);
  }

  /** Sends a POST of a JSON body; headers come as name, value, name, value... */
  HttpResponse<String> post(String path, String json, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), headers);
  }

  /** Adds the headers (name, value, name, value...) to the request and sends it. */
  private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String[] basic(String user) {
    return new String[] {"Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))};
  }

  /** Headers, name, value, name, value..., followed by more. */
  static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /**
   * Asserts that the response is the guard's 403 problem of that outcome, with its reasons and no
   * value of the record, and returns it.
   */
  static JsonNode assertRefused(HttpResponse<String> response, String outcome) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS, Model.PHONE, Model.SUBJECT);
    JsonNode problem = json(response);
    assertThat(problem.get("type").asString()).endsWith("#disclosure-refused");
    assertThat(problem.get("title").asString()).isEqualTo("Disclosure refused");
    assertThat(problem.get("status").asInt()).isEqualTo(403);
    assertThat(problem.get("outcome").asString()).isEqualTo(outcome);
    assertThat(problem.get("reasons")).isNotEmpty();
    assertThat(problem.has("instance")).isFalse();
    return problem;
  }
}
