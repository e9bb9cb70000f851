package org.sanctuaryguard.spring.city;

import org.junit.jupiter.api.BeforeEach;
import org.sanctuaryguard.spring.city.CityService.RecordedEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the tests of the service's outbound calls share: the recording server on loopback that the
 * {@link Destinations} go to, the guard's recorded events, both cleared before each test, and the
 * application's client builders.
 */
abstract class OutboundCalls {

  @Autowired
  RecordingServer server;

  @Autowired
  RecordedEvents events;

  @Autowired
  RestClient.Builder restClientBuilder;

  @Autowired
  RestTemplateBuilder restTemplateBuilder;

  @Autowired
  WebClient.Builder webClientBuilder;

  @BeforeEach
  void clearRecordings() {
    server.clear();
    events.clear();
  }
}
