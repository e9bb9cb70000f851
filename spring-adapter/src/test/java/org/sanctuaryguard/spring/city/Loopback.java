package org.sanctuaryguard.spring.city;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
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

  /**
   * A request factory like {@link #requestFactory}, whose requests say they go where the call was
   * addressed, as an HTTP library's do: the adapter's wrapper of the factories Spring Boot builds
   * checks the URI of the request the library made.
   */
  static ClientHttpRequestFactory addressedRequestFactory(RecordingServer server) {
    ClientHttpRequestFactory loopback = requestFactory(server);
    return (uri, method) -> new Addressed(loopback.createRequest(uri, method), uri);
  }

  /** A request to the recording server that says it goes to the URI it was addressed to. */
  private record Addressed(ClientHttpRequest request, URI addressed) implements ClientHttpRequest {

    @Override
    public OutputStream getBody() throws IOException {
      return request.getBody();
    }

    @Override
    public org.springframework.http.client.ClientHttpResponse execute() throws IOException {
      return request.execute();
    }

    @Override
    public HttpMethod getMethod() {
      return request.getMethod();
    }

    @Override
    public URI getURI() {
      return addressed;
    }

    @Override
    public HttpHeaders getHeaders() {
      return request.getHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return request.getAttributes();
    }
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
