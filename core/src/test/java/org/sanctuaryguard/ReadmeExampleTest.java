package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.GuardLogVerifier;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * The examples of the READMEs, compiled and checked, so that they keep working: the repository's
 * (whose every line of code this class must hold, word for word) and the core module's.
 */
class ReadmeExampleTest {

  private static final Path SOURCE = Path.of("src/test/java/org/sanctuaryguard/ReadmeExampleTest.java");

  @Test
  void repositoryReadmeWhenItsJavaIsReadThenEveryLineOfCodeIsTestedHere() throws IOException {
    String tested = Files.readString(SOURCE, StandardCharsets.UTF_8);
    List<String> lines = javaLines(Path.of("../README.md"));

    assertThat(lines).hasSizeGreaterThan(8);
    assertThat(lines).allSatisfy(line -> assertThat(tested).as("README line tested").contains(line));
  }

  /** The lines of code of a Markdown file's Java blocks, trimmed, without comments. */
  private static List<String> javaLines(Path markdown) throws IOException {
    List<String> code = new ArrayList<>();
    boolean inJava = false;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inJava = !inJava && line.equals("```java");
        continue;
      }
      int comment = line.indexOf("//");
      String statement = (comment < 0 ? line : line.substring(0, comment)).trim();
      if (inJava && !statement.isEmpty()) {
        code.add(statement);
      }
    }
    return code;
  }

  /** The repository README's example. */
  @Nested
  class Repository {

    record Resident(@SubjectId String clientId,
                    @Protected("immigration.status") String status,
                    @Protected("location.home-address") String address,
                    String office) {}

    @Test
    void readmeWhenPoliceAndIceAskThenStatusIsWithheldFromOneAndNothingGoesToTheOther() {
      Resident resident = new Resident("C-1001", "asylum-pending", "12 Canal St", "Canal St");
      Guard guard = Guard.of(GuardConfig.custom()
          .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
          .build());

      Resident sent = guard.release(resident, guard.request().recipient("nypd").purpose(Purpose.OTHER)).copy();
      Throwable refused = catchThrowable(() -> {
        guard.release(resident, guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT));
      });

      assertThat(sent).isEqualTo(new Resident("C-1001", null, "12 Canal St", "Canal St"));
      assertThat(refused).isInstanceOfSatisfying(DisclosureRefusedException.class, e -> {
        assertThat(e.decision().released()).isEmpty();
        assertThat(e.decision().rules()).contains("nyc.10-178.no-city-resources", "federal.1373.status-to-counsel");
      });
    }
  }

  record Resident(@SubjectId String clientId,
                  @Protected("identity.name") String name,
                  @Protected("immigration.status") String status,
                  @Protected("location.home-address") String address,
                  String office) {}

  /** The core module README's examples. */
  @Nested
  class Core {

    @Test
    void readmeReleaseWhenPoliceAskToDeliverAServiceThenStatusIsWithheld() {
      Guard guard = Guard.of(GuardConfig.custom()
          .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
          .build());
      Resident resident = new Resident("C-1001", "Ana Diaz", "asylum-pending", "12 Canal St", "Canal St");

      // --- README: release ---
      Release<Resident> release = guard.release(resident, guard.request()
          .recipient("nypd")
          .purpose(Purpose.SERVICE_DELIVERY));
      // --- end ---

      assertThat(release.copy()).isEqualTo(new Resident("C-1001", "Ana Diaz", null, "12 Canal St", "Canal St"));
      assertThat(release.decision()).hasValueSatisfying(decision -> {
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
        assertThat(decision.reasons()).extracting(Reason::rule).contains("nyc.eo-41.immigration-status-police");
      });
    }

    @Test
    void readmeExampleWhenRunThenDeniesTheAdministrativeWarrantAndSaysWhy() {
      // --- README: decide ---
      Guard guard = Guard.of(GuardConfig.custom()
          .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
          .holder(Holder.SHELTER)
          .build());

      Decision decision = guard.decide(guard.request()
          .recipient("ice-ero")
          .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.shelter")
          .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205")
              .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build())
          .build());
      // --- end ---

      assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
      assertThat(decision.reasons().get(0).toString()).startsWith("nyc.10-178.no-city-resources").contains(
          "signed by an immigration officer, not a judge: Form I-205 is an administrative warrant");
      assertThat(decision.obligations()).extracting(o -> o.kind().id())
          .containsExactly("log-request", "report-periodic", "escalate-to-counsel", "capture-documents");
      assertThat(decision.auditEventId()).isPresent();
    }

    @Test
    void readmeGuardLogWhenADecisionIsRecordedThenTheLogVerifies(@TempDir Path directory) {
      byte[] pseudonymKey = new byte[32];
      Path keyFile = directory.resolve("signing.pem");
      java.security.KeyPair keys = SigningKeys.generate();
      SigningKeys.write(keys, keyFile, directory.resolve("public.pem"));
      Path log = directory.resolve("log");

      // --- README: guard log ---
      Guard guard = Guard.of(GuardConfig.custom()
          .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
          .pseudonymKey(pseudonymKey)
          .auditSinks(GuardLogSink.builder(log).signingKey(SigningKeys.readPrivateKey(keyFile)).build())
          .build());
      // --- end ---
      guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER).categories("immigration.status").build());
      guard.close();

      GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(keys.getPublic()).verify(log);
      assertThat(result.intact()).isTrue();
      assertThat(result.events()).isEqualTo(1);
    }
  }
}
