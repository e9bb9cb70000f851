package org.sanctuaryguard.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Disposition;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Reason;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the scenario files of the repository ({@code scenarios/*.json}, written by privacy officers
 * and counsel from the legal reference) against the shipped packs, and checks that every rule of
 * those packs is named by at least one scenario.
 */
class RepositoryScenariosTest {

  private static final List<String> SHIPPED_PACKS = List.of("nyc", "new-york-state", "federal");

  private static final int MINIMUM_SCENARIOS = 50;

  @Test
  void runWhenRepositoryScenariosThenAllPass() throws IOException {
    List<Path> files = scenarioFiles();

    ScenarioReport report = ScenarioRunner.create().run(files);

    assertThat(report.allPassed()).withFailMessage("%s", report.render()).isTrue();
    assertThat(report.results())
        .as("scenarios in %s", files)
        .hasSizeGreaterThanOrEqualTo(MINIMUM_SCENARIOS);
  }

  @Test
  void everyRuleOfTheShippedPacksIsCoveredByAScenario() throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    Set<String> named = new TreeSet<>();
    for (Path file : scenarioFiles()) {
      JsonNode root = mapper.readTree(file);
      for (JsonNode scenario : root.path("scenarios")) {
        for (JsonNode rule : scenario.path("expect").path("rules")) {
          named.add(rule.asString());
        }
      }
    }

    List<String> uncovered = new ArrayList<>();
    for (String pack : SHIPPED_PACKS) {
      for (String rule : PolicyPack.builtin(pack).ruleIds()) {
        if (!named.contains(rule)) {
          uncovered.add(rule);
        }
      }
    }

    assertThat(uncovered)
        .as("rules of the shipped packs that no scenario names in expect.rules")
        .isEmpty();
  }

  @Test
  void runWhenDecisionsAreExplainedThenTheReasonsNameTheSameRulesAndAccountForEveryCategoryNotReleased()
      throws IOException {
    ScenarioReport report = ScenarioRunner.create().run(scenarioFiles());

    for (ScenarioResult result : report.results()) {
      Decision decision = result.decisionIfAny().orElseThrow();

      assertThat(decision.reasons().stream().map(Reason::rule).distinct()).as(result.name())
          .containsExactlyElementsOf(decision.rules());
      assertThat(categoriesGiven(decision, Disposition.WITHHELD)).as(result.name())
          .containsAll(decision.withheld());
      assertThat(categoriesGiven(decision, Disposition.ESCALATED)).as(result.name())
          .containsAll(decision.escalated());
    }
  }

  private static Set<Category> categoriesGiven(Decision decision, Disposition disposition) {
    Set<Category> given = new TreeSet<>();
    decision.reasons().stream().filter(reason -> reason.disposition() == disposition)
        .forEach(reason -> given.addAll(reason.categories()));
    return given;
  }

  /** The scenario files at the top of the repository's {@code scenarios} directory, in name order. */
  private static List<Path> scenarioFiles() throws IOException {
    Path directory = Path.of(System.getProperty("basedir", ".")).resolve("../scenarios").normalize();
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("scenario files in %s", directory).isNotEmpty();
    return files;
  }
}
