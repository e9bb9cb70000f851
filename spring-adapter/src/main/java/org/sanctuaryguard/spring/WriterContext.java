package org.sanctuaryguard.spring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * What a {@code WebClient} body inserter writes with, given by the adapter in place of the client's
 * own: the writers it may use, and the client's server request and hints as they were.
 */
record WriterContext(List<HttpMessageWriter<?>> messageWriters, Optional<ServerHttpRequest> serverRequest,
    Map<String, Object> hints) implements BodyInserter.Context {}
