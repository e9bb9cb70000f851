package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuaryguard.cli.Run.fixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.PolicyPack;

class ExplainCommandTest {

  @TempDir Path directory;

  @Test
  void explainWhenBuiltinIdThenPrintsMarkdownTableOfRules() {
    Run run = Run.of("explain", "nyc");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(PolicyPack.builtin("nyc").explain())
        .contains("| Rule | Applies when |")
        .contains("| `nyc.10-178.no-city-resources` |");
  }

  @Test
  void explainWhenOutputThenWritesMarkdownToTheFileOnly() throws IOException {
    Path output = directory.resolve("federal.md");

    Run run = Run.of("explain", "federal", "--output", output.toString());

    assertThat(run).isEqualTo(new Run(0, "", ""));
    assertThat(Files.readString(output, StandardCharsets.UTF_8)).isEqualTo(PolicyPack.builtin("federal").explain());
  }

  @Test
  void explainWhenPackFileThenExplainsIt() {
    Run run = Run.of("explain", fixture("city-pack.json").toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("# Test City (`city` 2026.1.0)").contains("| `city.library-records` |");
  }

  @Test
  void explainWhenUnknownIdThenSuggestsNearestAndExits1() {
    Run run = Run.of("explain", "nycc");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("sanctuary-guard explain: unknown pack 'nycc'; did you mean 'nyc'?\n");
  }

  @Test
  void explainWhenPackFileInvalidThenPrintsEveryProblemOnItsOwnLineAndExits1() {
    Path pack = fixture("invalid-pack.json");

    Run run = Run.of("explain", pack.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(line -> assertThat(line).startsWith(pack + ": "))
        .anySatisfy(line -> assertThat(line).contains("time-zone"))
        .anySatisfy(line -> assertThat(line).contains("'libary'").contains("did you mean 'library'"))
        .anySatisfy(line -> assertThat(line).contains("withold"));
  }

  @Test
  void explainWhenARecipientsParentIsInAnotherPackThenExplainsItAndWhenItIsItsOwnAncestorThenNamesIt()
      throws IOException {
    Path pack = fixture("city-units-pack.json");
    Path loop = directory.resolve("loop.json");
    Files.writeString(loop, Files.readString(pack).replace("\"county-hsi-liaison\"", "\"city-liaison-desk\""));

    Run run = Run.of("explain", pack.toString());
    Run looping = Run.of("explain", loop.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("`city-liaison-desk`");
    assertThat(looping.status()).isEqualTo(1);
    assertThat(looping.err()).isEqualTo(loop + ": recipient 'city-liaison-desk': recipients[0].parent: recipient"
        + " 'city-liaison-desk' is its own ancestor: city-liaison-desk -> city-liaison-desk\n");
  }

  @Test
  void explainWhenPackFileMissingThenNamesItAndExits1() {
    Run run = Run.of("explain", "packs/city.json");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("sanctuary-guard explain: cannot read pack file packs/city.json");
  }

  @Test
  void explainWhenOutputCannotBeWrittenThenNamesItAndExits1() {
    Path output = directory.resolve("missing-directory").resolve("nyc.md");

    for (Run run : List.of(Run.of("explain", "nyc", "--output", output.toString()),
        Run.of("explain", "nyc", "--output", output.toString(), "--force"))) {
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).isEqualTo("sanctuary-guard explain: cannot write " + output + ": no such directory "
          + output.toAbsolutePath().getParent() + "\n");
    }
    assertThat(output.getParent()).doesNotExist();
  }

  /**
   * Before, {@code --output} replaced an existing file without a word: counsel's edited copy of an
   * explained pack was lost. Now the file is kept byte for byte and the command exits 2 naming it.
   */
  @Test
  void explainWhenOutputExistsThenKeepsItByteForByteAndExits2() throws IOException {
    Path output = directory.resolve("nyc.md");
    byte[] edited = "# NYC, as counsel edited it\n\u00a7 10-178 \u2014 see note\n".getBytes(StandardCharsets.UTF_8);
    Files.write(output, edited);

    Run run = Run.of("explain", "nyc", "--output", output.toString());

    assertThat(run).isEqualTo(new Run(2, "", "sanctuary-guard explain: " + output + " exists, and was left as it is;"
        + " give --force to replace it\nusage: sanctuary-guard explain PACK [--output FILE [--force]]\n"));
    assertThat(Files.readAllBytes(output)).isEqualTo(edited);
  }

  @Test
  void explainWhenOutputIsALinkToNoFileThenKeepsItAndExits2() throws IOException {
    Path target = directory.resolve("elsewhere.md");
    Path output = Files.createSymbolicLink(directory.resolve("nyc.md"), target);

    Run run = Run.of("explain", "nyc", "--output", output.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard explain: " + output + " exists, and was left as it is;");
    assertThat(Files.isSymbolicLink(output)).isTrue();
    assertThat(target).doesNotExist();
  }

  @Test
  void explainWhenOutputExistsAndForceThenReplacesIt() throws IOException {
    Path output = directory.resolve("nyc.md");
    Files.writeString(output, "an older explanation, longer than the rules could ever be ".repeat(2_000));

    Run run = Run.of("explain", "nyc", "--output", output.toString(), "--force");

    assertThat(run).isEqualTo(new Run(0, "", ""));
    assertThat(Files.readString(output, StandardCharsets.UTF_8)).isEqualTo(PolicyPack.builtin("nyc").explain());
  }

  @Test
  void explainWhenForceWithoutOutputThenExits2() {
    Run run = Run.of("explain", "nyc", "--force");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("sanctuary-guard explain: option --force needs --output, the file it lets"
        + " replace\n");
  }

  @Test
  void explainWhenNoPackOrTwoPacksThenExits2() {
    Run none = Run.of("explain");
    Run two = Run.of("explain", "nyc", "federal");

    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).startsWith("sanctuary-guard explain: name one pack, but 0 were named\n");
    assertThat(two.status()).isEqualTo(2);
    assertThat(two.err())
        .isEqualTo("sanctuary-guard explain: name one pack, but 2 were named\n"
            + "usage: sanctuary-guard explain PACK [--output FILE [--force]]\n");
  }

  @Test
  void explainWhenOutputGivenTwiceThenExits2() {
    Run run = Run.of("explain", "nyc", "--output", "a.md", "--output", "b.md");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("sanctuary-guard explain: option --output may be given once, but was given 2 times\n");
  }
}
