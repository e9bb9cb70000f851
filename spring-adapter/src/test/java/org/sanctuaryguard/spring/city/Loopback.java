package org.sanctuaryguard.spring.city;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.core.publisher.Mono;

/**
 * Sends every call of the test clients to the recording server on the loopback interface, whatever
 * host its URI names: the adapter sees the real destination (ice.gov, nypd.org), the bytes go to
 * 127.0.0.1, and no call ever reaches the network.
 */
final class Loopback {

  /** The header in which the recording server learns the host the call was addressed to. */
  static final String ORIGINAL_HOST = "X-Original-Host";

  private Loopback() {}

  static URI toLoopback(URI uri, int port) {
    try {
      return new URI("http", null, "127.0.0.1", port, uri.getRawPath(), uri.getRawQuery(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * A request factory that opens every connection to the recording server, after every interceptor.
   * Like the factories Spring Boot builds for a guarded service, it follows no redirect itself.
   */
  static ClientHttpRequestFactory requestFactory(RecordingServer server) {
    SimpleClientHttpRequestFactory loopback = new SimpleClientHttpRequestFactory() {
      @Override
      protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
        super.prepareConnection(connection, httpMethod);
        connection.setInstanceFollowRedirects(false);
      }
    };
    return new ClientHttpRequestFactory() {
      @Override
      public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
        ClientHttpRequest request = loopback.createRequest(toLoopback(uri, server.port()), method);
        request.getHeaders().set(ORIGINAL_HOST, uri.getHost());
        return request;
      }
    };
  }

  /** A WebClient connector that connects to the recording server, after every filter. */
  static ClientHttpConnector connector(RecordingServer server) {
    ReactorClientHttpConnector loopback = new ReactorClientHttpConnector();
    return new ClientHttpConnector() {
      @Override
      public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
          Function<? super org.springframework.http.client.reactive.ClientHttpRequest, Mono<Void>> callback) {
        return loopback.connect(method, toLoopback(uri, server.port()), request -> {
          request.getHeaders().set(ORIGINAL_HOST, uri.getHost());
          // the request the guard's writer is given goes, as far as the guard can tell, where the call was addressed
          return callback.apply(new ClientHttpRequestDecorator(request) {
            @Override
            public URI getURI() {
              return uri;
            }
          });
        });
      }
    };
  }
}
