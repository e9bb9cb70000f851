package org.sanctuaryguard.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Problem;

class ScenarioRunnerTest {

  private static final String ALLOWED = """
      { "name": "A city agency delivers a service",
        "request": { "recipient": "city-agency", "purpose": "service-delivery", "categories": ["contact.phone"] },
        "expect": { "outcome": "allow", "released": ["contact.phone"] } }
      """;

  @TempDir Path dir;

  private ScenarioReport run(String json) {
    return ScenarioRunner.create().run("test.json", json, dir);
  }

  private static String file(String packs, String... scenarios) {
    return "{ \"packs\": " + packs + ", \"at\": \"2026-06-01T12:00:00Z\", \"scenarios\": [" + String.join(",", scenarios) + "] }";
  }

  @Test
  void runWhenExpectationsHoldThenPasses() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED));

    assertThat(report.allPassed()).isTrue();
    assertThat(report.results()).singleElement().satisfies(result -> {
      assertThat(result.index()).isEqualTo(1);
      assertThat(result.decision()).isNotNull();
      assertThat(result.describe()).isEqualTo("PASS  A city agency delivers a service");
    });
    assertThat(report.render()).endsWith("1 scenario: 1 passed, 0 failed, 0 errors\n");
  }

  @Test
  void runWhenDecisionDiffersThenFailsWithEveryDifferenceAndTheReasons() {
    ScenarioReport report = run(file("[\"nyc\", \"new-york-state\"]", """
        { "name": "ICE at a shelter",
          "request": { "recipient": "ice-ero", "holder": "shelter", "purpose": "civil-immigration-enforcement",
                       "categories": ["location.shelter"], "subjects": ["S-1"] },
          "expect": { "outcome": "allow", "released": ["location.shelter"], "withheld": [],
                      "obligations": ["notify-subject"], "rules": ["nyc.10-178", "federal."] } }
        """));

    ScenarioResult result = report.results().get(0);
    assertThat(result.status()).isEqualTo(ScenarioResult.Status.FAILED);
    assertThat(result.decision().outcome()).isEqualTo(Outcome.DENY);
    assertThat(result.mismatches()).containsExactly(
        "outcome: expected allow, was deny",
        "released: expected [location.shelter], was []",
        "withheld: expected [], was [location.shelter]",
        "obligations: expected notify-subject among [log-request, report-periodic, escalate-to-counsel]",
        "rules: expected federal. among [nyc.10-178.no-city-resources, nyc.10-178.immigration-purpose,"
            + " nyc.10-178.record-and-report, nyc.memo-2025.consult-counsel, nyc.4-210.city-property]");
    assertThat(result.describe()).contains("FAIL  ICE at a shelter", "reasons:", "- nyc.4-210.city-property");
    assertThat(report.allPassed()).isFalse();
  }

  @Test
  void runWhenAScenarioIsMalformedThenReportsItsFieldsAndRunsTheOthers() {
    ScenarioReport report = run(file("[\"nyc\"]", """
        { "name": "Typos",
          "request": { "recipient": "ice-eor", "purpose": "civil-enforcement", "categories": ["location.shelterr"],
                       "facts": { "bulky": true }, "basis": { "type": "judicial-warrant", "signer": { "name": "J" },
                       "issued": "yesterday" } },
          "expect": { "outcome": "refuse", "witheld": [] } }
        """, ALLOWED, "{ \"request\": {} }"));

    assertThat(report.results()).extracting(ScenarioResult::status).containsExactly(
        ScenarioResult.Status.ERROR, ScenarioResult.Status.PASSED, ScenarioResult.Status.ERROR);
    String at = "test.json: scenario 1 'Typos': scenarios[0].";
    assertThat(report.results().get(0).problems()).extracting(Problem::toString).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).isEqualTo(at + "request.recipient: unknown recipient 'ice-eor'; did you mean 'ice-ero'?"),
        p -> assertThat(p).startsWith(at + "request.purpose: unknown purpose 'civil-enforcement'; known: "),
        p -> assertThat(p).isEqualTo(at + "request.categories[0]: unknown category 'location.shelterr';"
            + " did you mean 'location.shelter'?"),
        p -> assertThat(p).isEqualTo(at + "request.facts.bulky: unknown fact 'bulky'; did you mean 'bulk'?"),
        p -> assertThat(p).isEqualTo(at + "request.basis.issued: must be a date such as 2026-02-20, but was"
            + " 'yesterday'"),
        p -> assertThat(p).isEqualTo(at + "request.basis.signer.role: is required"),
        p -> assertThat(p).startsWith(at + "expect.outcome: unknown outcome 'refuse'; known: 'allow'"),
        p -> assertThat(p).isEqualTo(at + "expect.witheld: is not a known field; did you mean 'withheld'?"));
    assertThat(report.results().get(2).problems()).extracting(Problem::toString).contains(
        "test.json: scenario 3 'scenario 3': scenarios[2].name: is required",
        "test.json: scenario 3 'scenario 3': scenarios[2].expect: is required",
        "test.json: scenario 3 'scenario 3': scenarios[2].request.recipient: is required");
    assertThat(report.render()).endsWith("3 scenarios: 1 passed, 0 failed, 2 errors\n");
  }

  @Test
  void runWhenAFileIsLargerThanAnyScenarioFileThenItIsInErrorAndTheOthersStillRun() throws Exception {
    Path huge = dir.resolve("huge.json");
    try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
      sparse.setLength(ScenarioRunner.LARGEST_FILE + 1);
    }
    Path good = dir.resolve("good.json");
    Files.writeString(good, file("[\"nyc\"]", ALLOWED));

    ScenarioReport report = ScenarioRunner.create().run(List.of(huge, good));

    assertThat(report.results()).hasSizeGreaterThan(1);
    assertThat(report.results().get(0).problems()).extracting(Problem::toString)
        .singleElement().asString().contains("huge.json").contains("larger than 64 MiB");
    assertThat(report.results().subList(1, report.results().size()))
        .allSatisfy(result -> assertThat(result.status()).isEqualTo(ScenarioResult.Status.PASSED));
  }

  @Test
  void runWhenAFileIsNotUtf8ThenSaysSo() throws Exception {
    Path latin = dir.resolve("latin.json");
    Files.write(latin, new byte[] {'{', (byte) 0xe9, '}'});

    ScenarioReport report = ScenarioRunner.create().run(List.of(latin));

    assertThat(report.results()).singleElement().satisfies(result -> assertThat(result.problems())
        .extracting(Problem::toString).singleElement().asString().contains("latin.json", "not UTF-8 text"));
  }

  @Test
  void runWhenCategoriesAreAnEmptyArrayThenTheScenarioIsInErrorSayingSo() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED.replace("[\"contact.phone\"] }", "[] }")));

    assertThat(report.results()).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(ScenarioResult.Status.ERROR);
      assertThat(result.problems()).extracting(Problem::toString).containsExactly(
          "test.json: scenario 1 'A city agency delivers a service': scenarios[0].request.categories: must list at"
              + " least one category, such as \"contact.phone\"");
    });
  }

  @Test
  void runWhenADateOrTimeDoesNotParseThenSaysWhatItTakesAndWhatItWas() {
    String json = file("[\"nyc\"]", ALLOWED.replace("\"categories\"",
        "\"at\": \"2026-13-05T10:00:00Z\", \"basis\": { \"type\": \"court-order\", \"issued\": \"yesterday\" },"
            + " \"categories\""));

    ScenarioReport report = run(json);

    assertThat(report.results()).singleElement().satisfies(result -> assertThat(result.problems())
        .extracting(Problem::toString).containsExactlyInAnyOrder(
            "test.json: scenario 1 'A city agency delivers a service': scenarios[0].request.at: must be an ISO-8601"
                + " date and time such as 2026-03-05T10:00:00Z, but was '2026-13-05T10:00:00Z'",
            "test.json: scenario 1 'A city agency delivers a service': scenarios[0].request.basis.issued: must be a"
                + " date such as 2026-02-20, but was 'yesterday'"));
    assertThat(run(file("[\"nyc\"]", ALLOWED).replace("2026-06-01T12:00:00Z", "2026-06-01"))
        .results().get(0).problems()).extracting(Problem::toString).containsExactly(
            "test.json: at: must be an ISO-8601 date and time such as 2026-03-05T10:00:00Z, but was '2026-06-01'");
  }

  @Test
  void runWhenTheFileIsEmptyOrNoObjectThenSaysSoOnceNotThatEveryFieldIsMissing() {
    assertThat(run(" \n").results().get(0).problems()).extracting(Problem::toString)
        .containsExactly("test.json: is empty, but should hold a JSON object: { ... }");
    assertThat(run("[1, 2]").results().get(0).problems()).extracting(Problem::toString)
        .containsExactly("test.json: must be a JSON object: { ... }, but was an array");
  }

  @Test
  void runWhenGivenAPolicyPackThenSaysSoOnce() {
    assertThat(run("{ \"format\": 1, \"id\": \"city\", \"rules\": [] }").results().get(0).problems())
        .extracting(Problem::toString).containsExactly("test.json: is a policy pack (it has \"rules\" and no"
            + " \"scenarios\"), not a scenario file: name it in a scenario file's \"packs\" (or, on the command line,"
            + " give it with test --pack)");
  }

  @Test
  void runWhenANameIsNoStringThenSaysSoNotThatItIsMissing() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED.replace("\"A city agency delivers a service\"", "5")));

    assertThat(report.results()).singleElement().satisfies(result -> assertThat(result.problems())
        .extracting(Problem::toString)
        .containsExactly("test.json: scenarios[0].name: must be a string, but was a number"));
  }

  @Test
  void runWhenTwoScenariosShareANameThenTheSecondIsInErrorNamingTheFirst() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED, ALLOWED));

    assertThat(report.results().get(0).status()).isEqualTo(ScenarioResult.Status.PASSED);
    assertThat(report.results().get(1).problems()).extracting(Problem::toString).containsExactly(
        "test.json: scenario 2 'A city agency delivers a service': scenarios[1].name: repeats the name of scenario 1:"
            + " each scenario needs a name of its own, by which its result is told apart");
  }

  @Test
  void runWhenAScenarioExpectsNothingOrNullOrABlankRuleThenItIsInErrorNotAPass() {
    String request = "\"request\": { \"recipient\": \"ice-ero\", \"purpose\": \"civil-immigration-enforcement\","
        + " \"categories\": [\"location.home-address\"] }";
    ScenarioReport report = run(file("[\"nyc\"]",
        "{ \"name\": \"empty\", " + request + ", \"expect\": {} }",
        "{ \"name\": \"nulls\", " + request + ", \"expect\": { \"outcome\": null, \"released\": null } }",
        "{ \"name\": \"any rule\", " + request + ", \"expect\": { \"rules\": [\" \"] } }"));

    assertThat(report.results()).extracting(ScenarioResult::status).containsOnly(ScenarioResult.Status.ERROR);
    assertThat(report.results().get(0).problems()).extracting(Problem::toString).containsExactly(
        "test.json: scenario 1 'empty': scenarios[0].expect: checks nothing: give at least one of outcome, released,"
            + " withheld, escalated, obligations, rules");
    assertThat(report.results().get(1).problems()).extracting(Problem::toString).contains(
        "test.json: scenario 2 'nulls': scenarios[1].expect.outcome: must not be null: leave out what is not to be"
            + " checked");
    assertThat(report.results().get(2).problems()).extracting(Problem::toString).singleElement().asString()
        .contains("scenarios[2].expect.rules[0]", "must not be blank");
    assertThat(report.allPassed()).isFalse();
  }

  @Test
  void runWhenAScenarioIsNamedBlankThenItIsInErrorUnderItsNumber() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED.replace("A city agency delivers a service", " ")));

    assertThat(report.results()).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(ScenarioResult.Status.ERROR);
      assertThat(result.name()).isEqualTo("scenario 1");
      assertThat(result.problems()).extracting(Problem::toString)
          .containsExactly("test.json: scenario 1 'scenario 1': scenarios[0].name: must not be blank");
    });
  }

  @Test
  void runWhenAnObjectRepeatsAKeyThenTheFileIsInErrorNamingIt() {
    ScenarioReport report = run(file("[\"nyc\"]", ALLOWED.replace("\"recipient\": \"city-agency\",",
        "\"recipient\": \"ice-ero\", \"recipient\": \"city-agency\",")));

    assertThat(report.results()).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(ScenarioResult.Status.ERROR);
      assertThat(result.problems()).extracting(Problem::toString).singleElement().asString()
          .contains("not valid JSON", "recipient");
    });
  }

  @Test
  void runWhenThePackIsUnknownThenTheFileIsInErrorWithASuggestion() {
    ScenarioReport report = run(file("[\"nyc\", \"federall\"]", ALLOWED));

    assertThat(report.results()).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(ScenarioResult.Status.ERROR);
      assertThat(result.problems()).extracting(Problem::toString)
          .containsExactly("test.json: packs[1]: unknown pack 'federall'; did you mean 'federal'?");
    });
  }

  @Test
  void runWhenTheFileIsNotJsonThenSaysWhere() {
    assertThat(run("{ \"packs\": [\"nyc\"], ").results().get(0).problems()).singleElement().asString()
        .startsWith("test.json: line 1, column 21: not valid JSON");
  }

  @Test
  void runWhenAFileCannotBeReadThenReportsItAndRunsTheNextFile() throws Exception {
    Path good = Files.writeString(dir.resolve("good.json"), file("[\"nyc\"]", ALLOWED));

    ScenarioReport report = ScenarioRunner.create().run(dir.resolve("missing.json"), good);

    assertThat(report.results()).extracting(ScenarioResult::status)
        .containsExactly(ScenarioResult.Status.ERROR, ScenarioResult.Status.PASSED);
    assertThat(report.results().get(0).problems().get(0).message()).startsWith("cannot read the file");
  }

  @Test
  void runWhenThePackIsAFileThenItIsReadRelativeToTheScenarioFile() throws Exception {
    Files.writeString(dir.resolve("city.json"), """
        { "format": 1, "id": "city", "version": "1", "title": "City", "jurisdiction": "City", "time-zone": "UTC",
          "summary": "s", "rules": [ { "id": "city.no-phone", "citation": "City § 1", "confidence": "C",
          "message": "No phones.", "when": { "categories": ["contact.phone"] }, "effect": "withhold" } ] }
        """);
    Path scenarios = Files.writeString(dir.resolve("scenarios.json"), file("[\"city.json\"]", """
        { "name": "Phones stay", "request": { "recipient": "city-agency", "purpose": "other", "categories": ["contact.phone"] },
          "expect": { "outcome": "deny", "rules": ["city.no-phone"] } }
        """));

    assertThat(ScenarioRunner.create().run(scenarios).allPassed()).isTrue();
  }

  @Test
  void runWhenAPackFileIsInvalidThenItsProblemsAreTheFilesProblems() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{ \"format\": 1 }");

    ScenarioReport report = run(file("[\"broken.json\"]", ALLOWED));

    assertThat(report.results().get(0).problems()).isNotEmpty()
        .allSatisfy(problem -> assertThat(problem.source()).endsWith("broken.json"));
  }

  @Test
  void withPacksWhenGivenThenFilesNameThemById() {
    PolicyPack city = PolicyPack.read("city.json", """
        { "format": 1, "id": "city", "version": "1", "title": "City", "jurisdiction": "City", "time-zone": "UTC",
          "summary": "s", "rules": [ { "id": "city.log", "citation": "City § 1", "confidence": "C", "message": "Log.",
          "when": {}, "obligations": ["log-request"] } ] }
        """);

    ScenarioReport report = ScenarioRunner.create().withPacks(city).run("test.json", file("[\"city\"]", ALLOWED), dir);

    assertThat(report.allPassed()).isTrue();
  }

  @Test
  void runWhenTheFileHasNoScenariosThenItIsNotAPass() {
    assertThat(run("{ \"packs\": [\"nyc\"], \"scenarios\": [] }").allPassed()).isFalse();
  }
}
