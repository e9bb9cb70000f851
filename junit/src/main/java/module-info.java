/**
 * Sanctuary Guard for JUnit Jupiter: runs scenario files as dynamic tests.
 *
 * <p>Exports {@code org.sanctuaryguard.junit}; reads the core and the Jupiter API transitively,
 * because its methods take a {@code ScenarioRunner} and return {@code DynamicNode}s.
 *
 * @since 0.1.0
 */
module org.sanctuaryguard.junit {
  requires transitive org.sanctuaryguard.core;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports org.sanctuaryguard.junit;
}
