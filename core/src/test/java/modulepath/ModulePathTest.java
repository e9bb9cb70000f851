package modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the core as a named module, with its run-time dependencies on the module path, so that the
 * module descriptor's requires and opens (Bean Validation reading legal bases) are proven in use.
 */
class ModulePathTest {

  private static final List<String> RUNTIME = List.of(
      "jackson-", "slf4j-api", "slf4j-simple", "jakarta.validation-api", "hibernate-validator", "jboss-logging",
      "classmate", "jspecify");

  @Test
  void decideWhenCoreRunsAsANamedModuleThenValidatesAndDecides() throws Exception {
    String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> RUNTIME.stream().anyMatch(name -> Path.of(entry).getFileName().toString().startsWith(name)))
        .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java,
        "--module-path", Path.of("target", "classes") + File.pathSeparator + modulePath,
        "--add-modules", "org.sanctuaryguard.core,org.hibernate.validator,org.slf4j.simple",
        "-cp", Path.of("target", "test-classes").toString(),
        ModulePathProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }

    assertThat(finished).as("the probe finished in time").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("module=org.sanctuaryguard.core", "outcome=deny",
        "problems=[issued: is required for a judicial warrant, signer: is required for a judicial warrant]");
  }
}
