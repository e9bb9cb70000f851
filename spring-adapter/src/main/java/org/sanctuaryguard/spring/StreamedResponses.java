package org.sanctuaryguard.spring;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.server.DelegatingServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * The requests whose handlers may stream their bodies (a {@code ResponseBodyEmitter}, an {@code
 * SseEmitter}, a {@code Flux}, a functional endpoint's server-sent events), by the servlet response
 * their elements are written to. Spring MVC writes a streamed element through the message
 * converters without the response advice, on whichever thread sends it, so the JSON converter finds
 * here who asked, and decides each element ({@link GuardedJsonConverter}). A request is kept until
 * its response is complete.
 */
final class StreamedResponses {

  /** The request attribute that lists the responses kept for the request, one per dispatch. */
  private static final String KEPT = StreamedResponses.class.getName() + ".kept";
  /** The request attribute that marks a stream the guard cut short. */
  private static final String CUT_SHORT = StreamedResponses.class.getName() + ".cutShort";

  private final Map<ServletResponse, Stream> requests = new ConcurrentHashMap<>();

  /**
   * Who asked for a stream, its request, the result that ends its asynchronous processing once it
   * began, and the emitter its handler returned, once Spring MVC took it.
   */
  private static final class Stream {

    final InboundRequest inbound;
    final HttpServletRequest request;
    volatile @Nullable DeferredResult<?> result;
    volatile @Nullable ResponseBodyEmitter emitter;
    /** Whether the guard completed the emitter with the failure of one of its elements. */
    volatile boolean ended;

    Stream(InboundRequest inbound, HttpServletRequest request) {
      this.inbound = inbound;
      this.request = request;
    }
  }

  /**
   * Keeps who asked for the response until the request is complete, asynchronously or not. Each
   * dispatch of the request (an emitter behind a {@code CompletableFuture} takes two) keeps its own
   * response object, and all of them are forgotten together.
   */
  void open(HttpServletRequest request, HttpServletResponse response, InboundRequest inbound) {
    Stream stream = new Stream(inbound, request);
    requests.put(response, stream);
    @SuppressWarnings("unchecked")
    List<ServletResponse> kept = (List<ServletResponse>) request.getAttribute(KEPT);
    if (kept == null) {
      kept = new CopyOnWriteArrayList<>();
      request.setAttribute(KEPT, kept);
    }
    kept.add(response);
    List<ServletResponse> forget = kept;
    WebAsyncUtils.getAsyncManager(request).registerDeferredResultInterceptor(StreamedResponses.class,
        new DeferredResultProcessingInterceptor() {
          @Override
          public <T> void preProcess(NativeWebRequest webRequest, DeferredResult<T> deferredResult) {
            stream.result = deferredResult;
          }

          @Override
          public <T> void afterCompletion(NativeWebRequest webRequest, DeferredResult<T> deferredResult) {
            forget.forEach(requests::remove);
          }
        });
  }

  /** Forgets the request's responses: it is over, unless it went on asynchronously. */
  void close(HttpServletRequest request, HttpServletResponse response) {
    if (requests.isEmpty()) {
      return;
    }
    requests.remove(response);
    if (request.getAttribute(KEPT) instanceof List<?> kept) {
      kept.forEach(requests::remove);
    }
  }

  /** Returns who asked for the response a message is written to, or null if it streams nothing. */
  @Nullable InboundRequest of(HttpOutputMessage message) {
    Stream stream = streamOf(message);
    return stream == null ? null : stream.inbound;
  }

  /**
   * Keeps the emitter a handler returned for the response (directly or in a {@code
   * ResponseEntity}), so that a failed element completes it ({@link #fail}).
   */
  void emitting(ServletResponse response, ResponseBodyEmitter emitter) {
    Stream stream = streamOf(response);
    if (stream != null) {
      stream.emitter = emitter;
    }
  }

  /** Whether the guard completed the emitter of the response with the failure of one of its elements. */
  boolean ended(ServletResponse response) {
    Stream stream = streamOf(response);
    return stream != null && stream.ended;
  }

  /**
   * Ends the stream a message is written to with the failure of one of its elements, so that
   * nothing more is written to it, whichever thread sent the element.
   *
   * <p>The emitter the handler returned, if it is known ({@link #emitting}), is ended here. This is
   * called within its {@code send}, which holds its lock, so no other thread's send writes between
   * the refused element and the end, and every later send fails before it writes. If nothing of the
   * stream was written yet, the refusal is answered at once (403, or 500 if the element could not
   * be decided) and the emitter completed, so that what the application does next (its {@code
   * complete()}, which flushes the response) cannot make it a stream; else the emitter is completed
   * with the failure, and the container cuts the stream short. This holds for an element Spring MVC
   * sends as it starts the stream (one sent before the handler returned), where Spring MVC itself
   * would leave the emitter open.
   *
   * <p>For a stream without such an emitter (a {@code Flux}, a functional endpoint's server-sent
   * events), the asynchronous request is ended with the failure when the element was sent from a
   * thread other than its request's own (where the failure goes on through Spring MVC's dispatch).
   * It does not wait for the application to complete the stream, which a functional endpoint's
   * server-sent events cannot after a failed send, nor for the application to catch the failure at
   * all (a record sent to a follower's stream from another request's code).
   */
  void fail(HttpOutputMessage message, StreamedElementException failure) {
    ServletResponse written = servletResponse(message);
    Stream stream = written == null ? null : streamOf(written);
    if (stream == null) {
      return;
    }
    ResponseBodyEmitter emitter = stream.emitter;
    if (emitter != null && written instanceof HttpServletResponse response) {
      stream.ended = true;
      boolean answered;
      try {
        answered = RefusedResponseResolver.answer(stream.request, response, failure);
      } catch (UncheckedIOException gone) {
        answered = false; // the client is gone
      }
      if (answered) {
        emitter.complete();
      } else {
        emitter.completeWithError(failure);
      }
      return;
    }
    DeferredResult<?> result = stream.result;
    if (result != null && !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
        && current.getRequest() == stream.request)) {
      result.setErrorResult(failure);
    }
  }

  /**
   * Marks the request's stream as cut short by the guard: it began, and the container aborts it
   * once the failure of its element leaves the servlet ({@link RefusedResponseResolver}).
   */
  static void cutShort(ServletRequest request) {
    request.setAttribute(CUT_SHORT, Boolean.TRUE);
  }

  /**
   * Whether the guard cut the request's stream short: the container's error dispatch that follows
   * has nothing to write to it, since the response is committed, and the error page it would write
   * (Spring Boot's, a map, with the stream's {@code text/event-stream}) only fails with warnings.
   */
  static boolean wasCutShort(ServletRequest request) {
    return request.getAttribute(CUT_SHORT) != null;
  }

  private @Nullable Stream streamOf(HttpOutputMessage message) {
    ServletResponse written = requests.isEmpty() ? null : servletResponse(message);
    return written == null ? null : streamOf(written);
  }

  /** The servlet response a message is written to, or null if it is not a servlet's. */
  static @Nullable ServletResponse servletResponse(HttpOutputMessage message) {
    HttpOutputMessage unwrapped = message;
    while (unwrapped instanceof DelegatingServerHttpResponse delegating) {
      unwrapped = delegating.getDelegate();
    }
    return unwrapped instanceof ServletServerHttpResponse servlet ? servlet.getServletResponse() : null;
  }

  private @Nullable Stream streamOf(ServletResponse written) {
    // once a request goes on asynchronously, Spring MVC writes through a wrapper of the response
    ServletResponse response = written;
    Stream stream = requests.get(response);
    while (stream == null && response instanceof ServletResponseWrapper wrapper) {
      response = wrapper.getResponse();
      stream = requests.get(response);
    }
    return stream;
  }

  /** Returns how many responses are kept: for tests. */
  int size() {
    return requests.size();
  }
}
