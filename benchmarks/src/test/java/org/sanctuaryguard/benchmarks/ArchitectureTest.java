package org.sanctuaryguard.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses BENCHMARKS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.sanctuaryguard.benchmarks");

  @Test
  void benchmarksWhenImportedThenUseTheCorePublicApiOnly() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.sanctuaryguard.internal..")
        .because("the benchmarks measure what a city's code can call")
        .check(BENCHMARKS);
  }
}
