package org.sanctuaryguard.junit;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The repository's scenario files, run as a city's test suite would run its own. */
class RepositoryScenariosTest {

  @TestFactory
  Stream<DynamicNode> scenarios() {
    return ScenarioTests.inDirectory(Path.of("..", "scenarios"));
  }
}
