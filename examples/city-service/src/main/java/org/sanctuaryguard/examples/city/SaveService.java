package org.sanctuaryguard.examples.city;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for USCIS SAVE, the status verification a benefits agency itself starts, so that the
 * example runs without a network: an HTTP server on 127.0.0.1 only, which answers every
 * verification with a case verification number and an initial response. It keeps the latest
 * requests that reach it, whatever their path, so that tests can see what left the service; it
 * logs nothing.
 */
public final class SaveService implements AutoCloseable {

  /** The path of verification requests. */
  public static final String PATH = "/save/v1/verifications";

  private static final int KEPT = 100;

  /**
   * A request as it reached the service.
   *
   * @param method the HTTP method
   * @param target the request target as sent: a path, or a whole URI when the service acts as a proxy
   * @param body the body
   * @since 0.1.0
   */
  public record Received(String method, String target, String body) {

    /** Shows the method, the path and the body's length: the body, or a query, names a resident. */
    @Override
    public String toString() {
      int query = target.indexOf('?');
      return "Received[" + method + " " + (query < 0 ? target : target.substring(0, query)) + ", body of "
          + body.length() + " chars]";
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "save-service");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger cases = new AtomicInteger();

  /**
   * Starts the service on the loopback interface.
   *
   * @param port the port, or 0 for any free one
   * @throws IOException if it cannot listen
   */
  public SaveService(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.setExecutor(executor);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Returns the address of verification requests. */
  public URI verifications() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Returns the port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the latest requests that reached it, oldest first. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Forgets the requests received. */
  public void clear() {
    synchronized (received) {
      received.clear();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    synchronized (received) {
      if (received.size() == KEPT) {
        received.remove(0);
      }
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body));
    }
    boolean verification = "POST".equals(exchange.getRequestMethod())
        && exchange.getRequestURI().getPath().equals(PATH);
    byte[] answer = (verification
        ? "{\"caseVerificationNumber\":\"0026" + String.format("%09d", cases.incrementAndGet())
            + "XX\",\"initialResponse\":\"Institute additional verification\"}"
        : "{\"error\":\"not a SAVE verification\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(verification ? 200 : 404, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** Stops the service. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
