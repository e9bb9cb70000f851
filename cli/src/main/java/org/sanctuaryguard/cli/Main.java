package org.sanctuaryguard.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sanctuaryguard.PolicyFormatException;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;

/**
 * The command line of Sanctuary Guard, for counsel, privacy officers and security reviewers who
 * have no Java project: it runs scenario files, explains policy packs, verifies guard logs and
 * reports on them, and makes the keys that sign them.
 *
 * <pre>{@code
 * java -jar sanctuary-guard.jar test scenarios/*.json --pack packs/city.json
 * java -jar sanctuary-guard.jar explain nyc --output nyc.md
 * java -jar sanctuary-guard.jar verify /var/log/sanctuary-guard --public-key guard-log.pub
 * java -jar sanctuary-guard.jar report /var/log/sanctuary-guard --from 2026-01-01 --to 2026-03-31 --format html
 * }</pre>
 *
 * <p>The exit status is 0 when the command succeeded, 1 when a scenario failed, a log is broken
 * or a file has problems, and 2 when the command line is wrong, or names a file to write that
 * exists: a command never replaces a file unless given {@code --force} ({@code keygen} never does).
 * Results go to standard output, complaints to standard error, both in UTF-8.
 *
 * <p>Thread-safe: {@link #run} keeps no state between calls; {@link #main} sets a system property
 * and ends the virtual machine.
 *
 * @since 0.1.0
 */
public final class Main {

  static final String PROGRAM = "sanctuary-guard";

  private static final List<String> OPTIONS = List.of("--help", "--version");

  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the command and its arguments
   * @since 0.1.0
   */
  public static void main(String[] args) {
    // Hibernate Validator logs through jboss-logging, which would otherwise print to the terminal
    // through java.util.logging; bound to SLF4J, it is quiet below warn (simplelogger.properties).
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    PrintStream out = utf8(FileDescriptor.out);
    PrintStream err = utf8(FileDescriptor.err);
    int status;
    try {
      status = run(args, out, err);
    } finally {
      out.flush();
      err.flush();
    }
    System.exit(status);
  }

  /**
   * Runs the command line.
   *
   * @param args the command and its arguments
   * @param out where the command's result goes
   * @param err where complaints and usage errors go
   * @return the exit status: 0 when the command succeeded, 1 when a scenario failed, a log is
   *     broken or a file has problems, 2 when the command line is wrong or names a file to write
   *     that exists
   * @since 0.1.0
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    List<String> arguments = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      arguments.add(Objects.requireNonNull(args[i], "args[" + i + "]"));
    }
    if (arguments.isEmpty()) {
      err.print(usage());
      return Command.USAGE;
    }
    String name = arguments.get(0);
    List<String> rest = arguments.subList(1, arguments.size());
    if (name.equals("help") || name.equals("--help")) {
      if (rest.isEmpty()) {
        out.print(usage());
        return Command.OK;
      }
      if (rest.size() > 1) {
        return wrong(name + " takes at most one command, but was given " + rest.size() + " arguments: "
            + String.join(" ", rest), err);
      }
      Optional<Command> command = Commands.find(rest.get(0));
      if (command.isEmpty()) {
        return wrong(unknown(rest.get(0)), err);
      }
      out.print(usage(command.get()));
      return Command.OK;
    }
    if (name.equals("--version")) {
      if (!rest.isEmpty()) {
        return wrong("--version takes no argument, but was given " + String.join(" ", rest), err);
      }
      out.println(PROGRAM + " " + version());
      return Command.OK;
    }
    Optional<Command> command = Commands.find(name);
    if (command.isEmpty()) {
      return wrong(unknown(name), err);
    }
    int end = rest.indexOf("--");
    // after --, every argument is a file, even one named --help
    if ((end < 0 ? rest : rest.subList(0, end)).contains("--help")) {
      out.print(usage(command.get()));
      return Command.OK;
    }
    return run(command.get(), rest, out, err);
  }

  private static int wrong(String message, PrintStream err) {
    err.println(PROGRAM + ": " + message);
    err.println("Run '" + PROGRAM + " help' for the commands.");
    return Command.USAGE;
  }

  private static String usage(Command command) {
    return "usage: " + PROGRAM + " " + synopsis(command) + "\n\n" + command.summary() + "\n";
  }

  private static int run(Command command, List<String> args, PrintStream out, PrintStream err) {
    try {
      return command.run(args, out, err);
    } catch (UsageException e) {
      err.println(PROGRAM + " " + command.name() + ": " + e.getMessage());
      err.println("usage: " + PROGRAM + " " + synopsis(command));
      return Command.USAGE;
    } catch (PolicyFormatException e) {
      e.problems().forEach(err::println);
      return Command.FAILED;
    } catch (SanctuaryGuardException e) {
      err.println(PROGRAM + " " + command.name() + ": " + e.getMessage());
      return Command.FAILED;
    }
  }

  private static String unknown(String name) {
    if (name.startsWith("-")) {
      return new UnknownIdentifierException("option", name, OPTIONS).getMessage();
    }
    List<String> names = new ArrayList<>();
    Commands.all().forEach(command -> names.add(command.name()));
    names.add("help");
    return new UnknownIdentifierException("command", name, names).getMessage();
  }

  static String usage() {
    StringBuilder text = new StringBuilder("usage: " + PROGRAM + " COMMAND [ARGUMENT...]\n\nCommands:\n");
    for (Command command : Commands.all()) {
      text.append("  ").append(synopsis(command)).append("\n      ").append(command.summary()).append('\n');
    }
    return text.append("  help [COMMAND]\n      Prints this text, or the usage of one command (as COMMAND --help does).\n\n")
        .append("Options:\n")
        .append("  --help      Prints this text.\n")
        .append("  --version   Prints the version.\n\n")
        .append("A command never replaces a file it writes unless given --force; keygen never does.\n\n")
        .append("Exit status: 0 when the command succeeded, 1 when a scenario failed, a log is broken or a file\n")
        .append("has problems, 2 when the command line is wrong or names a file to write that exists.\n")
        .toString();
  }

  private static String synopsis(Command command) {
    return command.name() + " " + command.synopsis();
  }

  private static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(version unknown: not run from its jar)" : version;
  }

  private static PrintStream utf8(FileDescriptor descriptor) {
    return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor)), false, StandardCharsets.UTF_8);
  }
}
