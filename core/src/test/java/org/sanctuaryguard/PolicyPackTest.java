package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPackTest {

  private static final String HEADER = """
      "format": 1, "id": "city", "version": "1", "title": "City", "jurisdiction": "City",
      "time-zone": "America/New_York", "summary": "s"
      """;

  private static List<String> problems(String json) {
    try {
      PolicyPack.read("city.json", json);
    } catch (PolicyFormatException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("the pack was accepted");
  }

  @Test
  void builtinWhenShippedThenEveryPackLoadsWithCitedRules() {
    for (String id : PolicyPack.builtinIds()) {
      PolicyPack pack = PolicyPack.builtin(id);
      assertThat(pack.id()).isEqualTo(id);
      assertThat(pack.ruleIds()).isNotEmpty().allMatch(rule -> rule.startsWith(id + "."));
      assertThat(pack.rules()).allSatisfy(rule -> assertThat(rule.citation()).isNotBlank());
      assertThat(pack.summary()).contains("not legal advice");
    }
  }

  @Test
  void builtinWhenUnknownIdThenSuggests() {
    assertThatThrownBy(() -> PolicyPack.builtin("new-york"))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessageContaining("unknown pack 'new-york'; did you mean 'new-york-state'");
  }

  @Test
  void readWhenNotJsonThenNamesLineAndColumn() {
    assertThat(problems("{\n  \"format\": 1,\n  oops\n}")).singleElement().asString()
        .startsWith("city.json: line 3, column 3: not valid JSON");
  }

  @Test
  void readWhenFormatIsNewerThenSaysWhichFormatIsRead() {
    assertThat(problems("{" + HEADER.replace("\"format\": 1", "\"format\": 2") + ", \"rules\": []}"))
        .contains("city.json: format: is 2, but this library reads pack format 1");
  }

  @Test
  void readWhenHeaderFieldsMissingThenNamesEach() {
    assertThat(problems("{ \"format\": 1 }")).containsExactly(
        "city.json: id: is required",
        "city.json: version: is required",
        "city.json: title: is required",
        "city.json: jurisdiction: is required",
        "city.json: time-zone: is required, for example \"America/New_York\"",
        "city.json: summary: is required",
        "city.json: rules: is required");
  }

  @Test
  void readWhenRulesHaveManyProblemsThenReportsThemAllWithRuleAndField() {
    String json = "{" + HEADER + """
        , "sumary": "typo",
          "rules": [
            { "id": "city.a", "citation": "C § 1", "confidence": "C", "message": "m",
              "when": { "recipient-classes": ["immigration-enforcment"], "categories": ["immigration.stauts"],
                        "facts": { "violent": true } },
              "effect": "deny" },
            { "id": "other.b", "citation": "C § 2", "confidence": "U", "message": "m", "when": {},
              "effect": "withhold", "preempts": true,
              "obligations": ["log-request", { "kind": "notify-subject", "within": "three days" }] },
            { "id": "city.a", "citation": "C § 3", "confidence": "X", "message": "m", "when": {}, "unless": [ {} ] }
          ] }
        """;

    assertThat(problems(json)).containsExactly(
        "city.json: rule 'city.a': rules[0].when.recipient-classes[0]: unknown recipient class 'immigration-enforcment';"
            + " did you mean 'immigration-enforcement'?",
        "city.json: rule 'city.a': rules[0].when.facts.violent: unknown fact 'violent'; did you mean"
            + " 'violent-or-serious-conviction'? (declare it in the pack's \"facts\")",
        "city.json: rule 'city.a': rules[0].when.categories[0]: unknown category 'immigration.stauts';"
            + " did you mean 'immigration.status'?",
        "city.json: rule 'city.a': rules[0].effect: unknown effect 'deny'; known: 'escalate', 'withhold'",
        "city.json: rule 'other.b': rules[1].id: must start with the pack id and a dot, 'city.'",
        "city.json: rule 'other.b': rules[1].note: is required when confidence is U: say what is unconfirmed,"
            + " so counsel checks it",
        "city.json: rule 'other.b': rules[1].obligations[1].within: must be an ISO-8601 duration such as P3D"
            + " (three days) or PT72H, but was 'three days'",
        "city.json: rule 'other.b': rules[1].preempts: only an 'escalate' effect can preempt: federal law sets a"
            + " floor, not a ban",
        "city.json: rule 'city.a': rules[2].id: is used by another rule of the pack",
        "city.json: rule 'city.a': rules[2].confidence: unknown confidence 'X'; known: 'C', 'S', 'U'",
        "city.json: rule 'city.a': rules[2].unless[0]: must name a basis or facts",
        "city.json: rule 'city.a': rules[2].unless: needs an effect to lift",
        "city.json: rule 'city.a': rules[2].effect: is required unless the rule only adds obligations",
        "city.json: sumary: is not a known field; did you mean 'summary'?");
  }

  @Test
  void readWhenARuleHasMoreAlternativesThanTheEngineHoldsThenSaysSoAndHowToSplitIt() {
    String alternative = "{ \"facts-all\": [\"bulk\"] }";
    String json = "{" + HEADER + ", \"rules\": [ { \"id\": \"city.a\", \"citation\": \"C § 1\", \"confidence\": \"C\","
        + " \"message\": \"m\", \"when\": {}, \"effect\": \"withhold\", \"unless\": ["
        + String.join(", ", java.util.Collections.nCopies(65, alternative)) + "] } ] }";

    assertThat(problems(json)).containsExactly(
        "city.json: rule 'city.a': rules[0].unless: has 65 alternatives; a rule may have at most 64 (split it into several rules)");
  }

  @Test
  void readWhenValuesHaveWrongTypesThenSaysWhatWasExpected() {
    String json = "{" + HEADER + """
        , "rules": [ { "id": "city.a", "citation": 7, "confidence": "C", "message": "m",
                       "when": { "holders": "shelter", "purposes": [1] }, "effect": "withhold", "preempts": "yes" } ] }
        """;

    assertThat(problems(json)).contains(
        "city.json: rule 'city.a': rules[0].citation: must be a string, but was a number",
        "city.json: rule 'city.a': rules[0].when.purposes[0]: must be a string, but was a number",
        "city.json: rule 'city.a': rules[0].preempts: must be true or false, but was a string");
  }

  @Test
  void loadWhenFileIsMissingThenSaysWhichFile(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> PolicyPack.load(missing))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageStartingWith("cannot read pack file " + missing);
  }

  @Test
  void readWhenEmptyOrNoObjectThenSaysSoOnceNotThatEveryFieldIsMissing() {
    assertThat(problems("")).containsExactly("city.json: is empty, but should hold a JSON object: { ... }");
    assertThat(problems("\"nyc\"")).containsExactly("city.json: must be a JSON object: { ... }, but was a string");
  }

  @Test
  void readWhenGivenAScenarioFileThenSaysSoOnce() {
    assertThat(problems("{ \"packs\": [\"nyc\"], \"scenarios\": [] }")).containsExactly("city.json: is a scenario"
        + " file (it has \"scenarios\" and no \"rules\"), not a policy pack: run it with the test command, or give"
        + " the pack file it names");
  }

  @Test
  void loadWhenFileIsNotUtf8ThenSaysSo(@TempDir Path dir) throws Exception {
    Path latin = dir.resolve("latin.json");
    Files.write(latin, new byte[] {'{', '"', (byte) 0xe9, '"', '}'});

    assertThatThrownBy(() -> PolicyPack.load(latin))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessage("cannot read pack file " + latin + ": the file is not UTF-8 text");
  }

  @Test
  void loadWhenFileIsLargerThanAnyPackThenSaysSoWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.json");
    try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
      sparse.setLength(Integer.MAX_VALUE + 1L);
    }

    assertThatThrownBy(() -> PolicyPack.load(huge))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessage("cannot read pack file " + huge + ": the file is larger than 16 MiB, more than any pack file"
            + " needs: is it a pack file?");
  }

  @Test
  void loadWhenCityPackIsValidThenDeclaresItsOwnVocabulary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("city.json");
    Files.writeString(file, "{" + HEADER + """
        , "facts": { "sanctuary-zone": "The address is in a sanctuary zone" },
          "categories": { "housing": "Housing" },
          "rules": [ { "id": "city.housing", "citation": "C § 1", "confidence": "C", "message": "m",
                       "when": { "categories": ["housing"], "facts": { "sanctuary-zone": true } }, "effect": "withhold" } ] }
        """);

    PolicyPack pack = PolicyPack.load(file);

    assertThat(pack.source()).isEqualTo(file.toString());
    assertThat(pack.facts()).containsKey("sanctuary-zone");
    assertThat(pack.factsRead()).containsExactly("sanctuary-zone");
    assertThat(pack).hasToString("city@1");
  }

  @Test
  void explainWhenRenderedThenListsEveryRuleWithCitationAndNotes() {
    PolicyPack nyc = PolicyPack.builtin("nyc");

    String markdown = nyc.explain();

    assertThat(markdown).startsWith("# New York City (`nyc` 2026.11.1)");
    assertThat(markdown).contains("| Rule | Applies when | Lifted by | Effect | Obligations | Citation | Conf. |");
    for (String rule : nyc.ruleIds()) {
      assertThat(markdown).contains("| `" + rule + "` |").contains("### `" + rule + "`");
    }
    assertThat(markdown).contains("N.Y.C. Admin. Code § 10-178(c)")
        .contains("recipient immigration-enforcement, immigration-adjacent (and unknown)")
        .contains("> The exigent-circumstances category")
        .contains("- `violent-or-serious-conviction`:");
  }

  @Test
  void readWhenARecipientIsItsOwnAncestorThenNamesEachAndLeavesAParentItCannotKnowToThePolicy() {
    List<String> problems = problems("{" + HEADER + """
        , "recipients": [
          { "id": "county-unit", "name": "Unit", "class": "law-enforcement", "parent": "county-sheriff" },
          { "id": "loop-a", "name": "A", "class": "other", "parent": "loop-b" },
          { "id": "loop-b", "name": "B", "class": "other", "parent": "loop-a" },
          { "id": "ice", "name": "ICE", "class": "immigration-enforcement", "parent": "ice-hsi" },
          { "id": "hsi-newark", "name": "HSI Newark", "class": "law-enforcement", "parent": "ice-hsi" }
        ],
        "rules": [ { "id": "city.log", "citation": "x", "confidence": "C", "message": "m", "when": {},
          "obligations": ["log-request"] } ] }
        """);

    assertThat(problems).containsExactly(
        "city.json: recipient 'loop-a': recipients[1].parent: recipient 'loop-a' is its own ancestor: loop-a -> loop-b -> loop-a",
        "city.json: recipient 'loop-b': recipients[2].parent: recipient 'loop-b' is its own ancestor: loop-b -> loop-a -> loop-b",
        "city.json: recipient 'ice': recipients[3].parent: recipient 'ice' is its own ancestor: ice -> ice-hsi -> ice",
        "city.json: recipient 'hsi-newark': recipients[4].parent: recipient 'ice-hsi' is its own ancestor: hsi-newark -> ice-hsi"
            + " -> ice -> ice-hsi");
  }

  @Test
  void explainWhenThePackAddsRecipientsThenListsEachWithItsClassAndParent() {
    PolicyPack pack = PolicyPack.read("city.json", "{" + HEADER + """
        , "recipients": [
          { "id": "city-marshals", "name": "City Marshals", "class": "law-enforcement" },
          { "id": "county-unit", "name": "County Warrants Unit", "class": "law-enforcement", "parent": "county-sheriff" }
        ],
        "rules": [ { "id": "city.log", "citation": "x", "confidence": "C", "message": "m", "when": {},
          "obligations": ["log-request"] } ] }
        """);

    assertThat(pack.explain()).contains("## Recipients the pack adds\n\n"
        + "- `city-marshals`: City Marshals (law-enforcement)\n"
        + "- `county-unit`: County Warrants Unit (law-enforcement), a part of `county-sheriff`\n");
  }
}
