package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Reason;

/** Assertions on what a refusal shows, which must carry no value of the payload it refused. */
final class Refusals {

  private Refusals() {}

  /** Asserts that no canary is in the refusal's message, its {@code toString}, its decision or its reasons. */
  static void assertShowsNoCanary(DisclosureRefusedException refused, List<String> canaries) {
    List<String> shown = new ArrayList<>(List.of(String.valueOf(refused.getMessage()), refused.toString(),
        refused.decision().toString()));
    for (Reason reason : refused.decision().reasons()) {
      shown.add(reason.toString());
      shown.add(reason.message());
      shown.addAll(reason.details());
    }
    for (String text : shown) {
      for (String canary : canaries) {
        assertThat(text).doesNotContain(canary);
      }
    }
  }
}
