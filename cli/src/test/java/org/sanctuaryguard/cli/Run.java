package org.sanctuaryguard.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What one run of the command line left: its exit status, its standard output and its standard
 * error.
 */
record Run(int status, String out, String err) {

  /** Runs the command line in this virtual machine. */
  static Run of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(
        args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Returns a file of {@code src/test/resources/fixtures}; tests run in the module's directory. */
  static Path fixture(String name) {
    return Path.of("src", "test", "resources", "fixtures", name);
  }
}
