package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sanctuaryguard.cli.Run.fixture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.PolicyFormatException;
import org.sanctuaryguard.PolicyPack;

class TestCommandTest {

  private static final String EXAMPLES = Path.of("..", "scenarios", "nyc-examples.json").toString();

  @Test
  void testWhenEveryScenarioPassesThenPrintsReportAndExits0() {
    Run run = Run.of("test", EXAMPLES);

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith(EXAMPLES + "\n  PASS ").containsPattern("\\d+ scenarios: \\d+ passed, 0 failed, 0 errors\n$");
  }

  @Test
  void testWhenScenarioFailsThenPrintsDifferenceAndReasonsAndExits1() {
    Run run = Run.of("test", EXAMPLES, fixture("failing.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains("  FAIL  HSI asks a shelter for a resident's address in a money laundering investigation\n")
        .contains("outcome: expected allow, was deny")
        .contains("reasons:")
        .contains(" passed, 1 failed, 0 errors\n");
  }

  @Test
  void testWhenFileMissingThenReportsItAndExits1() {
    Run run = Run.of("test", "missing.json");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).startsWith("missing.json\n  ERROR (the file)").contains("cannot read the file");
  }

  @Test
  void testWhenFileNotJsonThenReportsLineAndExits1() {
    Run run = Run.of("test", fixture("not-json.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("line 1, column").contains("not valid JSON").endsWith("1 scenario: 0 passed, 0 failed, 1 error\n");
  }

  @Test
  void testWhenPackOptionNamesABuiltInPackThenSaysScenarioFilesNameItAndExits2() {
    Run run = Run.of("test", EXAMPLES, "--pack", "nyc");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("sanctuary-guard test: option --pack takes a pack file, but 'nyc' is a built-in"
        + " pack and no file: a scenario file names a built-in pack in its \"packs\", with no --pack\n");
  }

  @Test
  void testWhenOnePackFileIsGivenTwiceThenSaysSoNotThatTwoFilesShareAnIdAndExits2() {
    String pack = fixture("city-pack.json").toString();

    Run run = Run.of("test", fixture("library.json").toString(), "--pack", pack, "--pack=./" + pack);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard test: pack file ./" + pack + " is given twice with --pack:"
        + " give it once\n");
  }

  @Test
  void testWhenPackFileIsNotUtf8ThenSaysSoAndExits1(@TempDir Path directory) throws IOException {
    Path latin = Files.write(directory.resolve("latin.json"), new byte[] {'{', '"', (byte) 0xe9, '"', '}'});

    Run run = Run.of("test", EXAMPLES, "--pack", latin.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("sanctuary-guard test: cannot read pack file " + latin
        + ": the file is not UTF-8 text\n");
  }

  @Test
  void testWhenPackFileGivenThenScenarioNamingItsIdPasses() {
    Run separate = Run.of("test", fixture("library.json").toString(), "--pack", fixture("city-pack.json").toString());
    Run joined = Run.of("test", "--pack=" + fixture("city-pack.json"), fixture("library.json").toString());

    assertThat(separate.status()).isZero();
    assertThat(separate.out()).endsWith("1 scenario: 1 passed, 0 failed, 0 errors\n");
    assertThat(joined).isEqualTo(separate);
  }

  @Test
  void testWhenAPackFilesRecipientIsADivisionOfAnotherPacksThenItTakesItsAncestorsClass() {
    Run run = Run.of("test", fixture("cross-pack.json").toString(), "--pack", fixture("city-units-pack.json").toString(),
        "--pack", fixture("county-pack.json").toString());

    assertThat(run.status()).as(run.out()).isZero();
    assertThat(run.out()).endsWith("1 scenario: 1 passed, 0 failed, 0 errors\n");
  }

  @Test
  void testWhenAPackFilesParentIsInNoPackComposedThenNamesTheFileTheRecipientAndTheParentAndExits1() {
    Run run = Run.of("test", fixture("cross-pack-alone.json").toString(), "--pack",
        fixture("city-units-pack.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains(fixture("city-units-pack.json") + ": recipient 'city-liaison-desk':"
        + " recipients[0].parent: parent 'county-hsi-liaison' of recipient 'city-liaison-desk' is not in the directory,"
        + " nor added by a pack of the policy (city-units, nyc) or in code");
  }

  @Test
  void testWhenPackFileHasABuiltInPacksIdThenSaysItTakesItsPlace(@TempDir Path directory) throws IOException {
    Path nyc = directory.resolve("nyc.json");
    try (InputStream builtin = PolicyPack.class.getResourceAsStream("/META-INF/sanctuary-guard/packs/nyc.json")) {
      Files.copy(Objects.requireNonNull(builtin, "the built-in nyc pack"), nyc);
    }

    Run run = Run.of("test", EXAMPLES, "--pack", nyc.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEqualTo("sanctuary-guard test: " + nyc + " holds pack 'nyc' "
        + PolicyPack.builtin("nyc").version() + ", which takes the place of the built-in pack 'nyc' "
        + PolicyPack.builtin("nyc").version() + " in every scenario file that names it\n");
  }

  @Test
  void testWhenPackFileNotGivenThenScenarioNamingItsIdIsInError() {
    Run run = Run.of("test", fixture("library.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("unknown pack 'city'");
  }

  @Test
  void testWhenPackFileInvalidThenPrintsEveryProblemAndExits1() {
    Path pack = fixture("invalid-pack.json");
    PolicyFormatException expected = catchThrowableOfType(PolicyFormatException.class, () -> PolicyPack.load(pack));

    Run run = Run.of("test", EXAMPLES, "--pack", pack.toString());

    assertThat(expected.problems()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(expected.problems().stream().map(p -> p + "\n").collect(Collectors.joining()));
  }

  @Test
  void testWhenPackFileMissingThenNamesItAndExits1() {
    Run run = Run.of("test", EXAMPLES, "--pack", "missing-pack.json");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("sanctuary-guard test: cannot read pack file missing-pack.json");
  }

  @Test
  void testWhenNoFileThenExits2WithUsage() {
    Run run = Run.of("test", "--pack", fixture("city-pack.json").toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("sanctuary-guard test: name at least one scenario file\n"
            + "usage: sanctuary-guard test FILE... [--pack PACKFILE]...\n");
  }

  @Test
  void testWhenPackOptionLacksValueThenExits2() {
    Run last = Run.of("test", EXAMPLES, "--pack");
    Run beforeAnother = Run.of("test", EXAMPLES, "--pack", "--pack", "city.json");

    assertThat(last.status()).isEqualTo(2);
    assertThat(last.err()).startsWith("sanctuary-guard test: option --pack needs a value\n");
    assertThat(beforeAnother.err()).isEqualTo(last.err());
  }

  @Test
  void testWhenUnknownOptionThenNamesItWithNearestAndExits2() {
    Run run = Run.of("test", EXAMPLES, "--packs", "city.json");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("sanctuary-guard test: unknown option '--packs'; did you mean '--pack'?\n");
  }

  @Test
  void testWhenTwoPackFilesHoldOneIdThenNamesBothAndExits1(@TempDir Path directory) throws IOException {
    Path pack = fixture("city-pack.json");
    Path draft = directory.resolve("city-pack-v2.json");
    Files.writeString(draft, Files.readString(pack).replace("\"library\"]", "\"school\"]"));

    Run run = Run.of("test", fixture("library.json").toString(), "--pack", pack.toString(), "--pack", draft.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("sanctuary-guard test: pack files " + pack + " and " + draft + " both hold pack"
        + " 'city': a scenario file names a pack by its id, so give one of them with --pack, and run the scenarios"
        + " again with the other\n");
  }

  @Test
  void testWhenHelpFollowsDoubleDashThenItIsAFile() {
    Run run = Run.of("test", "--", "--help");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).startsWith("--help\n  ERROR (the file)").contains("cannot read the file: no such file");
  }

  @Test
  void testWhenAFileNameCouldNotBeDecodedThenSaysSoAndExits2() {
    Run undecoded = Run.of("test", "caf\uFFFD\uFFFD.json");

    assertThat(undecoded.status()).isEqualTo(2);
    assertThat(undecoded.out()).isEmpty();
    assertThat(undecoded.err()).startsWith("sanctuary-guard test: the file name 'caf\uFFFD\uFFFD.json' could not be"
        + " decoded in the current locale: each U+FFFD in it stands for bytes that are not ")
        .contains(", the encoding of file names here; run the command again with LANG=C.UTF-8 (or another UTF-8"
            + " locale)\n");
  }

  @Test
  void testWhenOperandsFollowDoubleDashThenTheyAreFiles() {
    Run run = Run.of("test", "--", "--pack");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).startsWith("--pack\n  ERROR (the file)");
  }
}
