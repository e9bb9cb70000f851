package org.sanctuaryguard.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import org.sanctuaryguard.audit.GuardLogVerifier;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * Verifies guard logs with the public keys of their checkpoints, and prints each stream, every
 * break and warning, and a summary; fails on a break, and with {@code --strict} on a warning too.
 */
final class VerifyCommand implements Command {

  static final String PUBLIC_KEY = "--public-key";
  static final String MIRROR = "--mirror";
  private static final String STRICT = "--strict";

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String synopsis() {
    return "FILE|DIR... --public-key KEYFILE... [--mirror FILE]... [--strict]";
  }

  @Override
  public String summary() {
    return "Verifies guard logs: hash chain, order, signed checkpoints (--public-key, repeat it for rotated keys),"
        + " the checkpoint mirror; fails on any break, and with --strict on a warning too.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(PUBLIC_KEY, MIRROR), Set.of(STRICT));
    List<Path> paths = arguments.files("log file or directory");
    if (arguments.values(PUBLIC_KEY).isEmpty()) {
      throw new UsageException("name the public key of the log's checkpoints with --public-key");
    }
    GuardLogVerifier.Result result = verifier(arguments).verify(paths);
    out.print(result.render());
    boolean strictFailure = arguments.flag(STRICT) && !result.warnings().isEmpty();
    if (strictFailure && result.intact()) {
      err.println(Main.PROGRAM + " " + name() + ": --strict: warnings count as breaks");
    }
    return result.intact() && !strictFailure ? OK : FAILED;
  }

  /** The verifier of the public keys given with {@code --public-key} and the mirrors with {@code --mirror}. */
  static GuardLogVerifier verifier(Arguments arguments) {
    PublicKey[] keys = arguments.values(PUBLIC_KEY).stream().map(Arguments::path).map(SigningKeys::readPublicKey)
        .toArray(PublicKey[]::new);
    Path[] mirrors = arguments.values(MIRROR).stream().map(Arguments::path).toArray(Path[]::new);
    return GuardLogVerifier.create().withPublicKeys(keys).withCheckpointMirrors(mirrors);
  }
}
