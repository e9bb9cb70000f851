package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.springframework.http.server.DelegatingServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

/** Who asked for a streamed response is found from what its elements are written to, until it is complete. */
class StreamedResponsesTest {

  private static final InboundRequest STAFF =
      new InboundRequest(Requester.of(Recipient.unknown("a test")), Purpose.OTHER, LegalBasis.none());

  private final StreamedResponses streamed = new StreamedResponses();
  private final MockHttpServletRequest request = new MockHttpServletRequest();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void ofWhenElementsAreWrittenThroughWrappersOfTheResponseThenFindsWhoAsked() {
    streamed.open(request, response, STAFF);

    // as Spring MVC writes an emitter's elements once the request went on asynchronously
    HttpServletResponseWrapper asynchronous = new HttpServletResponseWrapper(response);
    assertThat(streamed.of(new DelegatingServerHttpResponse(new ServletServerHttpResponse(asynchronous))))
        .isSameAs(STAFF);
    assertThat(streamed.of(new ServletServerHttpResponse(response))).isSameAs(STAFF);
  }

  @Test
  void ofWhenAnotherResponseOrNoneWasOpenedThenNobody() {
    assertThat(streamed.of(new ServletServerHttpResponse(response))).isNull();

    streamed.open(request, response, STAFF);

    assertThat(streamed.of(new ServletServerHttpResponse(new MockHttpServletResponse()))).isNull();
  }

  @Test
  void closeWhenTheRequestEndsThenTheResponseIsForgotten() {
    streamed.open(request, response, STAFF);

    streamed.close(request, response);

    assertThat(streamed.of(new ServletServerHttpResponse(response))).isNull();
    assertThat(streamed.size()).isZero();
  }

  @Test
  void closeWhenEachDispatchKeptAResponseThenAllAreForgotten() {
    HttpServletResponseWrapper redispatched = new HttpServletResponseWrapper(new MockHttpServletResponse());
    streamed.open(request, response, STAFF);
    streamed.open(request, redispatched, STAFF);

    streamed.close(request, redispatched);

    assertThat(streamed.size()).as("the first dispatch's response too").isZero();
  }

  @Test
  void openWhenTheRequestGoesOnAsynchronouslyThenForgottenOnceTheAsynchronousResponseIsComplete() throws Exception {
    request.setAsyncSupported(true);
    streamed.open(request, response, STAFF);
    WebAsyncManager manager = WebAsyncUtils.getAsyncManager(request);
    manager.setAsyncWebRequest(new StandardServletAsyncWebRequest(request, response));
    DeferredResult<Object> result = new DeferredResult<>();

    manager.startDeferredResultProcessing(result);
    result.setResult("sent");
    assertThat(streamed.size()).as("until the response is complete").isOne();
    ((MockAsyncContext) request.getAsyncContext()).complete();

    assertThat(streamed.size()).isZero();
  }
}
