package org.sanctuaryguard.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.scenario.ScenarioRunner;

/**
 * Runs suites as a city's build would, through the JUnit Platform, and checks what it reports. The
 * suites are nested classes, which Surefire does not run by itself.
 */
class ScenarioTestsTest {

  private static final String PATH = "sanctuary-guard.test.path";

  private static final String PASSING = """
      { "name": "Another city agency asks for a client's name to deliver a service",
        "request": { "recipient": "city-agency", "purpose": "service-delivery", "categories": ["identity.name"] },
        "expect": { "outcome": "allow" } }""";

  private static final String FAILING = """
      { "name": "ICE ERO telephones a school for a student's address",
        "request": { "recipient": "ice-ero", "holder": "school", "purpose": "civil-immigration-enforcement",
                     "categories": ["location.home-address"] },
        "expect": { "outcome": "allow" } }""";

  private static final String CITY_PACK = """
      { "format": 1, "id": "city", "version": "2026.1.0", "title": "Test City", "jurisdiction": "City of Test",
        "time-zone": "America/New_York", "summary": "Library records stay in the library.",
        "rules": [ { "id": "city.library-records", "citation": "Test City Code § 1", "confidence": "C",
                     "message": "Library records go to nobody.", "when": { "holders": ["library"] },
                     "effect": "withhold" } ] }""";

  private static final String LIBRARY = """
      { "name": "The police ask the library for a patron's name",
        "request": { "recipient": "nypd", "holder": "library", "purpose": "criminal-investigation",
                     "categories": ["identity.name"] },
        "expect": { "outcome": "deny", "rules": ["city.library-records"] } }""";

  @TempDir Path directory;

  @Test
  void inDirectoryWhenRepositoryScenariosThenEveryScenarioSucceeds() throws IOException {
    Path repository = Path.of("..", "scenarios");
    List<Path> files;
    try (Stream<Path> listing = Files.list(repository)) {
      files = listing.filter(file -> file.toString().endsWith(".json")).toList();
    }
    long scenarios = ScenarioRunner.create().run(files).results().size();

    EngineExecutionResults results = execute(DirectorySuite.class, repository);

    assertThat(scenarios).isPositive();
    results.testEvents().assertStatistics(stats -> stats.started(scenarios).succeeded(scenarios).failed(0));
    assertThat(results.containerEvents().started().stream().map(ScenarioTestsTest::name))
        .containsAll(files.stream().map(Path::toString).toList());
  }

  @Test
  void ofWhenScenarioFailsThenTestFailsWithDescription() throws IOException {
    Path file = scenarioFile("city.json", "[\"nyc\"]", PASSING, FAILING);
    String description = ScenarioRunner.create().run(file).results().get(1).describe();

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Map<String, Throwable> failures = failures(results);
    assertThat(failures).containsOnlyKeys("ICE ERO telephones a school for a student's address");
    assertThat(failures.get("ICE ERO telephones a school for a student's address"))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage(file + ", scenario 2: " + description)
        .hasMessageContaining("outcome: expected allow, was deny")
        .hasMessageContaining("nyc.10-178");
  }

