package org.sanctuaryguard.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("org.sanctuaryguard.cli");

  @Test
  void classesWhenImportedThenUseOnlyThePublicApiOfTheCore() {
    noClasses()
        .should().dependOnClassesThat().resideInAPackage("org.sanctuaryguard.internal..")
        .check(CLASSES);
  }

  @Test
  void classesWhenPublicThenOnlyMain() {
    classes().that().arePublic().should().haveFullyQualifiedName(Main.class.getName()).check(CLASSES);
  }
}
