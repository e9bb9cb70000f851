package org.sanctuaryguard.redaction;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.ProtectedProperties;
import org.sanctuaryguard.Purpose;

/**
 * Guards whose decisions withhold exactly the categories a test asks for: the pack has one rule per
 * category, applied when the fact {@code hide-<n>} is true.
 */
final class Guards {

  static final Map<String, String> HIDE = Map.of(
      "hide-name", "identity.name",
      "hide-status", "immigration.status",
      "hide-phone", "contact.phone",
      "hide-documents", "immigration.documents",
      "hide-health", "health.records",
      "hide-address", "location.home-address",
      "hide-shelter", "location.shelter",
      "hide-birth", "immigration.place-of-birth");

  static final PolicyPack HIDING = PolicyPack.read("hiding.json", """
      { "format": 1, "id": "hiding", "version": "1", "title": "Hiding", "jurisdiction": "Tests", "time-zone": "UTC",
        "summary": "Withholds the categories a test names.",
        "facts": { %s },
        "rules": [ %s ] }
      """.formatted(
          HIDE.keySet().stream().map(f -> "\"" + f + "\": \"test\"").collect(Collectors.joining(", ")),
          HIDE.entrySet().stream().map(e -> """
              { "id": "hiding.%s", "citation": "Test", "confidence": "C", "message": "Hidden by the test.",
                "when": { "facts": { "%s": true }, "categories": ["%s"] }, "effect": "withhold" }
              """.formatted(e.getKey(), e.getKey(), e.getValue())).collect(Collectors.joining(", "))));

  final List<GuardEvent> events = new CopyOnWriteArrayList<>();
  final Guard guard;

  Guards(Mode mode, ProtectedProperties registry) {
    guard = Guard.of(GuardConfig.custom().policy(Policy.of(HIDING)).mode(mode).auditSinks(events::add)
        .pseudonymKey(new byte[32]).protectedProperties(registry).build());
  }

  Guards() {
    this(Mode.ENFORCE, ProtectedProperties.none());
  }

  /** A request of a city agency that hides the categories of the given facts. */
  DisclosureRequest.Builder hiding(String... facts) {
    DisclosureRequest.Builder request = guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY);
    for (String fact : facts) {
      request.fact(fact, true);
    }
    return request;
  }
}
