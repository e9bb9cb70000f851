package org.sanctuaryguard.spring.city;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The city service on a random port of the loopback interface, with the handful of properties a
 * service sets. Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = CityService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "sanctuary.guard.holder=social-services",
    "sanctuary.guard.audit.pseudonym-key-file=src/test/resources/keys/pseudonym.key",
    "sanctuary.guard.inbound.api-key.recipients.ice-ero=" + CityServiceTest.ICE_KEY_SHA256,
    "sanctuary.guard.inbound.authorities.recipients.nypd=ROLE_NYPD",
    "sanctuary.guard.inbound.authorities.recipients.hsi-task-force=ROLE_TASK_FORCE",
    "sanctuary.guard.protected-properties[0].type=org.sanctuaryguard.spring.city.Model$ClientDto",
    "sanctuary.guard.protected-properties[0].property=phone",
    "sanctuary.guard.protected-properties[0].categories=contact.phone",
    "sanctuary.guard.subject-ids[0].type=org.sanctuaryguard.spring.city.Model$ClientDto",
    "sanctuary.guard.subject-ids[0].property=clientNumber",
    "management.endpoints.web.exposure.include=health,metrics,sanctuaryguard",
    "spring.main.banner-mode=off"})
public @interface CityServiceTest {

  /** The API key ICE ERO was given. */
  String ICE_KEY = "ice-test-key";

  /** Its SHA-256 digest, all the configuration holds. */
  String ICE_KEY_SHA256 = "62381221e6cea8624661203617fecc3f92574c56ebad2774ce889026a3a6e89e";
}
