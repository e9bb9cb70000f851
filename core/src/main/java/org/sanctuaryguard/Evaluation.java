package org.sanctuaryguard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation of one request against the rules that apply to it: per category the strictest
 * disposition, a preempting federal floor where one applies, the union of obligations, and the
 * rules that applied. Used once, by one thread.
 *
 * <p>It runs twice at most. Deciding runs it quietly, with bit masks and no sentences; the
 * decision's {@linkplain Decision#reasons() reasons}, when someone reads them, run it again to
 * explain: the same tests, now saying which document test failed or was met for which categories.
 * One code path serves both, so an explanation cannot disagree with the decision it explains.
 */
final class Evaluation {

  private static final String PREEMPTION = "guard.federal-preemption";
  private static final int KINDS = ObligationKind.values().length;

  private final Categories taxonomy;
  private final DisclosureRequest request;
  private final CategorySet requested;
  private final Instant at;
  private final boolean explain;
  private final long[] withheld;
  private final long[] escalated;
  /** What preempting rules withheld and escalated; allocated by the first such rule. */
  private long @Nullable [] preemptedWithheld;
  private long @Nullable [] preemptedEscalated;
  private final List<String> rules = new ArrayList<>(4);
  private final List<Reason> reasons;
  /** Per obligation kind, by ordinal: the earliest deadline; allocated by the first obligation. */
  private @Nullable Instant @Nullable [] deadlines;
  /** Per obligation kind, by ordinal: the rules that impose it; allocated by the first obligation. */
  private @Nullable List<?> @Nullable [] imposedBy;
  /** Scratch masks of {@link #apply}: categories a rule's alternatives lift, and those they send to counsel. */
  private long @Nullable [] lifted;
  private long @Nullable [] forCounsel;
  private long @Nullable [] documentScope;
  private @Nullable ZoneId zone;
  private @Nullable LocalDate today;
  private @Nullable String refusal;

  private Evaluation(Categories taxonomy, DisclosureRequest request, CategorySet requested, Instant at, boolean explain) {
    this.taxonomy = taxonomy;
    this.request = request;
    this.requested = requested;
    this.at = at;
    this.explain = explain;
    this.reasons = explain ? new ArrayList<>() : List.of();
    int words = taxonomy.words();
    this.withheld = Bits.empty(words);
    this.escalated = Bits.empty(words);
  }

  /**
   * Decides {@code request} by the {@code candidates} that touch what it asks for; the decision's
   * reasons are explained when first read.
   */
  static Decision decide(Categories taxonomy, DisclosureRequest request, CategorySet requested, Instant at,
      CompiledRule[] candidates, List<String> packs) {
    Evaluation quiet = new Evaluation(taxonomy, request, requested, at, false);
    quiet.run(candidates);
    Result result = quiet.result();
    Decision.Reasons reasons = Decision.Reasons.later(() -> {
      Evaluation explained = new Evaluation(taxonomy, request, requested, at, true);
      explained.run(candidates);
      explained.result();
      return explained.reasons;
    });
    return new Decision(Mode.ENFORCE, result.released, result.withheld, result.escalated, quiet.rules, reasons,
        quiet.obligations(), packs, null, null);
  }

  private void run(CompiledRule[] candidates) {
    for (CompiledRule rule : candidates) {
      if (rule.appliesTo(request, requested.bits)) {
        apply(rule);
      }
    }
  }

