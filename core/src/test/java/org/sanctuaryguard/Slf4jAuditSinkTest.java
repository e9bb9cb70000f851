package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SLF4J sink, through the SLF4J provider of the tests (slf4j-simple, which prints key-value pairs). */
class Slf4jAuditSinkTest {

  @Test
  void recordWhenLoggedThenEveryFieldButTheTimestampIsAKeyValuePair() {
    Guard guard = Guard.of(GuardConfig.custom().policy(TestPacks.shipped()).build());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      guard.decide(guard.request().recipient("ice-ero").purpose(Purpose.OTHER).categories("location.home-address").build());
    } finally {
      System.setErr(err);
    }

    String line = captured.toString(StandardCharsets.UTF_8);
    assertThat(line).contains(GuardEvent.LOGGER_NAME, "sanctuary.outcome=deny", "event.action=disclosure-decision",
        "sanctuary.recipient.id=ice-ero");
    assertThat(line).doesNotContain("@timestamp");
  }
}
