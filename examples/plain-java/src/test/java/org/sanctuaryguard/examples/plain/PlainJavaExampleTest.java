package org.sanctuaryguard.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.GuardLogVerifier;

class PlainJavaExampleTest {

  @TempDir
  Path directory;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @Test
  void runWhenTheThreeRequestsAreMadeThenReleasesInFullInPartAndNothing() {
    GuardLogVerifier.Result result = PlainJavaExample.run(directory, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String[] requests = printed.toString(StandardCharsets.UTF_8).split("\n\n");

    assertThat(requests[1]).startsWith("1. A caseworker").contains("outcome:  allow\n", "withheld: (none)")
        .contains("immigrationStatus=asylum-pending");
    assertThat(requests[2]).startsWith("2. NYPD").contains("outcome:  allow-redacted")
        .contains("withheld: benefits.receipt, immigration.status")
        .contains("nyc.eo-41.immigration-status-police", "immigrationStatus=null", "benefits=null", "homeAddress=12 Canal St");
    assertThat(requests[3]).startsWith("3. ICE ERO").contains("outcome:  escalate", "sent:     nothing")
        .contains("to counsel: immigration.status", "federal.1373.status-to-counsel")
        .contains("nyc.10-178.no-city-resources", "administrative warrant", "escalate-to-counsel")
        .doesNotContain("asylum-pending", "Canal St");
    assertThat(result.intact()).isTrue();
    assertThat(result.events()).isEqualTo(3);
  }

  @Test
  void runWhenFinishedThenTheLogVerifiesAndHoldsNoProtectedValue() throws IOException {
    PlainJavaExample.run(directory, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("intact");
    assertThat(directory.resolve("guard-log-public.pem")).isNotEmptyFile();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory.resolve("guard-log"))) {
      files = walk.filter(file -> file.toString().endsWith(GuardLogSink.EXTENSION)).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(Files.readString(file)).contains("disclosure-decision")
          .doesNotContain("Ana Diaz", "asylum-pending", "Canal St", "rental assistance", "C-1001");
    }
  }
}
