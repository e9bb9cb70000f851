package org.sanctuaryguard.spring.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The city's own Actuator endpoints on the application's port, where the application's
 * DispatcherServlet serves them; and over JMX, where an operator reads them without a requester.
 */
@CityServiceTest
@Import(ActuatorEndpoints.class)
@TestPropertySource(properties = {ActuatorEndpoints.EXPOSED, "spring.jmx.enabled=true",
    "management.endpoints.jmx.exposure.include=recentcases", "management.endpoints.jmx.domain=city.same-port"})
class SamePortActuatorTest extends ActuatorEndpointsTest {

  @LocalServerPort
  int port;

  @Override
  int actuatorPort() {
    return port;
  }

  @Test
  void invokeWhenAnOperatorReadsTheEndpointOverJmxThenNoProtectedValueIsReleased() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    Object cases = server.invoke(new ObjectName("city.same-port:type=Endpoint,name=Recentcases"), "cases",
        new Object[0], new String[0]);

    assertThat(cases.toString()).contains("Canal St").doesNotContain(Model.NAME, Model.STATUS, Model.ADDRESS);
  }
}
