package org.sanctuaryguard;

import java.util.Collection;
import java.util.List;
import org.sanctuaryguard.internal.text.Suggestions;

/**
 * An identifier of the vocabulary (a category, a recipient, a purpose, a fact, a pack...) that is
 * not known. The message names the identifier and the nearest known ones.
 *
 * @since 0.1.0
 */
public final class UnknownIdentifierException extends SanctuaryGuardException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String identifier;
  private final transient List<String> suggestions;

  /**
   * Creates the exception for an unknown identifier.
   *
   * @param kind what the identifier names, for example {@code "category"}
   * @param identifier the unknown identifier
   * @param known the identifiers of that kind that are known
   */
  public UnknownIdentifierException(String kind, String identifier, Collection<String> known) {
    super("unknown " + kind + " '" + identifier + "'" + Suggestions.hint(identifier, known));
    this.kind = kind;
    this.identifier = identifier;
    this.suggestions = List.copyOf(Suggestions.nearest(identifier, known));
  }

  /** Returns what the identifier names, for example {@code "category"} or {@code "recipient"}. */
  public String kind() {
    return kind;
  }

  /** Returns the unknown identifier. */
  public String identifier() {
    return identifier;
  }

  /** Returns the known identifiers nearest to the unknown one, nearest first; may be empty. */
  public List<String> suggestions() {
    return suggestions == null ? List.of() : suggestions; // transient: absent from a deserialized exception
  }
}