  @Test
  void ofWhenRecipientUnknownThenTestFailsNamingFieldAndNearestId() throws IOException {
    Path file = scenarioFile("typo.json", "[\"nyc\"]", FAILING.replace("\"ice-ero\"", "\"ice-er\""));

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get("ICE ERO telephones a school for a student's address"))
        .hasMessageStartingWith(file + ", scenario 1: ERROR")
        .hasMessageContaining("request.recipient")
        .hasMessageContaining("'ice-er'")
        .hasMessageContaining("did you mean 'ice-ero'");
  }

  @Test
  void ofWhenFileIsNotJsonThenOneTestFailsNamingTheFile() throws IOException {
    Path file = Files.writeString(directory.resolve("notes.json"), "Ask counsel about I-247A detainers.");

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(results.containerEvents().started().stream().map(ScenarioTestsTest::name)).contains(file.toString());
    assertThat(failures(results).get("(the file)"))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void ofWhenFileIsMissingThenOneTestFailsNamingTheFile() {
    Path file = directory.resolve("missing.json");

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get("(the file)"))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void ofWhenFileHasNoScenariosThenOneTestFails() throws IOException {
    Path file = scenarioFile("empty.json", "[\"nyc\"]");

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get("(the file)")).hasMessageContaining(file + ": scenarios: must list at least one scenario");
  }

  @Test
  void ofWhenPackOnlyTheRunnerKnowsThenScenarioSucceeds() throws IOException {
    Files.writeString(directory.resolve("city-pack.json"), CITY_PACK);
    scenarioFile("library.json", "[\"city\"]", LIBRARY);

    EngineExecutionResults results = execute(CityPackSuite.class, directory);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
  }

  @Test
  void ofWhenPackUnknownThenFileFailsWithNearestId() throws IOException {
    Path file = scenarioFile("library.json", "[\"city\"]", LIBRARY);

    EngineExecutionResults results = execute(FileSuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get("(the file)")).hasMessageContaining("unknown pack 'city'");
  }

  @Test
  void inDirectoryWhenFilesThenOneContainerPerJsonFileSortedByName() throws IOException {
    scenarioFile("b.json", "[\"nyc\"]", PASSING);
    scenarioFile("a.json", "[\"nyc\"]", PASSING, FAILING);
    Files.writeString(directory.resolve("notes.txt"), "not a scenario file");

    List<String> names = ScenarioTests.inDirectory(directory).map(DynamicNode::getDisplayName).toList();

    assertThat(names).containsExactly(directory.resolve("a.json").toString(), directory.resolve("b.json").toString());
  }

  @Test
  void inDirectoryWhenNoScenarioFileThenOneTestFailsNamingTheDirectory() {
    EngineExecutionResults results = execute(DirectorySuite.class, directory);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get(directory.toString())).hasMessage("no scenario file (*.json) in " + directory);
  }

  @Test
  void inDirectoryWhenDirectoryMissingThenOneTestFailsNamingIt() {
    Path missing = directory.resolve("scenarioz");

    EngineExecutionResults results = execute(DirectorySuite.class, missing);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get(missing.toString()))
        .hasMessage("cannot list the scenario files in " + missing + ": no such file");
  }

  @Test
  void inDirectoryWhenThePathIsAFileThenOneTestFailsSayingItIsNoDirectory() throws IOException {
    Path file = Files.writeString(directory.resolve("scenarios.json"), "{}");

    EngineExecutionResults results = execute(DirectorySuite.class, file);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get(file.toString()))
        .hasMessage("cannot list the scenario files in " + file + ": not a directory");
  }

  @Test
  void ofWhenNoFileIsGivenThenOneTestFails() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoFileSuite.class))
        .execute();

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results).get("(no file)")).hasMessageContaining("no scenario file given");
  }

  @Test
  void inDirectoryWhenAScenarioFileIsABrokenLinkThenItsTestFailsNamingIt() throws IOException {
    scenarioFile("a.json", "[\"nyc\"]", PASSING);
    Path broken = Files.createSymbolicLink(directory.resolve("b.json"), directory.resolve("moved-away.json"));

    EngineExecutionResults results = execute(DirectorySuite.class, directory);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(failures(results).get("(the file)")).hasMessageContaining(broken.toString());
  }

  @Test
  void ofWhenArgumentNullThenExceptionNamesIt() {
    Path file = directory.resolve("a.json");

    assertThatNullPointerException().isThrownBy(() -> ScenarioTests.of(file, null)).withMessage("files[1]");
    assertThatNullPointerException().isThrownBy(() -> ScenarioTests.of((Path[]) null)).withMessage("files");
    assertThatNullPointerException().isThrownBy(() -> ScenarioTests.of((ScenarioRunner) null, file)).withMessage("runner");
    assertThatNullPointerException().isThrownBy(() -> ScenarioTests.inDirectory(null)).withMessage("directory");
  }

  private Path scenarioFile(String name, String packs, String... scenarios) throws IOException {
    String json = "{ \"packs\": " + packs + ", \"at\": \"2026-06-01T12:00:00Z\",\n  \"scenarios\": ["
        + String.join(",\n", scenarios) + "] }";
    return Files.writeString(directory.resolve(name), json);
  }

  private static EngineExecutionResults execute(Class<?> suite, Path path) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(PATH, path.toString())
        .selectors(selectClass(suite))
        .execute();
  }

  private static Map<String, Throwable> failures(EngineExecutionResults results) {
    Map<String, Throwable> failures = new LinkedHashMap<>();
    for (Event event : results.testEvents().failed().list()) {
      Throwable thrown = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      failures.put(name(event), thrown);
    }
    return failures;
  }

  private static String name(Event event) {
    return event.getTestDescriptor().getDisplayName();
  }

  /** Resolves a {@link Path} parameter to the path the test run is configured with. */
  static final class ConfiguredPath implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Path.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return Path.of(context.getConfigurationParameter(PATH).orElseThrow());
    }
  }

  /** A city's suite: every scenario file of a directory. */
  @ExtendWith(ConfiguredPath.class)
  static final class DirectorySuite {
    @TestFactory
    Stream<DynamicNode> scenarios(Path directory) {
      return ScenarioTests.inDirectory(directory);
    }
  }

  /** A city's suite: one scenario file. */
  @ExtendWith(ConfiguredPath.class)
  static final class FileSuite {
    @TestFactory
    Stream<DynamicNode> scenarios(Path file) {
      return ScenarioTests.of(file);
    }
  }

  /** A city's suite given no file, as an empty listing would give it. */
  static final class NoFileSuite {
    @TestFactory
    Stream<DynamicNode> scenarios() {
      return ScenarioTests.of();
    }
  }

  /** A city's suite with a pack of its own, which its scenario files name by id. */
  @ExtendWith(ConfiguredPath.class)
  static final class CityPackSuite {
    @TestFactory
    Stream<DynamicNode> scenarios(Path directory) {
      ScenarioRunner runner = ScenarioRunner.create().withPacks(PolicyPack.load(directory.resolve("city-pack.json")));
      return ScenarioTests.of(runner, directory.resolve("library.json"));
    }
  }
}
