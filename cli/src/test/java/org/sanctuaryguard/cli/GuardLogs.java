package org.sanctuaryguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.audit.GuardLogSink;

/** Writes guard logs for the command tests: a real guard deciding through a signed sink. */
final class GuardLogs {

  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("federal"));

  private GuardLogs() {}

  /** Writes a log of ICE requests to a shelter, which are denied, and city-agency requests, which are allowed. */
  static GuardLogSink write(Path directory, PrivateKey key, int decisions, boolean close) {
    GuardLogSink sink = GuardLogSink.builder(directory).signingKey(key).checkpointEvery(4, Duration.ofHours(1)).build();
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink).build());
    for (int i = 0; i < decisions; i++) {
      if (i % 2 == 0) {
        guard.decide(guard.request().recipient("ice-ero").holder(Holder.SHELTER)
            .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("location.home-address").subjects("S-" + i)
            .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205")
                .signer("J. Doe", SignerRole.IMMIGRATION_OFFICER).build()).build());
      } else {
        guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
            .categories("contact.phone").subjects("S-" + i).build());
      }
    }
    if (close) {
      guard.close();
    } else {
      sink.checkpoint();
    }
    return sink;
  }

  /**
   * Writes a closed log of 4 decisions in {@code directory}, and one of 2 in {@code archive}, which
   * the first reaches through a symbolic link, {@code older}.
   */
  static void writeWithLinkedArchive(Path directory, Path archive, PrivateKey key) throws IOException {
    write(directory, key, 4, true);
    write(archive, key, 2, true);
    Files.createSymbolicLink(directory.resolve("older"), archive);
  }
}
