package org.sanctuaryguard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation of one request against the rules that apply to it: per category the strictest
 * disposition, a preempting federal floor where one applies, the union of obligations, and a reason
 * for every rule. Used once, by one thread.
 */
final class Evaluation {

  private static final String PREEMPTION = "guard.federal-preemption";

  private final Categories taxonomy;
  private final DisclosureRequest request;
  private final CategorySet requested;
  private final Instant at;
  private final Disposition[] normal;
  private final Disposition[] preempted;
  private final List<Reason> reasons = new ArrayList<>();
  private final Map<ObligationKind, Instant> deadlines = new EnumMap<>(ObligationKind.class);
  private final Map<ObligationKind, Set<String>> imposedBy = new EnumMap<>(ObligationKind.class);
  private long @Nullable [] documentScope;

  Evaluation(Categories taxonomy, DisclosureRequest request, CategorySet requested, Instant at) {
    this.taxonomy = taxonomy;
    this.request = request;
    this.requested = requested;
    this.at = at;
    this.normal = new Disposition[taxonomy.size()];
    this.preempted = new Disposition[taxonomy.size()];
  }

  Decision run(CompiledRule[] candidates, int first, List<String> packs) {
    for (int i = first; i < candidates.length; i++) {
      CompiledRule rule = candidates[i];
      if (rule.appliesTo(request, requested.bits)) {
        apply(rule);
      }
    }
    return decision(packs);
  }

  private void apply(CompiledRule compiled) {
    Rule rule = compiled.rule;
    List<Category> affected = new ArrayList<>();
    for (Category category : requested) {
      if (Bits.get(compiled.affects, category.index)) {
        affected.add(category);
      }
    }
    for (Rule.ObligationSpec obligation : rule.obligations()) {
      oblige(obligation.kind(), obligation.within(), rule.id());
    }
    Disposition effect = rule.effect();
    if (effect == null) {
      reason(rule, null, affected, List.of());
      return;
    }
    if (rule.unless().isEmpty()) {
      affected.forEach(category -> record(category, effect, preempts(compiled, category)));
      reason(rule, effect, affected, List.of());
      return;
    }
    Lifting lifting = new Lifting(rule, at.atZone(compiled.zone()).toLocalDate());
    Map<Verdict, List<Category>> groups = new LinkedHashMap<>();
    for (Category category : affected) {
      groups.computeIfAbsent(lifting.verdict(category), v -> new ArrayList<>()).add(category);
    }
    for (Map.Entry<Verdict, List<Category>> group : groups.entrySet()) {
      Verdict verdict = group.getKey();
      Disposition disposition = verdict.disposition == null ? effect : verdict.disposition;
      if (disposition != Disposition.RELEASED) {
        group.getValue().forEach(category -> record(category, disposition, preempts(compiled, category)));
      }
      if (verdict.disposition == Disposition.ESCALATED) {
        oblige(ObligationKind.CAPTURE_DOCUMENTS, null, rule.id());
        oblige(ObligationKind.ESCALATE_TO_COUNSEL, null, rule.id());
      }
      reason(rule, disposition, group.getValue(), verdict.details);
    }
  }

  /** How a rule's {@code unless} alternatives fare against the request, category by category. */
  private final class Lifting {
    private final List<Rule.Alternative> alternatives;
    private final List<BasisTester.@Nullable Finding> findings = new ArrayList<>();
    private final List<List<String>> factFailures = new ArrayList<>();
    private final Set<BasisType> acceptedTypes = EnumSet.noneOf(BasisType.class);
    private final Set<SignerRole> acceptedRoles = EnumSet.noneOf(SignerRole.class);

    Lifting(Rule rule, LocalDate today) {
      this.alternatives = rule.unless();
      for (Rule.Alternative alternative : alternatives) {
        Rule.BasisTest test = alternative.basis();
        findings.add(test == null ? null : BasisTester.test(test, request, today));
        factFailures.add(factFailures(alternative));
        if (test != null) {
          acceptedTypes.addAll(test.types());
          acceptedRoles.addAll(test.signerRoles());
        }
      }
    }

    Verdict verdict(Category category) {
      Set<String> failures = new LinkedHashSet<>();
      Verdict forCounsel = null;
      boolean anyRelevant = false;
      for (int i = 0; i < alternatives.size(); i++) {
        Rule.Alternative alternative = alternatives.get(i);
        BasisTester.Finding finding = findings.get(i);
        if (finding != null && !finding.typeMatches()) {
          continue;
        }
        anyRelevant = true;
        List<String> own = new ArrayList<>(factFailures.get(i));
        if (finding != null) {
          own.addAll(finding.failures());
          String outOfScope = BasisTester.scope(alternative.basis(), request.basis(), scope(), category);
          if (outOfScope != null) {
            own.add(outOfScope);
          }
        }
        if (own.isEmpty()) {
          String met = finding == null ? metByFacts(alternative) : finding.met();
          if (finding == null || finding.forCounsel().isEmpty()) {
            return new Verdict(Disposition.RELEASED, List.of(met));
          }
          forCounsel = new Verdict(Disposition.ESCALATED, List.of(
              met + ", but " + String.join(", and ", finding.forCounsel())
                  + ": counsel settles it before anything is released"));
        }
        failures.addAll(own);
      }
      if (forCounsel != null) {
        return forCounsel;
      }
      if (!anyRelevant) {
        failures.add(BasisTester.typeFailure(request.basis(), acceptedTypes, acceptedRoles));
      }
      return new Verdict(null, List.copyOf(failures));
    }
  }

