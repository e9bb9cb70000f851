package org.sanctuaryguard.spring.city;

/**
 * Where the service's outbound calls go, as the guard sees them; {@link Loopback} sends them all to
 * the recording server.
 */
final class Destinations {

  /** The police, a recipient the policy knows. */
  static final String NYPD = "http://records.nypd.org/intake";
  /** Immigration enforcement. */
  static final String ICE = "http://ice.gov/ero/records";
  /** A host the guard knows no recipient for. */
  static final String UNKNOWN = "http://intake.example.org/records";

  private Destinations() {}
}
