package org.sanctuaryguard.junit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.scenario.ScenarioResult;
import org.sanctuaryguard.scenario.ScenarioRunner;

/**
 * Turns scenario files into JUnit Jupiter tests, so that the scenarios a privacy officer writes run
 * in a city's own test suite and fail its build when a pack stops deciding as they expect.
 *
 * <pre>{@code
 * class PolicyScenariosTest {
 *
 *   @TestFactory
 *   Stream<DynamicNode> scenarios() {
 *     return ScenarioTests.inDirectory(Path.of("src/test/scenarios"));
 *   }
 * }
 * }</pre>
 *
 * <p>Each file becomes a container named by its path, and each of its scenarios a test named by the
 * scenario's name. A scenario whose decision differs from what it expects fails with an {@link
 * AssertionError} whose message names the file and the scenario's number, then gives {@link
 * ScenarioResult#describe()}: the differences, the decision and its reasons. A scenario that cannot be run as written fails with its problems, each naming the
 * file, the scenario and the field. A file that cannot be read, is not JSON, names a pack that cannot
 * be loaded or holds no scenario fails as one test, {@code "(the file)"}, whose message names the
 * file; so does an empty list of files, as one test {@code "(no file)"}. Pack files and ids resolve as {@link ScenarioRunner} documents.
 *
 * <p>Stateless and thread-safe. A returned stream, like any stream, is for one use; it reads and
 * runs each file when it reaches it.
 *
 * @since 0.1.0
 */
public final class ScenarioTests {


  private ScenarioTests() {}

  /**
   * Returns the tests of scenario files, run by a runner that knows the built-in packs.
   *
   * @param files the scenario files, in the order of their containers
   * @return one container per file, holding one test per scenario
   * @since 0.1.0
   */
  public static Stream<DynamicNode> of(Path... files) {
    return of(ScenarioRunner.create(), files);
  }

  /**
   * Returns the tests of scenario files, run by the given runner: one that knows a city's own packs,
   * for example {@code ScenarioRunner.create().withPacks(PolicyPack.load(Path.of("packs/city.json")))}.
   *
   * @param runner the runner
   * @param files the scenario files, in the order of their containers
   * @return one container per file, holding one test per scenario
   * @since 0.1.0
   */
  public static Stream<DynamicNode> of(ScenarioRunner runner, Path... files) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(files, "files");
    List<Path> checked = new ArrayList<>(files.length);
    for (int i = 0; i < files.length; i++) {
      checked.add(Objects.requireNonNull(files[i], "files[" + i + "]"));
    }
    if (checked.isEmpty()) {
      return Stream.of(failing("(no file)", null, "no scenario file given: an empty list would pass unnoticed"));
    }
    return checked.stream().map(file -> file(runner, file));
  }

  /**
   * Returns the tests of every scenario file ({@code *.json}) directly in a directory, in the order
   * of their names, run by a runner that knows the built-in packs. A directory that cannot be listed,
   * or holds no scenario file, fails as one test named by the directory, so that a mistyped path
   * cannot pass unnoticed; a {@code *.json} entry that cannot be read (a broken link) fails as its
   * file's test.
   *
   * @param directory the directory
   * @return one container per file, holding one test per scenario
   * @since 0.1.0
   */
  public static Stream<DynamicNode> inDirectory(Path directory) {
    return inDirectory(ScenarioRunner.create(), directory);
  }

  /**
   * Returns the tests of every scenario file ({@code *.json}) directly in a directory, in the order
   * of their names, run by the given runner; see {@link #inDirectory(Path)}.
   *
   * @param runner the runner
   * @param directory the directory
   * @return one container per file, holding one test per scenario
   * @since 0.1.0
   */
  public static Stream<DynamicNode> inDirectory(ScenarioRunner runner, Path directory) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(directory, "directory");
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing
          .filter(path -> path.getFileName().toString().endsWith(".json") && !Files.isDirectory(path))
          .sorted()
          .toList();
    } catch (IOException e) {
      return Stream.of(failing(directory.toString(), directory.toUri(),
          "cannot list the scenario files in " + directory + ": " + SanctuaryGuardException.describe(e)));
    }
    if (files.isEmpty()) {
      return Stream.of(failing(directory.toString(), directory.toUri(), "no scenario file (*.json) in " + directory));
    }
    return of(runner, files.toArray(Path[]::new));
  }

  private static DynamicNode file(ScenarioRunner runner, Path file) {
    URI source = file.toUri();
    Stream<DynamicTest> tests = runner.run(file).results().stream()
        .map(result -> DynamicTest.dynamicTest(result.name(), source, () -> check(file, result)));
    return DynamicContainer.dynamicContainer(file.toString(), source, tests);
  }

  private static void check(Path file, ScenarioResult result) {
    if (!result.passed()) {
      // a report may show the test's name alone, and two files may hold scenarios of one name
      throw new AssertionError(file + ", scenario " + result.index() + ": " + result.describe());
    }
  }

  private static DynamicTest failing(String name, @Nullable URI source, String message) {
    return DynamicTest.dynamicTest(name, source, () -> {
      throw new AssertionError(message);
    });
  }
}
