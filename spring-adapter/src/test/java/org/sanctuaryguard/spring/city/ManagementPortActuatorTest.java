package org.sanctuaryguard.spring.city;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The city's own Actuator endpoints on a management port of their own, served by Actuator's child
 * context with a DispatcherServlet, filters and exception resolvers of its own.
 */
@CityServiceTest
@Import(ActuatorEndpoints.class)
@TestPropertySource(properties = {ActuatorEndpoints.EXPOSED, "management.server.port=0",
    "management.server.address=127.0.0.1"})
class ManagementPortActuatorTest extends ActuatorEndpointsTest {

  @LocalManagementPort
  int port;

  @Override
  int actuatorPort() {
    return port;
  }
}
