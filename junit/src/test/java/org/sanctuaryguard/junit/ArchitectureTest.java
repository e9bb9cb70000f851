package org.sanctuaryguard.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("org.sanctuaryguard.junit");

  @Test
  void classesWhenImportedThenUseOnlyThePublicApiOfTheCore() {
    noClasses()
        .should().dependOnClassesThat().resideInAPackage("org.sanctuaryguard.internal..")
        .check(CLASSES);
  }

  @Test
  void moduleWhenDescriptorReadThenExportsOnlyItsPackageAndReadsItsApiTransitively()
      throws IOException, URISyntaxException {
    Path classes = Path.of(ScenarioTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.name()).isEqualTo("org.sanctuaryguard.junit");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.sanctuaryguard.junit");
    assertThat(module.requires())
        .filteredOn(requires -> requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("org.sanctuaryguard.core", "org.junit.jupiter.api");
  }
}
