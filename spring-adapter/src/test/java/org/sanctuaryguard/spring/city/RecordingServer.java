package org.sanctuaryguard.spring.city;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An HTTP server on the loopback interface that records every request whose headers reach it, body
 * or not, and answers {@code {"received":true}}: what a refused call must leave it is nothing. A
 * request to {@code /redirect/<status>/<scheme>/<host>/<path>} is answered with that redirect status
 * and the location {@code <scheme>://<host>/<path>}.
 */
public final class RecordingServer implements AutoCloseable {

  /** A request as it arrived; its headers by their names in lower case, each with its first value. */
  public record Received(String method, String path, String host, String contentType, String authorization,
      String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", exchange -> {
      // recorded as soon as a request's headers arrive, whether or not a body follows
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "(the body did not arrive: " + e.getClass().getSimpleName() + ")";
      }
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          String.valueOf(exchange.getRequestHeaders().getFirst(Loopback.ORIGINAL_HOST)),
          String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
          String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body,
          exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toUnmodifiableMap(
              header -> header.getKey().toLowerCase(Locale.ROOT), header -> header.getValue().get(0)))));
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/redirect/")) {
        String[] redirect = path.substring("/redirect/".length()).split("/", 3);
        exchange.getResponseHeaders().set("Location", redirect[1] + "://" + redirect[2]);
        exchange.sendResponseHeaders(Integer.parseInt(redirect[0]), -1);
        exchange.close();
        return;
      }
      byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Waits, at most five seconds, until this many requests were recorded: a request whose client
   * gave up on its body is recorded only when the server has read to its end.
   */
  public List<Received> awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return received();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
