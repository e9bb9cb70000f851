package org.sanctuaryguard.cli;

import java.util.List;
import java.util.Optional;

/** The commands, in the order of the usage text: a new command is one more entry. */
final class Commands {

  private static final List<Command> ALL = List.of(new TestCommand(), new ExplainCommand(), new VerifyCommand(),
      new ReportCommand(), new KeygenCommand());

  private Commands() {}

  static List<Command> all() {
    return ALL;
  }

  static Optional<Command> find(String name) {
    return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
  }
}
