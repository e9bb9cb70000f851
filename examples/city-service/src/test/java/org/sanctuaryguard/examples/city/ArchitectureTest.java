package org.sanctuaryguard.examples.city;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ArchitectureTest {

  private static final JavaClasses SERVICE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.sanctuaryguard.examples.city");

  @Test
  void serviceWhenImportedThenUsesThePublicApiOfTheCoreAndTheAdapterOnly() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.sanctuaryguard.internal..")
        .because("the example shows what a city's service can write with the published API")
        .check(SERVICE);
  }

  @Test
  void serviceWhenImportedThenInjectsThroughConstructorsOnly() {
    noFields().should().beAnnotatedWith(Autowired.class)
        .because("a city's developers copy the example: constructor injection keeps its classes testable")
        .check(SERVICE);
  }
}
