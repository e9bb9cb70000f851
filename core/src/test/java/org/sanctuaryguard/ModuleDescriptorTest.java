package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core's module descriptor exports the API packages, and only them. */
class ModuleDescriptorTest {

  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void exportsWhenReadThenExactlyTheApiPackagesUnqualified() throws Exception {
    ModuleDescriptor module = descriptor();

    assertThat(module.name()).isEqualTo("org.sanctuaryguard.core");
    assertThat(module.exports()).allSatisfy(export -> assertThat(export.isQualified()).isFalse());
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder("org.sanctuaryguard", "org.sanctuaryguard.audit", "org.sanctuaryguard.scenario");
  }

  @Test
  void exportsWhenComparedWithThePackagesThenEveryNonInternalPackageIsExported() throws Exception {
    Set<String> apiPackages;
    try (Stream<Path> files = Files.walk(CLASSES)) {
      apiPackages = files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> CLASSES.relativize(file.getParent()).toString().replace('/', '.'))
          .filter(name -> name.startsWith("org.sanctuaryguard") && !name.contains(".internal"))
          .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(descriptor().exports().stream().map(ModuleDescriptor.Exports::source)).containsExactlyInAnyOrderElementsOf(apiPackages);
  }

  @Test
  void requiresWhenReadThenOnlyTheDocumentedDependencies() throws Exception {
    assertThat(descriptor().requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.jspecify", "org.slf4j", "jakarta.validation", "tools.jackson.databind");
    assertThat(descriptor().opens()).singleElement().satisfies(opens -> {
      assertThat(opens.source()).isEqualTo("org.sanctuaryguard");
      assertThat(opens.targets()).containsExactly("org.hibernate.validator");
    });
  }

  private static ModuleDescriptor descriptor() throws Exception {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }
}
