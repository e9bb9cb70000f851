package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The SLF4J sink, through the SLF4J provider of the tests (slf4j-simple, which prints key-value pairs). */
class Slf4jAuditSinkTest {

  private final Guard guard = Guard.of(GuardConfig.custom().policy(TestPacks.shipped()).build());

  /** Returns what the guard logged while deciding the request. */
  private String logged(Function<Guard, DisclosureRequest> request) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      guard.decide(request.apply(guard));
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void recordWhenLoggedThenEveryFieldButTheTimestampIsAKeyValuePair() {
    String line = logged(guard -> guard.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("location.home-address").build());

    assertThat(line).contains(GuardEvent.LOGGER_NAME, "sanctuary.outcome=deny", "event.action=disclosure-decision",
        "sanctuary.recipient.id=ice-ero");
    assertThat(line).doesNotContain("@timestamp", "sanctuary.facts");
  }

  @Test
  void recordWhenTheDecisionRestedOnFactsThenTheyAreAKeyValuePairAndInTheMessage() {
    String line = logged(guard -> TestPacks.releaseDateForIce(guard).fact(Facts.VIOLENT_OR_SERIOUS_CONVICTION, true)
        .fact(Facts.SUBJECT_IS_MINOR, false).build());

    assertThat(line).contains("sanctuary.outcome=allow", "sanctuary.facts=[violent-or-serious-conviction]",
        "basis judicial-warrant, facts [violent-or-serious-conviction]; released").doesNotContain("subject-is-minor");
  }
}
