package org.sanctuaryguard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a pack, as read from its file: where it applies ({@link Conditions}), what would lift
 * it ({@link Alternative}s), what it does to the categories it covers, and the obligations it adds
 * whenever it applies. Categories are keys here; a {@link Policy} compiles them into masks.
 */
record Rule(
    String id,
    @Nullable String title,
    String citation,
    Confidence confidence,
    String message,
    @Nullable String note,
    Conditions when,
    List<Alternative> unless,
    @Nullable Disposition effect,
    boolean preempts,
    List<ObligationSpec> obligations) {

  /** Where a rule applies; an empty set means any. */
  record Conditions(
      Set<Holder> holders,
      Set<RecipientClass> recipientClasses,
      Set<Purpose> purposes,
      Set<BasisType> basisTypes,
      Set<SignerRole> signerRoles,
      Map<String, Boolean> facts,
      List<String> citations,
      List<String> categories,
      List<String> exceptCategories) {}

  /** The most alternatives a rule's {@code unless} may list: the engine keeps them as bits of a {@code long}. */
  static final int MAX_ALTERNATIVES = Long.SIZE;

  /** One way to lift a rule: a basis that passes a test, and facts. */
  record Alternative(@Nullable BasisTest basis, List<String> factsAll, List<String> factsAny) {}

  /** What a document must be for an alternative to hold. */
  record BasisTest(
      Set<BasisType> types,
      @Nullable IssuerTest issuer,
      Set<SignerRole> signerRoles,
      List<String> citations,
      boolean scope,
      boolean dates) {}

  /** What the issuer of a document must be. */
  enum IssuerTest {
    COURT("a court"),
    FEDERAL_COURT("a federal court"),
    STATE_COURT("a state court");

    private final String description;

    IssuerTest(String description) {
      this.description = description;
    }

    String id() {
      return Ids.idOf(this);
    }

    String description() {
      return description;
    }

    static IssuerTest of(String id) {
      return Ids.parse(values(), IssuerTest::id, "issuer test", id);
    }
  }

  /** An obligation a rule adds, with the time the law gives to fulfil it. */
  record ObligationSpec(ObligationKind kind, @Nullable Duration within) {}
}
