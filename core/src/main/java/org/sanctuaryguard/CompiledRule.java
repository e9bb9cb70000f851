package org.sanctuaryguard;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A rule compiled against a policy's taxonomy: the conditions that the context index does not hold
 * (signer roles, facts, citations) as flags, and the categories it affects as a bit mask, so that
 * testing whether it applies to a request allocates nothing.
 */
final class CompiledRule {

  final Rule rule;
  final PolicyPack pack;
  final int order;
  final long[] affects;
  final long[] covers;
  final int signerRoles;
  final String[] factNames;
  final boolean[] factValues;
  final List<String> citations;
  /** What the rule's alternatives accept, for the sentence that says a basis is of another type. */
  final String accepts;
  /**
   * Per basis type, by ordinal: the alternatives (bit {@code i} for the {@code i}-th) that a request
   * with a document of that type can meet. Zero means nothing can lift the rule for such a request.
   */
  final long[] liftable;

  CompiledRule(Rule rule, PolicyPack pack, int order, Categories taxonomy) {
    this.rule = rule;
    this.pack = pack;
    this.order = order;
    Rule.Conditions when = rule.when();
    long[] overlapping = Bits.empty(taxonomy.words());
    long[] covered = Bits.empty(taxonomy.words());
    if (when.categories().isEmpty()) {
      Bits.or(overlapping, taxonomy.everything().bits);
      Bits.or(covered, taxonomy.everything().bits);
    } else {
      for (String key : when.categories()) {
        Bits.or(overlapping, taxonomy.related(taxonomy.get(key)));
        Bits.or(covered, taxonomy.descendantsOrSelf(taxonomy.get(key)));
      }
    }
    for (String key : when.exceptCategories()) {
      long[] excepted = taxonomy.descendantsOrSelf(taxonomy.get(key));
      for (int i = 0; i < overlapping.length; i++) {
        overlapping[i] &= ~excepted[i];
        covered[i] &= ~excepted[i];
      }
    }
    this.affects = overlapping;
    this.covers = covered;
    int roles = 0;
    for (SignerRole role : when.signerRoles()) {
      roles |= 1 << role.ordinal();
    }
    this.signerRoles = roles;
    this.factNames = when.facts().keySet().toArray(String[]::new);
    this.factValues = new boolean[factNames.length];
    for (int i = 0; i < factNames.length; i++) {
      factValues[i] = when.facts().get(factNames[i]);
    }
    this.citations = when.citations().stream().map(Citations::normalize).toList();
    this.accepts = BasisTester.accepted(rule.unless());
    BasisType[] types = BasisType.values();
    this.liftable = new long[types.length];
    List<Rule.Alternative> unless = rule.unless();
    for (BasisType type : types) {
      for (int i = 0; i < unless.size(); i++) {
        Rule.BasisTest test = unless.get(i).basis();
        if (test == null || BasisTester.concerns(test, type)) {
          liftable[type.ordinal()] |= 1L << i;
        }
      }
    }
  }

  /** The alternatives of the rule that a request with a document of {@code type} can meet, as a mask. */
  long liftable(BasisType type) {
    return liftable[type.ordinal()];
  }

  /**
   * Returns whether the rule applies to a request whose context the index already matched: the
   * signer, facts and citations fit, and a requested category is one it affects.
   */
  boolean appliesTo(DisclosureRequest request, long[] requested) {
    if (!Bits.intersects(requested, affects)) {
      return false;
    }
    if (signerRoles != 0) {
      Signer signer = request.basis().signer().orElse(null);
      if (signer == null || (signerRoles & (1 << signer.role().ordinal())) == 0) {
        return false;
      }
    }
    for (int i = 0; i < factNames.length; i++) {
      if (request.fact(factNames[i]) != factValues[i]) {
        return false;
      }
    }
    return citations.isEmpty() || Citations.anyMatch(request.basis().citation().orElse(""), citations);
  }

  boolean matchesContext(Holder holder, RecipientClass recipientClass, Purpose purpose, BasisType basisType) {
    Rule.Conditions when = rule.when();
    return (when.holders().isEmpty() || when.holders().contains(holder))
        && matchesClass(when.recipientClasses(), recipientClass)
        && (when.purposes().isEmpty() || when.purposes().contains(purpose))
        && (when.basisTypes().isEmpty() || when.basisTypes().contains(basisType));
  }

  /** An unknown recipient is treated at least as strictly as an immigration-adjacent one. */
  private static boolean matchesClass(java.util.Set<RecipientClass> classes, RecipientClass recipientClass) {
    return classes.isEmpty()
        || classes.contains(recipientClass)
        || (recipientClass == RecipientClass.UNKNOWN && classes.contains(RecipientClass.IMMIGRATION_ADJACENT));
  }

  ZoneId zone() {
    return pack.timeZone();
  }

  Map<String, Boolean> facts() {
    return rule.when().facts();
  }
}
