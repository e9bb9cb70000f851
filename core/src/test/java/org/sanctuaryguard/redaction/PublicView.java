package org.sanctuaryguard.redaction;

import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;

/**
 * A view of a resident's record in public types, as a Spring Data interface projection declares
 * one: the JDK defines a proxy of public interfaces in a module of its own ({@code jdk.proxy1}),
 * whose methods reach only public types.
 */
public interface PublicView {

  String getClientId();

  Resident getResident();

  /** A resident's record. */
  record Resident(@SubjectId String clientId, @Protected("identity.name") @Nullable String name,
      @Protected("immigration.status") @Nullable String status, String office) {}
}
