package org.sanctuaryguard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * Renders a built-in pack or a pack file as Markdown, to the terminal or to a file, which it never
 * replaces unless given {@code --force} ({@link OutputFiles}).
 */
final class ExplainCommand implements Command {

  private static final String OUTPUT = "--output";

  @Override
  public String name() {
    return "explain";
  }

  @Override
  public String synopsis() {
    return "PACK [--output FILE [--force]]";
  }

  @Override
  public String summary() {
    return "Prints a pack's rules as Markdown (to FILE with --output, which must not exist unless --force is"
        + " given); PACK is " + String.join(", ", PolicyPack.builtinIds()) + " or a pack file.";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments = Arguments.parse(args, Set.of(OUTPUT), Set.of(OutputFiles.FORCE));
    if (arguments.operands().size() != 1) {
      throw new UsageException("name one pack, but " + arguments.operands().size() + " were named");
    }
    Optional<Path> output = arguments.value(OUTPUT).map(Arguments::path);
    boolean force = arguments.flag(OutputFiles.FORCE);
    if (force && output.isEmpty()) {
      throw new UsageException("option " + OutputFiles.FORCE + " needs " + OUTPUT + ", the file it lets replace");
    }
    String markdown = pack(arguments.operands().get(0)).explain();
    if (output.isEmpty()) {
      out.print(markdown);
      return OK;
    }
    try {
      OutputFiles.write(output.get(), markdown, force);
      return OK;
    } catch (IOException e) {
      Path directory = output.get().toAbsolutePath().getParent();
      String why = e instanceof NoSuchFileException && directory != null && !Files.isDirectory(directory)
          ? "no such directory " + directory : SanctuaryGuardException.describe(e);
      err.println(Main.PROGRAM + " " + name() + ": cannot write " + output.get() + ": " + why);
      return FAILED;
    }
  }

  /** A built-in id names a pack of the library; a name that is a file, or looks like one, a pack file. */
  private static PolicyPack pack(String name) {
    Path file = Arguments.path(name);
    boolean isFile = !PolicyPack.builtinIds().contains(name)
        && (Files.exists(file) || file.getParent() != null || name.endsWith(".json"));
    // an id that is not built in fails here, with the nearest built-in ids
    return isFile ? PolicyPack.load(file) : PolicyPack.builtin(name);
  }
}
