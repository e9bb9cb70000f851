package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.audit.SigningKeys;

class KeygenCommandTest {

  @TempDir Path directory;

  @Test
  void keygenWhenTwoNewFilesThenWritesAPairWhoseCheckpointsVerify() throws Exception {
    Path privateKey = directory.resolve("guard-log.key");
    Path publicKey = directory.resolve("guard-log.pub");

    Run run = Run.of("keygen", "--private-key", privateKey.toString(), "--public-key", publicKey.toString());
    GuardLogs.write(directory.resolve("log"), SigningKeys.readPrivateKey(privateKey), 3, true);
    Run verify = Run.of("verify", directory.resolve("log").toString(), "--public-key", publicKey.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("wrote the private key " + privateKey + " (for the guard's signingKey; keep it"
        + " secret)\nwrote the public key " + publicKey + " (for reviewers: verify --public-key)\nkey id "
        + SigningKeys.keyId(SigningKeys.readPublicKey(publicKey)) + "\n");
    assertThat(Files.getPosixFilePermissions(privateKey))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(verify.status()).as(verify.out()).isZero();
  }

  /**
   * Before, an existing key file made keygen exit 1, as a broken log does; now it is a file the
   * command line should not have named, status 2, as for every command that writes a file.
   */
  @Test
  void keygenWhenEitherFileExistsThenRefusesWithoutTouchingEitherAndExits2() throws Exception {
    Path privateKey = directory.resolve("guard-log.key");
    Path publicKey = directory.resolve("guard-log.pub");
    for (Path existing : List.of(privateKey, publicKey)) {
      Files.writeString(existing, "an existing key");
      Path other = existing.equals(privateKey) ? publicKey : privateKey;

      Run run = Run.of("keygen", "--private-key", privateKey.toString(), "--public-key", publicKey.toString());

      assertThat(run).isEqualTo(new Run(2, "", "sanctuary-guard keygen: " + existing + " exists, and was left as it"
          + " is; keygen never replaces a key file: move it away, or name another file\n"
          + "usage: sanctuary-guard keygen --private-key FILE --public-key FILE\n"));
      assertThat(Files.readString(existing)).isEqualTo("an existing key");
      assertThat(other).doesNotExist();
      Files.delete(existing);
    }
  }

  /**
   * A key file made after keygen checked it, and before it wrote: the write itself refuses it, and
   * before, that refusal made keygen exit 1 as a failure to write. Now it is the same usage error as
   * for a file that existed from the start (status 2, {@link Main}).
   */
  @Test
  void writeWhenAKeyFileAppearsAfterTheCheckThenRefusesNamingItWithoutTouchingEither() throws Exception {
    Path privateKey = directory.resolve("guard-log.key");
    Path publicKey = directory.resolve("guard-log.pub");
    KeyPair keys = SigningKeys.generate();
    for (Path existing : List.of(privateKey, publicKey)) {
      Files.writeString(existing, "an existing key");
      Path other = existing.equals(privateKey) ? publicKey : privateKey;

      assertThatThrownBy(() -> KeygenCommand.write(keys, privateKey, publicKey))
          .isInstanceOf(UsageException.class)
          .hasMessage(existing + " exists, and was left as it is; keygen never replaces a key file: move it away, or"
              + " name another file");
      assertThat(Files.readString(existing)).isEqualTo("an existing key");
      assertThat(other).doesNotExist();
      Files.delete(existing);
    }
  }

  @Test
  void keygenWhenForceIsGivenThenExits2() {
    Run run = Run.of("keygen", "--private-key", "a.key", "--public-key", "a.pub", "--force");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard keygen: unknown option '--force'");
  }

  @Test
  void keygenWhenADirectoryIsMissingThenNamesItAndExits1() {
    Path missing = directory.resolve("keys");

    Run run = Run.of("keygen", "--private-key", missing.resolve("guard-log.key").toString(), "--public-key",
        directory.resolve("guard-log.pub").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).endsWith(": no such directory " + missing.toAbsolutePath() + "\n");
    assertThat(directory.resolve("guard-log.pub")).doesNotExist();
  }

  @Test
  void keygenWhenAnOptionIsMissingOrAFileIsNamedAloneThenExits2() {
    Run missing = Run.of("keygen", "--private-key", "guard-log.key");
    Run operand = Run.of("keygen", "guard-log.key", "--private-key", "a.key", "--public-key", "a.pub");

    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("sanctuary-guard keygen: option --public-key is required\n"
        + "usage: sanctuary-guard keygen --private-key FILE --public-key FILE\n");
    assertThat(operand.status()).isEqualTo(2);
    assertThat(operand.err()).startsWith("sanctuary-guard keygen: takes no file name but through its options");
  }
}
