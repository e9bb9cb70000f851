package org.sanctuaryguard.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * The rules Spring Boot's own build applies to its auto-configurations (its {@code
 * ArchitectureRules} and {@code AutoConfigurationChecker}), applied to the adapter, and the lines of
 * this project's design: the adapter uses the core's public API only.
 *
 * <p>One rule of Spring Boot's is left out on purpose: it prefers {@code Assert.notNull} to {@code
 * Objects.requireNonNull}; this project checks arguments with the JDK, as its core does.
 */
class ArchitectureTest {

  private static final String AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.AutoConfiguration";
  private static final String BEAN = "org.springframework.context.annotation.Bean";
  private static final String CONDITIONAL_ON_MISSING_BEAN =
      "org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean";
  private static final String CONDITIONAL_ON_CLASS = "org.springframework.boot.autoconfigure.condition.ConditionalOnClass";

  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.sanctuaryguard.spring");

  private static final DescribedPredicate<JavaClass> AUTO_CONFIGURATIONS = DescribedPredicate.describe(
      "auto-configurations", javaClass -> javaClass.isAnnotatedWith(AUTO_CONFIGURATION));

  @Test
  void packagesWhenCompiledThenHaveNoCycles() {
    SlicesRuleDefinition.slices().matching("(**)").should().beFreeOfCycles().check(ADAPTER);
  }

  @Test
  void autoConfigurationsWhenCompiledThenArePublicAndFinal() {
    classes().that(AUTO_CONFIGURATIONS).should().bePublic().andShould().haveModifier(JavaModifier.FINAL).check(ADAPTER);
  }

  @Test
  void autoConfigurationsAndTheirNestedConfigurationsWhenCompiledThenHaveNoPublicMembers() {
    DescribedPredicate<JavaMember> inAutoConfiguration = DescribedPredicate.describe(
        "declared in an auto-configuration or a configuration nested in one", member -> {
          for (JavaClass owner = member.getOwner(); owner != null; owner = owner.getEnclosingClass().orElse(null)) {
            if (owner.isAnnotatedWith(AUTO_CONFIGURATION)) {
              return true;
            }
          }
          return false;
        });
    DescribedPredicate<JavaMember> defaultConstructorOrConstant = DescribedPredicate.describe(
        "a default constructor or a constant", member ->
            member instanceof JavaConstructor constructor && constructor.getParameters().isEmpty()
                || member instanceof JavaField field && field.getModifiers().containsAll(
                    Set.of(JavaModifier.STATIC, JavaModifier.FINAL)));
    members().that(inAutoConfiguration).and(DescribedPredicate.not(defaultConstructorOrConstant))
        .should().notBePublic().check(ADAPTER);
  }

  @Test
  void beanMethodsWhenCompiledThenAreNotConditionalOnClassAndReturnNoPrivateType() {
    methods().that().areAnnotatedWith(BEAN).should().notBeAnnotatedWith(CONDITIONAL_ON_CLASS)
        .because("@ConditionalOnClass on a @Bean method does not stop its signature from being loaded")
        .check(ADAPTER);
    methods().that().areAnnotatedWith(BEAN).should(new ArchCondition<>("return a type that is not private") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (method.getRawReturnType().getModifiers().contains(JavaModifier.PRIVATE)) {
          events.add(SimpleConditionEvent.violated(method, method.getFullName() + " returns a private type"));
        }
      }
    }).check(ADAPTER);
  }

  @Test
  void conditionalOnMissingBeanWhenUsedThenDoesNotRepeatTheReturnType() {
    methods().that().areAnnotatedWith(CONDITIONAL_ON_MISSING_BEAN).should(new ArchCondition<>(
        "not name only the method's return type") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        JavaAnnotation<JavaMethod> annotation = method.getAnnotationOfType(CONDITIONAL_ON_MISSING_BEAN);
        Map<String, Object> properties = annotation.getProperties();
        Object value = properties.get("value");
        if (value instanceof JavaType[] types && types.length == 1 && types[0].equals(method.getReturnType())
            && ((Object[]) properties.getOrDefault("name", new Object[0])).length == 0) {
          events.add(SimpleConditionEvent.violated(method, method.getFullName() + " names only its return type"));
        }
      }
    }).check(ADAPTER);
  }

  @Test
  void configurationPropertiesWhenAnnotatedThenUseTheValueAttribute() {
    classes().that().areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
        .should(new ArchCondition<>("name the prefix with the value attribute") {
          @Override
          public void check(JavaClass javaClass, ConditionEvents events) {
            Map<String, Object> properties = javaClass
                .getAnnotationOfType("org.springframework.boot.context.properties.ConfigurationProperties").getProperties();
            if (!"".equals(properties.get("prefix"))) {
              events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " uses prefix, not value"));
            }
          }
        }).check(ADAPTER);
  }

  @Test
  void conditionsWhenDeclaredThenAreNotPublic() {
    noClasses().that().areAssignableTo("org.springframework.boot.autoconfigure.condition.SpringBootCondition")
        .should().bePublic().allowEmptyShould(true).check(ADAPTER);
  }

  @Test
  void beanPostProcessorsWhenDeclaredThenAreStatic() {
    methods().that().areAnnotatedWith(BEAN).and().haveRawReturnType(
            DescribedPredicate.describe("a bean post-processor", type -> type.isAssignableTo(
                "org.springframework.beans.factory.config.BeanPostProcessor")))
        .should().beStatic().allowEmptyShould(true).check(ADAPTER);
  }

  @Test
  void textWhenCaseIsChangedThenWithAnExplicitLocale() {
    noClasses().should().callMethod(String.class, "toLowerCase")
        .orShould().callMethod(String.class, "toUpperCase")
        .because("the default locale changes the result (Turkish i)").check(ADAPTER);
    noClasses().should().callMethod(Collectors.class, "toList").because("Stream.toList() is shorter").check(ADAPTER);
  }

  @Test
  void packagesWhenCompiledThenAreNullMarked() {
    classes().that().haveSimpleName("package-info").should().beAnnotatedWith(NullMarked.class).check(ADAPTER);
  }

  @Test
  void adapterWhenCompiledThenUsesTheCorePublicApiOnly() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.sanctuaryguard.internal..")
        .because("the adapter uses the core's public API only").check(ADAPTER);
  }

  @Test
  void publicSignaturesWhenCompiledThenNameNoPackagePrivateType() {
    members().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .should(new ArchCondition<>("name only public types in their signature") {
          @Override
          public void check(JavaMember member, ConditionEvents events) {
            Set<JavaClass> named = new java.util.HashSet<>();
            if (member instanceof JavaMethod method) {
              named.add(method.getRawReturnType());
              named.addAll(method.getRawParameterTypes());
            } else if (member instanceof JavaField field) {
              named.add(field.getRawType());
            } else if (member instanceof JavaConstructor constructor) {
              named.addAll(constructor.getRawParameterTypes());
            }
            for (JavaClass type : named) {
              if (type.getPackageName().startsWith("org.sanctuaryguard") && !type.getModifiers().contains(JavaModifier.PUBLIC)
                  && !type.isPrimitive()) {
                events.add(SimpleConditionEvent.violated(member, member.getFullName() + " names " + type.getName()));
              }
            }
          }
        }).check(ADAPTER);
  }
}
