package org.sanctuaryguard.cli;

import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * Writes a new Ed25519 key pair for signing guard-log checkpoints: the private key for the guard
 * (PKCS#8, readable by its owner only), the public key for reviewers (X.509). It never replaces a
 * file, and takes no {@code --force}: a replaced private key is lost, and with it the means to sign
 * as the public key that reviewers hold says ({@link OutputFiles}).
 */
final class KeygenCommand implements Command {

  private static final String PRIVATE_KEY = "--private-key";
  private static final String PUBLIC_KEY = "--public-key";
  private static final String REMEDY = "keygen never replaces a key file: move it away, or name another file";

  @Override
  public String name() {
    return "keygen";
  }

  @Override
  public String synopsis() {
    return "--private-key FILE --public-key FILE";
  }

  @Override
  public String summary() {
    return "Writes a new Ed25519 key pair for guard-log checkpoints: the private key (PKCS#8) for the guard, the"
        + " public key (X.509) for reviewers; never overwrites a file.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(PRIVATE_KEY, PUBLIC_KEY));
    if (!arguments.operands().isEmpty()) {
      throw new UsageException("takes no file name but through its options, but was given " + arguments.operands());
    }
    Path privateKey = Arguments.path(arguments.required(PRIVATE_KEY));
    Path publicKey = Arguments.path(arguments.required(PUBLIC_KEY));
    for (Path file : List.of(privateKey, publicKey)) {
      OutputFiles.refuseExisting(file, REMEDY);
    }
    KeyPair keys = SigningKeys.generate();
    write(keys, privateKey, publicKey);
    out.println("wrote the private key " + privateKey + " (for the guard's signingKey; keep it secret)");
    out.println("wrote the public key " + publicKey + " (for reviewers: verify --public-key)");
    out.println("key id " + SigningKeys.keyId(keys.getPublic()));
    return OK;
  }

  /**
   * Writes the key files, each created only if it does not exist: a file made after {@link #run}
   * checked it is refused as one made before, naming it (status 2), not as a failure to write.
   *
   * @throws UsageException naming the file, if one exists
   */
  static void write(KeyPair keys, Path privateKey, Path publicKey) {
    try {
      SigningKeys.write(keys, privateKey, publicKey);
    } catch (SanctuaryGuardException e) {
      if (e.getCause() instanceof FileAlreadyExistsException exists) {
        for (Path file : List.of(privateKey, publicKey)) {
          // still there, so not the private key keygen made and deleted again when both options name one file
          if (file.toString().equals(exists.getFile()) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw OutputFiles.exists(file, REMEDY);
          }
        }
      }
      throw e;
    }
  }
}
