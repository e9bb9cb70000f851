package org.sanctuaryguard.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of the command line. A command reads its own arguments, writes its result to {@code
 * out} and its complaints to {@code err}, and returns the exit status. It throws {@link
 * UsageException} when its arguments are wrong; {@link Main} prints the message with the command's
 * usage.
 */
interface Command {

  /** The command succeeded: every scenario passed, the pack was explained, the log is intact. */
  int OK = 0;

  /** The command ran, but a scenario failed, a log is broken, or a file it read has problems. */
  int FAILED = 1;

  /** The command line is wrong: an unknown command or option, a missing argument, a file to write that exists. */
  int USAGE = 2;

  /** Returns the name that selects the command, for example {@code "test"}. */
  String name();

  /** Returns the arguments the command takes, for the usage text, for example {@code "FILE..."}. */
  String synopsis();

  /** Returns one sentence that says what the command does. */
  String summary();

  /**
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   * @throws UsageException if the arguments are wrong
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
