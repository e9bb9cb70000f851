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
import org.sanctuaryguard.audit.FsyncPolicy;
import org.sanctuaryguard.audit.GuardLogSink;

/** Writes guard logs for the command tests: a real guard deciding through a signed sink. */
final class GuardLogs {

  private static final Policy POLICY = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("federal"));

  private GuardLogs() {}

  /** Writes a log of ICE requests to a shelter, which are denied, and city-agency requests, which are allowed. */
  static GuardLogSink write(Path directory, PrivateKey key, int decisions, boolean close) {
    GuardLogSink sink = GuardLogSink.builder(directory).signingKey(key).checkpointEvery(4, Duration.ofHours(1)).build();
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink).build());
    decide(guard, 0, decisions);
    if (close) {
      guard.close();
    } else {
      sink.checkpoint();
    }
    return sink;
  }

  /**
   * Writes such a log of 2 decisions up to a signed checkpoint, then an ICE request after it, written
   * at once and covered by no signature while the guard runs (its stream's unsigned tail). Returns
   * the running guard: close it once the log was read.
   */
  static Guard writeWithUnsignedTail(Path directory, PrivateKey key) {
    GuardLogSink sink = GuardLogSink.builder(directory).signingKey(key).fsync(FsyncPolicy.always()).build();
    Guard guard = Guard.of(GuardConfig.custom().policy(POLICY).auditSinks(sink).build());
    decide(guard, 0, 2);
    sink.checkpoint();
    decide(guard, 2, 3);
    return guard;
  }

  /** Decides requests {@code from} to {@code to}, excluded: ICE's at even numbers, a city agency's at odd ones. */
  private static void decide(Guard guard, int from, int to) {
    for (int i = from; i < to; i++) {
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
