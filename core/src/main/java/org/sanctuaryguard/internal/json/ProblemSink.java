package org.sanctuaryguard.internal.json;

/** Receives the problems found while reading a document. */
@FunctionalInterface
public interface ProblemSink {

  /**
   * Reports a problem.
   *
   * @param location where in the document, for example {@code "rule 'nyc.x'"}; may be empty
   * @param field the field's path, for example {@code "when.purposes[1]"}; may be empty
   * @param message what is wrong
   */
  void report(String location, String field, String message);
}
