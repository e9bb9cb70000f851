/**
 * A fictional city shelter agency's service, guarded by the Sanctuary Guard Spring Boot adapter:
 * residents' records with protected fields, staff intake of agencies' requests, a partner API by
 * API key, a guarded status check to a SAVE-like service on loopback, and {@link
 * org.sanctuaryguard.examples.city.Walkthrough}, which plays the requests of the demonstration.
 */
@NullMarked
package org.sanctuaryguard.examples.city;

import org.jspecify.annotations.NullMarked;
