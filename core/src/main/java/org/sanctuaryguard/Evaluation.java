package org.sanctuaryguard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
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
  private final long[] withheld;
  private final long[] escalated;
  private final long[] preemptedWithheld;
  private final long[] preemptedEscalated;
  private final List<Reason> reasons = new ArrayList<>();
  private final Map<ObligationKind, Instant> deadlines = new EnumMap<>(ObligationKind.class);
  private final Map<ObligationKind, Set<String>> imposedBy = new EnumMap<>(ObligationKind.class);
  private long @Nullable [] documentScope;
  private @Nullable ZoneId zone;
  private @Nullable LocalDate today;
  private @Nullable String refusal;

  Evaluation(Categories taxonomy, DisclosureRequest request, CategorySet requested, Instant at) {
    this.taxonomy = taxonomy;
    this.request = request;
    this.requested = requested;
    this.at = at;
    int words = taxonomy.words();
    this.withheld = Bits.empty(words);
    this.escalated = Bits.empty(words);
    this.preemptedWithheld = Bits.empty(words);
    this.preemptedEscalated = Bits.empty(words);
  }

  Decision run(CompiledRule[] candidates, List<String> packs) {
    for (CompiledRule rule : candidates) {
      if (rule.appliesTo(request, requested.bits)) {
        apply(rule);
      }
    }
    return decision(packs);
  }

  private void apply(CompiledRule compiled) {
    Rule rule = compiled.rule;
    long[] affected = requested.bits.clone();
    for (int i = 0; i < affected.length; i++) {
      affected[i] &= compiled.affects[i];
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
      record(affected, effect, compiled);
      reason(rule, effect, affected, List.of());
      return;
    }
    Lifting lifting = new Lifting(compiled, today(compiled.zone()));
    Map<Verdict, long[]> groups = new LinkedHashMap<>();
    for (int index = Bits.next(affected, 0); index >= 0; index = Bits.next(affected, index + 1)) {
      Bits.set(groups.computeIfAbsent(lifting.verdict(taxonomy.at(index)), v -> Bits.empty(affected.length)), index);
    }
    for (Map.Entry<Verdict, long[]> group : groups.entrySet()) {
      Verdict verdict = group.getKey();
      Disposition disposition = verdict.disposition == null ? effect : verdict.disposition;
      if (disposition != Disposition.RELEASED) {
        record(group.getValue(), disposition, compiled);
      }
      if (verdict.disposition == Disposition.ESCALATED) {
        oblige(ObligationKind.CAPTURE_DOCUMENTS, null, rule.id());
        oblige(ObligationKind.ESCALATE_TO_COUNSEL, null, rule.id());
      }
      reason(rule, disposition, group.getValue(), verdict.details);
    }
  }

  private LocalDate today(ZoneId packZone) {
    if (!packZone.equals(zone) || today == null) {
      zone = packZone;
      today = at.atZone(packZone).toLocalDate();
    }
    return today;
  }

  /** How a rule's {@code unless} alternatives fare against the request, category by category. */
  private final class Lifting {
    private final CompiledRule rule;
    private final List<Rule.Alternative> alternatives;
    private final List<BasisTester.@Nullable Finding> findings = new ArrayList<>();
    private final List<List<String>> factFailures = new ArrayList<>();
    private @Nullable Verdict inScope;

    Lifting(CompiledRule rule, LocalDate today) {
      this.rule = rule;
      this.alternatives = rule.rule.unless();
      for (Rule.Alternative alternative : alternatives) {
        Rule.BasisTest test = alternative.basis();
        findings.add(test == null ? null : BasisTester.test(test, request, today));
        factFailures.add(factFailures(alternative));
      }
    }

    /** The verdict for a category; categories the document's scope settles alike share one. */
    Verdict verdict(Category category) {
      List<@Nullable String> outOfScope = new ArrayList<>(alternatives.size());
      boolean anyOutOfScope = false;
      for (int i = 0; i < alternatives.size(); i++) {
        BasisTester.Finding finding = findings.get(i);
        String failure = finding == null || !finding.typeMatches()
            ? null
            : BasisTester.scope(alternatives.get(i).basis(), request.basis(), scope(), category);
        outOfScope.add(failure);
        anyOutOfScope |= failure != null;
      }
      if (!anyOutOfScope) {
        Verdict shared = inScope;
        if (shared == null) {
          shared = verdict(outOfScope);
          inScope = shared;
        }
        return shared;
      }
      return verdict(outOfScope);
    }

    private Verdict verdict(List<@Nullable String> outOfScope) {
      Set<String> failures = new LinkedHashSet<>();
      Verdict forCounsel = null;
      boolean anyRelevant = false;
      for (int i = 0; i < alternatives.size(); i++) {
        BasisTester.Finding finding = findings.get(i);
        if (finding != null && !finding.typeMatches()) {
          continue;
        }
        anyRelevant = true;
        List<String> own = new ArrayList<>(factFailures.get(i));
        if (finding != null) {
          own.addAll(finding.failures());
          String scopeFailure = outOfScope.get(i);
          if (scopeFailure != null) {
            own.add(scopeFailure);
          }
        }
        if (own.isEmpty()) {
          String met = finding == null ? metByFacts(alternatives.get(i)) : finding.met();
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
        failures.add(refusal() + "; this rule accepts " + rule.accepts);
      }
      return new Verdict(null, List.copyOf(failures));
    }
  }

  private String refusal() {
    String text = refusal;
    if (text == null) {
      text = BasisTester.refusal(request.basis());
      refusal = text;
    }
    return text;
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
  private void record(long[] categories, Disposition disposition, CompiledRule rule) {
    boolean preempting = rule.rule.preempts();
    for (int i = 0; i < categories.length; i++) {
      long covered = preempting ? categories[i] & rule.covers[i] : 0;
      long plain = categories[i] & ~covered;
      if (disposition == Disposition.WITHHELD) {
        withheld[i] |= plain;
        preemptedWithheld[i] |= covered;
      } else {
        escalated[i] |= plain;
        preemptedEscalated[i] |= covered;
      }
    }
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

  private void oblige(ObligationKind kind, @Nullable Duration within, String rule) {
    imposedBy.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(rule);
    if (within != null) {
      Instant due = at.plus(within);
      deadlines.merge(kind, due, (a, b) -> a.isBefore(b) ? a : b);
    }
  }

  private void reason(Rule rule, @Nullable Disposition disposition, long[] categories, List<String> details) {
    reasons.add(new Reason(rule.id(), rule.citation(), rule.confidence(), rule.message(), disposition,
        new CategorySet(taxonomy, categories), details));
  }

  private Decision decision(List<String> packs) {
    int words = taxonomy.words();
    long[] finalWithheld = Bits.empty(words);
    long[] finalEscalated = Bits.empty(words);
    long[] released = Bits.empty(words);
    long[] overridden = Bits.empty(words);
    for (int i = 0; i < words; i++) {
      long asked = requested.bits[i];
      long preempted = (preemptedWithheld[i] | preemptedEscalated[i]) & asked;
      finalWithheld[i] = ((withheld[i] & ~preempted) | preemptedWithheld[i]) & asked;
      finalEscalated[i] = (((escalated[i] & ~withheld[i]) & ~preempted) | (preemptedEscalated[i] & ~preemptedWithheld[i])) & asked;
      released[i] = asked & ~finalWithheld[i] & ~finalEscalated[i];
      overridden[i] = preempted & withheld[i] & ~preemptedWithheld[i];
    }
    if (!Bits.isEmpty(overridden)) {
      reasons.add(
          new Reason(
              PREEMPTION,
              null,
              Confidence.CONFIRMED,
              "Federal law does not let a local rule forbid sharing these categories: they go to counsel instead of"
                  + " being withheld",
              Disposition.ESCALATED,
              new CategorySet(taxonomy, overridden),
              List.of()));
    }
    List<Obligation> obligations = new ArrayList<>();
    imposedBy.forEach((kind, rules) -> obligations.add(new Obligation(kind, deadlines.get(kind), List.copyOf(rules))));
    return new Decision(
        Mode.ENFORCE,
        new CategorySet(taxonomy, released),
        new CategorySet(taxonomy, finalWithheld),
        new CategorySet(taxonomy, finalEscalated),
        reasons,
        obligations,
        packs,
        null);
  }

  /** A category's fate under one rule: a disposition ({@code null} for the rule's effect) and why. */
  private record Verdict(@Nullable Disposition disposition, List<String> details) {}
}
