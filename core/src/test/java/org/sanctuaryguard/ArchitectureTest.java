package org.sanctuaryguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** The lines the core's design holds, checked on its compiled classes. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.sanctuaryguard");

  @Test
  void coreWhenCompiledThenDependsOnNoSpringServletOrWebPackage() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "javax.servlet..", "io.micrometer..")
        .check(CORE);
  }

  @Test
  void jacksonWhenUsedThenOnlyWhereJsonIsReadOrWritten() {
    noClasses().that().resideOutsideOfPackages("..internal.json..", "..scenario..", "..audit..")
        .and().doNotHaveSimpleName("PackReader")
        .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
        .because("Jackson reads packs and scenario files and writes guard logs, nothing else")
        .check(CORE);
  }

  @Test
  void packagesWhenCompiledThenHaveNoCycles() {
    SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return SliceIdentifier.of(javaClass.getPackageName());
      }

      @Override
      public String getDescription() {
        return "packages";
      }
    }).should().beFreeOfCycles().check(CORE);
  }

  @Test
  void internalPackagesWhenCompiledThenDependOnNothingOfTheApi() {
    noClasses().that().resideInAPackage("org.sanctuaryguard.internal..")
        .should().dependOnClassesThat().resideInAnyPackage("org.sanctuaryguard", "org.sanctuaryguard.scenario")
        .check(CORE);
  }

  @Test
  void publicSignaturesWhenCompiledThenNameNoInternalType() {
    members().that().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
        .and().arePublic()
        .should(notExposeInternalTypes())
        .check(CORE);
  }

  @Test
  void exceptionsWhenPublicThenDescendFromTheRootException() {
    classes().that().areAssignableTo(RuntimeException.class).and().arePublic()
        .and().resideOutsideOfPackage("..internal..")
        .should().beAssignableTo(SanctuaryGuardException.class)
        .check(CORE);
  }

  @Test
  void packagesWhenCompiledThenEachIsNullMarked() throws Exception {
    Set<String> packages = new TreeSet<>();
    CORE.forEach(javaClass -> packages.add(javaClass.getPackageName()));
    List<String> unmarked = new ArrayList<>();
    for (String name : packages) {
      Class<?> info = Class.forName(name + ".package-info");
      if (!info.isAnnotationPresent(NullMarked.class)) {
        unmarked.add(name);
      }
    }
    assertThat(packages).contains("org.sanctuaryguard", "org.sanctuaryguard.scenario");
    assertThat(unmarked).isEmpty();
  }

  private static ArchCondition<JavaMember> notExposeInternalTypes() {
    return new ArchCondition<>("not name an internal type in a public signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaField field) {
          types.add(field.getType());
        } else if (member instanceof JavaCodeUnit code) {
          types.add(code.getReturnType());
          types.addAll(code.getParameterTypes());
        }
        for (JavaType type : types) {
          for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            boolean internal = involved.getPackageName().contains(".internal")
                || (involved.getPackageName().startsWith("org.sanctuaryguard")
                    && !involved.getModifiers().contains(JavaModifier.PUBLIC));
            if (internal) {
              events.add(SimpleConditionEvent.violated(member, member.getFullName() + " names " + involved.getName()));
            }
          }
        }
      }
    };
  }
}
