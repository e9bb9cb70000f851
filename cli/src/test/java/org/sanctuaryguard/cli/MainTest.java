package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @Test
  void runWhenNoArgumentsThenPrintsUsageToStandardErrorAndExits2() {
    Run run = Run.of();

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(Main.usage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"help", "--help"})
  void runWhenHelpThenPrintsUsageListingEveryCommand(String help) {
    Run run = Run.of(help);

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("usage: sanctuary-guard COMMAND")
        .contains("  test FILE... [--pack PACKFILE]...\n      Runs scenario files")
        .contains("  explain PACK [--output FILE [--force]]\n      Prints a pack's rules as Markdown")
        .contains("  verify FILE|DIR... --public-key KEYFILE... [--mirror FILE]... [--strict]\n      Verifies guard logs")
        .contains("  report FILE|DIR... --from DATE --to DATE [--format markdown|csv|html] [--zone ZONE] [--public-key"
            + " KEYFILE... [--mirror FILE]...]\n      Reports")
        .contains("  keygen --private-key FILE --public-key FILE\n      Writes a new Ed25519 key pair")
        .contains("nyc, new-york-state, federal")
        .contains("--version")
        .contains("A command never replaces a file it writes unless given --force; keygen never does.")
        .contains("Exit status: 0");
  }

  @Test
  void runWhenCommandHelpThenPrintsItsUsage() {
    Run run = Run.of("test", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: sanctuary-guard test FILE... [--pack PACKFILE]...\n\nRuns scenario files");
  }

  @ParameterizedTest
  @ValueSource(strings = {"help", "--help"})
  void runWhenHelpNamesACommandThenPrintsItsUsage(String help) {
    Run run = Run.of(help, "report");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("usage: sanctuary-guard report FILE|DIR... --from DATE --to DATE")
        .isEqualTo(Run.of("report", "--help").out());
  }

  @Test
  void runWhenHelpOrVersionIsGivenExtraArgumentsThenNamesThemAndExits2() {
    Run version = Run.of("--version", "--bogus");
    Run twoCommands = Run.of("help", "test", "verify");
    Run unknownCommand = Run.of("--help", "tset");

    assertThat(version.err()).isEqualTo("sanctuary-guard: --version takes no argument, but was given --bogus\n"
        + "Run 'sanctuary-guard help' for the commands.\n");
    assertThat(twoCommands.err()).startsWith("sanctuary-guard: help takes at most one command, but was given 2"
        + " arguments: test verify\n");
    assertThat(unknownCommand.err()).startsWith("sanctuary-guard: unknown command 'tset'; did you mean 'test'?\n");
    assertThat(new Run[] {version, twoCommands, unknownCommand}).allSatisfy(run -> {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
    });
  }

  @Test
  void runWhenVersionOutsideItsJarThenSaysVersionUnknown() {
    Run run = Run.of("--version");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("sanctuary-guard (version unknown: not run from its jar)\n");
  }

  @Test
  void runWhenUnknownCommandThenNamesItWithNearestAndExits2() {
    Run run = Run.of("tset", "scenarios.json");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("sanctuary-guard: unknown command 'tset'; did you mean 'test'?\n"
            + "Run 'sanctuary-guard help' for the commands.\n");
  }

  @Test
  void runWhenUnknownOptionThenNamesItWithNearestAndExits2() {
    Run run = Run.of("--verison");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard: unknown option '--verison'; did you mean '--version'?\n");
  }

  @Test
  void runWhenArgumentNullThenExceptionNamesIt() {
    PrintStream out = new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    assertThatNullPointerException().isThrownBy(() -> Main.run(null, out, out)).withMessage("args");
    assertThatNullPointerException().isThrownBy(() -> Main.run(new String[] {"test", null}, out, out))
        .withMessage("args[1]");
    assertThatNullPointerException().isThrownBy(() -> Main.run(new String[0], null, out)).withMessage("out");
    assertThatNullPointerException().isThrownBy(() -> Main.run(new String[0], out, null)).withMessage("err");
  }
}
