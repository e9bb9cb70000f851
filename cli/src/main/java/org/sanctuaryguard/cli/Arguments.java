package org.sanctuaryguard.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuaryguard.UnknownIdentifierException;

/**
 * A command's arguments: its operands, its options, each of which takes a value ({@code --pack
 * FILE} or {@code --pack=FILE}) and may be repeated, and its flags, which take none ({@code
 * --strict}). After {@code --} everything is an operand.
 */
final class Arguments {

  /** What the virtual machine puts in an argument in place of bytes the locale cannot decode. */
  private static final char UNDECODABLE = '\uFFFD';

  private final List<String> operands;
  private final Map<String, List<String>> options;
  private final Set<String> flags;

  private Arguments(List<String> operands, Map<String, List<String>> options, Set<String> flags) {
    this.operands = List.copyOf(operands);
    this.options = Map.copyOf(options);
    this.flags = Set.copyOf(flags);
  }

  /**
   * Parses a command's arguments.
   *
   * @param args the arguments after the command's name
   * @param known the options the command takes, for example {@code "--pack"}
   * @throws UsageException naming an unknown option, or an option without a value
   */
  static Arguments parse(List<String> args, Set<String> known) {
    return parse(args, known, Set.of());
  }

  /**
   * Parses a command's arguments.
   *
   * @param args the arguments after the command's name
   * @param known the options the command takes, which take a value
   * @param knownFlags the flags the command takes, which take none
   * @throws UsageException naming an unknown option, an option without a value, or a flag with one
   */
  static Arguments parse(List<String> args, Set<String> known, Set<String> knownFlags) {
    List<String> operands = new ArrayList<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    Set<String> flags = new java.util.HashSet<>();
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
      if (knownFlags.contains(name)) {
        if (equals >= 0) {
          throw new UsageException("option " + name + " takes no value");
        }
        flags.add(name);
        continue;
      }
      if (!known.contains(name)) {
        Set<String> all = new java.util.TreeSet<>(known);
        all.addAll(knownFlags);
        throw new UsageException(new UnknownIdentifierException("option", name, all).getMessage());
      }
      String value = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.size() ? args.get(++i) : "";
      if (value.isEmpty() || (equals < 0 && value.startsWith("--"))) {
        throw new UsageException("option " + name + " needs a value");
      }
      options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return new Arguments(operands, options, flags);
  }

  /**
   * Returns a file named on the command line.
   *
   * @throws UsageException if the name is not a valid path, or holds U+FFFD and names no file: the
   *     virtual machine put it in place of bytes it could not decode in the current locale
   */
  static Path path(String name) {
    boolean undecoded = name.indexOf(UNDECODABLE) >= 0;
    Path path;
    try {
      path = Path.of(name);
    } catch (InvalidPathException e) {
      // in a locale that cannot encode U+FFFD, the name is not even a path
      throw new UsageException(undecoded ? undecodable(name) : "not a valid path: " + e.getMessage());
    }
    if (undecoded && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException(undecodable(name));
    }
    return path;
  }

  private static String undecodable(String name) {
    return "the file name '" + name + "' could not be decoded in the current locale: each U+FFFD in it stands for"
        + " bytes that are not " + System.getProperty("sun.jnu.encoding", "in its encoding") + ", the encoding of"
        + " file names here; run the command again with LANG=C.UTF-8 (or another UTF-8 locale)";
  }

  /**
   * Returns the operands as files, in order.
   *
   * @param what what they are, for the message if there is none: {@code "scenario file"}
   * @throws UsageException if there is none
   */
  List<Path> files(String what) {
    if (operands.isEmpty()) {
      throw new UsageException("name at least one " + what);
    }
    return operands.stream().map(Arguments::path).toList();
  }

  /** Returns the operands, in order. */
  List<String> operands() {
    return operands;
  }

  /** Returns every value of an option, in order. */
  List<String> values(String option) {
    return options.getOrDefault(option, List.of());
  }

  /** Returns whether a flag was given. */
  boolean flag(String name) {
    return flags.contains(name);
  }

  /** Returns the value of an option that may be given once and must be given. */
  String required(String option) {
    return value(option).orElseThrow(() -> new UsageException("option " + option + " is required"));
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