  private void apply(CompiledRule compiled) {
    Rule rule = compiled.rule;
    rules.add(rule.id());
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
    if (!explain && compiled.liftable(request.basis().type()) == 0) {
      record(affected, effect, compiled);
      return;
    }
    Lifting lifting = new Lifting(compiled);
    if (!explain) {
      long[] lifted = scratch(this.lifted);
      long[] forCounsel = scratch(this.forCounsel);
      this.lifted = lifted;
      this.forCounsel = forCounsel;
      for (int index = Bits.next(affected, 0); index >= 0; index = Bits.next(affected, index + 1)) {
        Disposition disposition = lifting.disposition(taxonomy.at(index));
        if (disposition == Disposition.RELEASED) {
          Bits.set(lifted, index);
        } else if (disposition == Disposition.ESCALATED) {
          Bits.set(forCounsel, index);
        }
      }
      for (int i = 0; i < affected.length; i++) {
        affected[i] &= ~lifted[i] & ~forCounsel[i];
      }
      record(affected, effect, compiled);
      if (!Bits.isEmpty(forCounsel)) {
        record(forCounsel, Disposition.ESCALATED, compiled);
        obligeCounsel(rule);
      }
      return;
    }
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
        obligeCounsel(rule);
      }
      reason(rule, disposition, group.getValue(), verdict.details);
    }
  }

  /** Returns {@code mask} cleared, or a new mask if there is none yet. */
  private long[] scratch(long @Nullable [] mask) {
    if (mask == null) {
      return Bits.empty(requested.bits.length);
    }
    java.util.Arrays.fill(mask, 0L);
    return mask;
  }

  private void obligeCounsel(Rule rule) {
    oblige(ObligationKind.CAPTURE_DOCUMENTS, null, rule.id());
    oblige(ObligationKind.ESCALATE_TO_COUNSEL, null, rule.id());
  }

  private LocalDate today(ZoneId packZone) {
    if (!packZone.equals(zone) || today == null) {
      zone = packZone;
      today = at.atZone(packZone).toLocalDate();
    }
    return today;
  }

  /**
   * How a rule's {@code unless} alternatives fare against the request, category by category. An
   * alternative lifts the rule for a category when its facts hold, the document passes its test
   * and the category is inside the document's scope; it sends the category to counsel instead when
   * only counsel can settle the document.
   */
  private final class Lifting {
    private final CompiledRule rule;
    private final List<Rule.Alternative> alternatives;
    /** The alternatives the request's type of document can meet, as bits. */
    private final long relevant;
    /** Per alternative: its basis test's finding; null where it has no basis test or is not relevant. */
    private final BasisTester.@Nullable Finding[] findings;
    /** The relevant alternatives whose facts hold, as bits. */
    private long factsHold;
    private @Nullable Verdict inScope;

    Lifting(CompiledRule rule) {
      this.rule = rule;
      this.alternatives = rule.rule.unless();
      this.relevant = rule.liftable(request.basis().type());
      this.findings = new BasisTester.Finding[alternatives.size()];
      for (int i = 0; i < alternatives.size(); i++) {
        if (relevant(i)) {
          Rule.Alternative alternative = alternatives.get(i);
          Rule.BasisTest test = alternative.basis();
          findings[i] = test == null ? null : BasisTester.test(test, request, today(rule.zone()));
          factsHold |= factsHold(alternative) ? 1L << i : 0;
        }
      }
    }

    private boolean relevant(int alternative) {
      return (relevant & (1L << alternative)) != 0;
    }

    private boolean lifts(int alternative, Category category) {
      BasisTester.Finding finding = findings[alternative];
      return (factsHold & (1L << alternative)) != 0
          && (finding == null
              || finding.passes()
                  && BasisTester.inScope(alternatives.get(alternative).basis(), request.basis(), scope(), category));
    }

    private boolean needsCounsel(int alternative) {
      BasisTester.Finding finding = findings[alternative];
      return finding != null && finding.needsCounsel();
    }

    /** The category's disposition under the rule: released, escalated, or null for the rule's effect. */
    @Nullable Disposition disposition(Category category) {
      Disposition disposition = null;
      for (int i = 0; i < alternatives.size(); i++) {
        if (relevant(i) && lifts(i, category)) {
          if (!needsCounsel(i)) {
            return Disposition.RELEASED;
          }
          disposition = Disposition.ESCALATED;
        }
      }
      return disposition;
    }

    /** The same disposition, with the checks behind it; categories the scope settles alike share one. */
    Verdict verdict(Category category) {
      boolean anyOutOfScope = false;
      for (int i = 0; i < alternatives.size(); i++) {
        BasisTester.Finding finding = findings[i];
        anyOutOfScope |= relevant(i) && finding != null
            && !BasisTester.inScope(alternatives.get(i).basis(), request.basis(), scope(), category);
      }
      if (anyOutOfScope) {
        return explained(category);
      }
      Verdict shared = inScope;
      if (shared == null) {
        shared = explained(category);
        inScope = shared;
      }
      return shared;
    }

    private Verdict explained(Category category) {
      Disposition disposition = disposition(category);
      Set<String> failures = new LinkedHashSet<>();
      boolean anyRelevant = false;
      for (int i = 0; i < alternatives.size(); i++) {
        if (!relevant(i)) {
          continue;
        }
        anyRelevant = true;
        BasisTester.Finding finding = findings[i];
        if (lifts(i, category)) {
          String met = finding == null ? metByFacts(alternatives.get(i)) : BasisTester.met(request.basis());
          if (disposition == Disposition.RELEASED && !needsCounsel(i)) {
            return new Verdict(disposition, List.of(met));
          }
          if (disposition == Disposition.ESCALATED) {
            return new Verdict(disposition, List.of(met + ", but " + String.join(", and ", finding.forCounsel())
                + ": counsel settles it before anything is released"));
          }
        }
        failures.addAll(factFailures(alternatives.get(i)));
        if (finding != null) {
          failures.addAll(finding.failures());
          if (!BasisTester.inScope(alternatives.get(i).basis(), request.basis(), scope(), category)) {
            failures.add(BasisTester.outOfScope(request.basis(), category));
          }
        }
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

  private boolean factsHold(Rule.Alternative alternative) {
    for (String fact : alternative.factsAll()) {
      if (!request.fact(fact)) {
        return false;
      }
    }
    return alternative.factsAny().isEmpty() || alternative.factsAny().stream().anyMatch(request::fact);
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
    if (!rule.rule.preempts()) {
      long[] into = disposition == Disposition.WITHHELD ? withheld : escalated;
      for (int i = 0; i < categories.length; i++) {
        into[i] |= categories[i];
      }
      return;
    }
    if (preemptedWithheld == null || preemptedEscalated == null) {
      preemptedWithheld = Bits.empty(categories.length);
      preemptedEscalated = Bits.empty(categories.length);
    }
    for (int i = 0; i < categories.length; i++) {
      long covered = categories[i] & rule.covers[i];
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
    if (imposedBy == null) {
      imposedBy = new List<?>[KINDS];
      deadlines = new Instant[KINDS];
    }
    int k = kind.ordinal();
    @SuppressWarnings("unchecked")
    List<String> by = (List<String>) imposedBy[k];
    if (by == null) {
      by = new ArrayList<>(2);
      imposedBy[k] = by;
    }
    if (!by.contains(rule)) {
      by.add(rule);
    }
    if (within != null && deadlines != null) {
      Instant due = at.plus(within);
      Instant earlier = deadlines[k];
      deadlines[k] = earlier == null || due.isBefore(earlier) ? due : earlier;
    }
  }

  /** The obligations, one per kind, in the order of {@link ObligationKind}. */
  private List<Obligation> obligations() {
    if (imposedBy == null || deadlines == null) {
      return List.of();
    }
    List<Obligation> obligations = new ArrayList<>();
    ObligationKind[] kinds = ObligationKind.values();
    for (int k = 0; k < KINDS; k++) {
      @SuppressWarnings("unchecked")
      List<String> by = (List<String>) imposedBy[k];
      if (by != null) {
        obligations.add(new Obligation(kinds[k], deadlines[k], by));
      }
    }
    return obligations;
  }

  private void reason(Rule rule, @Nullable Disposition disposition, long[] categories, List<String> details) {
    if (explain) {
      reasons.add(new Reason(rule.id(), rule.citation(), rule.confidence(), rule.message(), disposition,
          new CategorySet(taxonomy, categories), details));
    }
  }

  /** The final categories: the strictest disposition per category, preempting floors applied. */
  private record Result(CategorySet released, CategorySet withheld, CategorySet escalated) {}

  private Result result() {
    int words = taxonomy.words();
    long[] finalWithheld = Bits.empty(words);
    long[] finalEscalated = Bits.empty(words);
    long[] released = Bits.empty(words);
    long[] pWithheld = preemptedWithheld;
    long[] pEscalated = preemptedEscalated;
    long[] overridden = pWithheld == null || pEscalated == null ? null : Bits.empty(words);
    for (int i = 0; i < words; i++) {
      long asked = requested.bits[i];
      long byFloorWithheld = overridden == null ? 0 : pWithheld[i];
      long byFloorEscalated = overridden == null ? 0 : pEscalated[i];
      long preempted = (byFloorWithheld | byFloorEscalated) & asked;
      finalWithheld[i] = ((withheld[i] & ~preempted) | byFloorWithheld) & asked;
      finalEscalated[i] = (((escalated[i] & ~withheld[i]) & ~preempted) | (byFloorEscalated & ~byFloorWithheld)) & asked;
      released[i] = asked & ~finalWithheld[i] & ~finalEscalated[i];
      if (overridden != null) {
        overridden[i] = preempted & withheld[i] & ~byFloorWithheld;
      }
    }
    if (overridden != null && !Bits.isEmpty(overridden)) {
      rules.add(PREEMPTION);
      if (explain) {
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
    }
    return new Result(
        new CategorySet(taxonomy, released), new CategorySet(taxonomy, finalWithheld), new CategorySet(taxonomy, finalEscalated));
  }

  /** A category's fate under one rule: a disposition ({@code null} for the rule's effect) and why. */
  private record Verdict(@Nullable Disposition disposition, List<String> details) {}
}
