package org.sanctuaryguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuaryguard.cli.Run.fixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;

/** Runs the self-contained jar as counsel would: {@code java -jar sanctuary-guard.jar ...}. */
class SelfContainedJarIT {

  private static final Path JAR = Path.of(System.getProperty("cli.jar", "target/sanctuary-guard.jar"));
  private static final Path SCENARIOS = Path.of(System.getProperty("scenarios.directory", "../scenarios"));
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path directory;

  @Test
  void testWhenRepositoryScenariosThenPrintsPassedAndNothingElseAndExits0() throws Exception {
    List<String> args = new ArrayList<>(List.of("test"));
    try (Stream<Path> files = Files.list(SCENARIOS)) {
      files.map(Path::toString).filter(name -> name.endsWith(".json")).sorted().forEach(args::add);
    }

    Run run = java(args.toArray(String[]::new));

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("PASS ").containsPattern(" passed, 0 failed, 0 errors\n$");
    assertThat(run.err()).as("log lines on standard error").isEmpty();
  }

  @Test
  void explainWhenNycThenPrintsMarkdownTableInUtf8() throws Exception {
    Run run = java("explain", "nyc");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("| `nyc.10-178.no-city-resources` |").contains("Admin. Code § 10-178");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void testWhenScenarioFailsThenExits1() throws Exception {
    Run run = java("test", fixture("failing.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL ").endsWith("2 scenarios: 1 passed, 1 failed, 0 errors\n");
  }

  @Test
  void keygenVerifyAndReportWhenRunFromJarThenAReviewerGoesFromKeysToAVerifiedLogAndItsReport() throws Exception {
    Path privateKey = directory.resolve("guard-log.key");
    Path publicKey = directory.resolve("guard-log.pub");
    Path log = directory.resolve("log");
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    Run keygen = java("keygen", "--private-key", privateKey.toString(), "--public-key", publicKey.toString());
    GuardLogSink sink = GuardLogs.write(log, SigningKeys.readPrivateKey(privateKey), 6, true);
    Run verify = java("verify", log.toString(), "--public-key", publicKey.toString());
    Run report = java("report", log.toString(), "--from", today, "--to", today, "--format", "csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(sink.currentFile()));
    lines.set(2, lines.get(2).replace("city-agency", "city-agencx"));
    Files.writeString(sink.currentFile(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Run tampered = java("verify", log.toString(), "--public-key", publicKey.toString());

    assertThat(keygen.status()).isZero();
    assertThat(keygen.out()).startsWith("wrote the private key " + privateKey);
    assertThat(verify).isEqualTo(new Run(0, verify.out(), ""));
    assertThat(verify.out()).endsWith("6 events, 2 checkpoints): 0 breaks, 0 warnings: intact\n");
    assertThat(report).isEqualTo(new Run(0, report.out(), ""));
    assertThat(report.out()).contains("\"summary\",\"decisions in the period\",\"6\"\r\n")
        .contains("\"section-10-178d\",\"ice-ero\",\"ICE Enforcement and Removal Operations\",\"shelter\",\"3\"");
    assertThat(tampered.status()).isEqualTo(1);
    assertThat(tampered.out()).contains(":3: edited: ").endsWith("NOT INTACT\n");
  }

  @Test
  void versionWhenRunFromJarThenPrintsProjectVersion() throws Exception {
    Run run = java("--version");

    assertThat(run).isEqualTo(new Run(0, "sanctuary-guard " + System.getProperty("cli.version") + "\n", ""));
  }

  @Test
  void runWhenUnknownCommandThenExits2() throws Exception {
    Run run = java("tset");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("did you mean 'test'?");
  }

  @Test
  void testWhenTheLocaleCannotDecodeAFileNameThenSaysSoAndExits2() throws Exception {
    // the shell hands on the bytes of é in UTF-8, whatever the locale this test runs in
    Run run = run(Map.of("LC_ALL", "C", "LANG", "C"), List.of("/bin/sh", "-c",
        "exec \"$0\" -jar \"$1\" test \"$(printf 'caf\\303\\251.json')\"", java(), JAR.toString()));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("sanctuary-guard test: the file name 'caf\uFFFD\uFFFD.json' could not be decoded in"
        + " the current locale: ").contains("run the command again with LANG=C.UTF-8");
  }

  private Run java(String... args) throws IOException, InterruptedException {
    return java(Map.of(), args);
  }

  private Run java(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(environment, command);
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private Run run(Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " seconds");
    }
    return new Run(
        process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
