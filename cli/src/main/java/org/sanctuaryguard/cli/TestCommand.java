package org.sanctuaryguard.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.scenario.ScenarioReport;
import org.sanctuaryguard.scenario.ScenarioRunner;

/** Runs scenario files and prints the report; fails when any scenario failed or was in error. */
final class TestCommand implements Command {

  private static final String PACK = "--pack";

  @Override
  public String name() {
    return "test";
  }

  @Override
  public String synopsis() {
    return "FILE... [--pack PACKFILE]...";
  }

  @Override
  public String summary() {
    return "Runs scenario files and prints each scenario's result; --pack adds a pack file by its id, in place of a"
        + " built-in pack of the same id.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(PACK));
    List<Path> files = arguments.files("scenario file");
    List<PolicyPack> packs = new ArrayList<>();
    Map<String, Path> packFiles = new HashMap<>();
    Set<Path> given = new HashSet<>();
    for (Path file : arguments.values(PACK).stream().map(Arguments::path).toList()) {
      if (PolicyPack.builtinIds().contains(file.toString()) && !Files.exists(file)) {
        throw new UsageException("option " + PACK + " takes a pack file, but '" + file + "' is a built-in pack and"
            + " no file: a scenario file names a built-in pack in its \"packs\", with no " + PACK);
      }
      if (!given.add(file.toAbsolutePath().normalize())) {
        throw new UsageException("pack file " + file + " is given twice with " + PACK + ": give it once");
      }
      PolicyPack pack = PolicyPack.load(file);
      Path before = packFiles.putIfAbsent(pack.id(), file);
      if (before != null) {
        // the runner knows a pack by its id: one of the two would silently go unused
        throw new SanctuaryGuardException("pack files " + before + " and " + file + " both hold pack '" + pack.id()
            + "': a scenario file names a pack by its id, so give one of them with --pack, and run the scenarios"
            + " again with the other");
      }
      if (PolicyPack.builtinIds().contains(pack.id())) {
        err.println("sanctuary-guard test: " + file + " holds pack '" + pack.id() + "' " + pack.version()
            + ", which takes the place of the built-in pack '" + pack.id() + "' "
            + PolicyPack.builtin(pack.id()).version() + " in every scenario file that names it");
      }
      packs.add(pack);
    }
    ScenarioReport report = ScenarioRunner.create().withPacks(packs.toArray(PolicyPack[]::new)).run(files);
    out.print(report.render());
    return report.allPassed() ? OK : FAILED;
  }
}
