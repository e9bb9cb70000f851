/**
 * Sanctuary Guard core: decisions on disclosures of residents' personal data, legal bases, policy
 * packs, guard events and the scenario runner.
 *
 * <p>Exports {@code org.sanctuaryguard} (the guard, its vocabulary and policies), {@code
 * org.sanctuaryguard.audit} (the guard log and its tools) and {@code org.sanctuaryguard.scenario};
 * everything under {@code org.sanctuaryguard.internal} is private.
 */
// Hibernate Validator is a run-time dependency, so it is not on the compile-time module path.
@SuppressWarnings("module")
module org.sanctuaryguard.core {
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires jakarta.validation;
  requires tools.jackson.databind;

  exports org.sanctuaryguard;
  exports org.sanctuaryguard.audit;
  exports org.sanctuaryguard.scenario;

  // Bean Validation reads the constrained fields of legal bases.
  opens org.sanctuaryguard to org.hibernate.validator;
}
