package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitterReturnValueHandler;

/**
 * Spring MVC's handler of the emitters that handlers return ({@code ResponseBodyEmitter}, {@code
 * SseEmitter}, either in a {@code ResponseEntity}), which first tells the guard the emitter of the
 * stream, so that an element the guard refuses completes it ({@link StreamedResponses#fail}).
 *
 * <p>Spring MVC sends the elements sent before the handler returned as it starts the stream, on the
 * request's thread. When the guard refuses one of them, it answers the refusal and ends the emitter
 * there; so the failure thrown here is not passed on as well, which would answer it a second time.
 */
final class EmitterReturnValueHandler implements HandlerMethodReturnValueHandler {

  private final HandlerMethodReturnValueHandler spring;
  private final StreamedResponses streamed;

  private EmitterReturnValueHandler(HandlerMethodReturnValueHandler spring, StreamedResponses streamed) {
    this.spring = spring;
    this.streamed = streamed;
  }

  /** Puts the guard's handler in place of Spring MVC's handler of emitters, in the adapter's handlers. */
  static void install(RequestMappingHandlerAdapter adapter, StreamedResponses streamed) {
    List<HandlerMethodReturnValueHandler> handlers = adapter.getReturnValueHandlers();
    if (handlers == null) {
      return;
    }
    List<HandlerMethodReturnValueHandler> guarded = new ArrayList<>(handlers.size());
    for (HandlerMethodReturnValueHandler handler : handlers) {
      guarded.add(handler instanceof ResponseBodyEmitterReturnValueHandler
          ? new EmitterReturnValueHandler(handler, streamed) : handler);
    }
    adapter.setReturnValueHandlers(guarded);
  }

  @Override
  public boolean supportsReturnType(MethodParameter returnType) {
    return spring.supportsReturnType(returnType);
  }

  @Override
  public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
      ModelAndViewContainer mavContainer, NativeWebRequest webRequest) throws Exception {
    HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
    Object body = returnValue instanceof ResponseEntity<?> entity ? entity.getBody() : returnValue;
    if (response != null && body instanceof ResponseBodyEmitter emitter) {
      streamed.emitting(response, emitter);
    }
    try {
      spring.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
    } catch (StreamedElementException e) {
      if (response == null || !streamed.ended(response)) {
        throw e;
      }
    }
  }
}