  private List<String> factFailures(Rule.Alternative alternative) {
    List<String> failures = new ArrayList<>();
    for (String fact : alternative.factsAll()) {
      if (!request.fact(fact)) {
        failures.add(missing(fact));
      }
    }
    if (!alternative.factsAny().isEmpty() && alternative.factsAny().stream().noneMatch(request::fact)) {
      List<String> described = alternative.factsAny().stream().map(this::missing).toList();
      failures.add("needs one of these facts: " + String.join("; ", described));
    }
    return failures;
  }

  private String missing(String fact) {
    return request.facts().containsKey(fact)
        ? "fact '" + fact + "' is false"
        : "fact '" + fact + "' was not given and counts as false";
  }

  private String metByFacts(Rule.Alternative alternative) {
    List<String> held = new ArrayList<>(alternative.factsAll());
    alternative.factsAny().stream().filter(request::fact).findFirst().ifPresent(held::add);
    return "met: " + String.join(", ", held.stream().map(f -> "fact '" + f + "'").toList());
  }

  /**
   * A preempting rule caps only what it covers: asking for a parent (all of {@code immigration})
   * asks for more than the status a federal floor protects, so the local rules stand for it.
   */
  private static boolean preempts(CompiledRule rule, Category category) {
    return rule.rule.preempts() && Bits.get(rule.covers, category.index);
  }

  private long[] scope() {
    long[] scope = documentScope;
    if (scope == null) {
      long[] union = Bits.empty(taxonomy.words());
      for (String key : request.basis().categories()) {
        taxonomy.find(key).ifPresent(category -> Bits.or(union, taxonomy.descendantsOrSelf(category)));
      }
      documentScope = union;
      scope = union;
    }
    return scope;
  }

  private void record(Category category, Disposition disposition, boolean preempts) {
    Disposition[] into = preempts ? preempted : normal;
    Disposition present = into[category.index];
    into[category.index] = present == null ? disposition : present.stricter(disposition);
  }

  private void oblige(ObligationKind kind, @Nullable Duration within, String rule) {
    imposedBy.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(rule);
    if (within != null) {
      Instant due = at.plus(within);
      deadlines.merge(kind, due, (a, b) -> a.isBefore(b) ? a : b);
    }
  }

  private void reason(Rule rule, @Nullable Disposition disposition, List<Category> categories, List<String> details) {
    reasons.add(
        new Reason(rule.id(), rule.citation(), rule.confidence(), rule.message(), disposition, Set.copyOf(categories), details));
  }

  private Decision decision(List<String> packs) {
    int words = taxonomy.words();
    long[] released = Bits.empty(words);
    long[] withheld = Bits.empty(words);
    long[] escalated = Bits.empty(words);
    List<Category> overridden = new ArrayList<>();
    for (Category category : requested) {
      int i = category.index;
      Disposition disposition = preempted[i] != null ? preempted[i] : normal[i] != null ? normal[i] : Disposition.RELEASED;
      if (preempted[i] != null && normal[i] == Disposition.WITHHELD && preempted[i] != Disposition.WITHHELD) {
        overridden.add(category);
      }
      Bits.set(disposition == Disposition.RELEASED ? released : disposition == Disposition.WITHHELD ? withheld : escalated, i);
    }
    if (!overridden.isEmpty()) {
      reasons.add(
          new Reason(
              PREEMPTION,
              null,
              Confidence.CONFIRMED,
              "Federal law does not let a local rule forbid sharing these categories: they go to counsel instead of"
                  + " being withheld",
              Disposition.ESCALATED,
              Set.copyOf(overridden),
              List.of()));
    }
    List<Obligation> obligations = new ArrayList<>();
    imposedBy.forEach((kind, rules) -> obligations.add(new Obligation(kind, deadlines.get(kind), List.copyOf(rules))));
    return new Decision(
        Mode.ENFORCE,
        new CategorySet(taxonomy, released),
        new CategorySet(taxonomy, withheld),
        new CategorySet(taxonomy, escalated),
        reasons,
        obligations,
        packs,
        null);
  }

  /** A category's fate under one rule: a disposition ({@code null} for the rule's effect) and why. */
  private record Verdict(@Nullable Disposition disposition, List<String> details) {}
}
