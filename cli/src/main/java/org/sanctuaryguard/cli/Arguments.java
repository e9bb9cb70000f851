package org.sanctuaryguard.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuaryguard.UnknownIdentifierException;

/**
 * A command's arguments: its operands, and its options, each of which takes a value ({@code --pack
 * FILE} or {@code --pack=FILE}) and may be repeated. After {@code --} everything is an operand.
 */
final class Arguments {

  private final List<String> operands;
  private final Map<String, List<String>> options;

  private Arguments(List<String> operands, Map<String, List<String>> options) {
    this.operands = List.copyOf(operands);
    this.options = Map.copyOf(options);
  }

  /**
   * Parses a command's arguments.
   *
   * @param args the arguments after the command's name
   * @param known the options the command takes, for example {@code "--pack"}
   * @throws UsageException naming an unknown option, or an option without a value
   */
  static Arguments parse(List<String> args, Set<String> known) {
    List<String> operands = new ArrayList<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        operands.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!known.contains(name)) {
        throw new UsageException(new UnknownIdentifierException("option", name, known).getMessage());
      }
      String value = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.size() ? args.get(++i) : "";
      if (value.isEmpty() || (equals < 0 && value.startsWith("--"))) {
        throw new UsageException("option " + name + " needs a value");
      }
      options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return new Arguments(operands, options);
  }

  /** Returns a file named on the command line. */
  static Path path(String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException("not a valid path: " + e.getMessage());
    }
  }

  /** Returns the operands, in order. */
  List<String> operands() {
    return operands;
  }

  /** Returns every value of an option, in order. */
  List<String> values(String option) {
    return options.getOrDefault(option, List.of());
  }

  /** Returns the value of an option that may be given once. */
  Optional<String> value(String option) {
    List<String> values = values(option);
    if (values.size() > 1) {
      throw new UsageException("option " + option + " may be given once, but was given " + values.size() + " times");
    }
    return values.stream().findFirst();
  }
}
