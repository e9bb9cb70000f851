package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The guard's decision on a disclosure: the outcome, what happens to each requested category, why
 * (rule ids, citations, plain-language messages), what the holder must do next, the pack versions
 * applied, and the id of the audit event that records it.
 *
 * <p>The outcome follows from the categories: {@link Outcome#ESCALATE} if any awaits counsel, else
 * {@link Outcome#DENY} if nothing is released, else {@link Outcome#ALLOW_REDACTED} if anything is
 * withheld, else {@link Outcome#ALLOW}. What may actually leave is asked with {@link
 * #permits(Category)}, which also honours the {@linkplain #mode() mode}: in {@link Mode#MONITOR}
 * everything may leave, whatever the outcome.
 *
 * <p>The {@linkplain #reasons() reasons}, with the sentences that explain each test a document
 * failed or met, are worked out when first asked for: deciding needs only which rules applied,
 * which {@link #rules()} returns at once.
 *
 * <p>Immutable and thread-safe: once a guard {@linkplain Guard#withdraw withdrew} it, it remembers
 * the denial that replaced it, which changes nothing it returns. Shows no protected value: no
 * subject id, no payload.
 *
 * @since 0.1.0
 */
public final class Decision {

  private static final AtomicReferenceFieldUpdater<Decision, @Nullable Decision> WITHDRAWAL =
      AtomicReferenceFieldUpdater.newUpdater(Decision.class, Decision.class, "withdrawal");

  private final Outcome outcome;
  private final Mode mode;
  final CategorySet released;
  final CategorySet withheld;
  final CategorySet escalated;
  private final List<String> rules;
  private final Reasons reasons;
  private final List<Obligation> obligations;
  private final List<String> packs;
  private final @Nullable String auditEventId;
  /** The request a guard decided and recorded, whose subjects the decision is about; null otherwise. */
  private final @Nullable DisclosureRequest madeFor;
  private volatile long @Nullable [] permitted;
  /** The denial that replaced this decision once its guard withdrew it; null until then. */
  private volatile @Nullable Decision withdrawal;

  Decision(
      Mode mode,
      CategorySet released,
      CategorySet withheld,
      CategorySet escalated,
      List<String> rules,
      Reasons reasons,
      List<Obligation> obligations,
      List<String> packs,
      @Nullable String auditEventId,
      @Nullable DisclosureRequest madeFor) {
    this.mode = mode;
    this.released = released;
    this.withheld = withheld;
    this.escalated = escalated;
    this.rules = List.copyOf(rules);
    this.reasons = reasons;
    this.obligations = List.copyOf(obligations);
    this.packs = List.copyOf(packs);
    this.auditEventId = auditEventId;
    this.madeFor = madeFor;
    this.outcome = outcomeOf(released, withheld, escalated);
  }

  private static Outcome outcomeOf(Set<Category> released, Set<Category> withheld, Set<Category> escalated) {
    if (!escalated.isEmpty()) {
      return Outcome.ESCALATE;
    }
    if (released.isEmpty()) {
      return Outcome.DENY;
    }
    return withheld.isEmpty() ? Outcome.ALLOW : Outcome.ALLOW_REDACTED;
  }

  /** Returns the outcome of the policy, whatever the mode. */
  public Outcome outcome() {
    return outcome;
  }

  /** Returns the mode the decision was made in. */
  public Mode mode() {
    return mode;
  }

  /** Returns the requested categories the policy releases. */
  public Set<Category> released() {
    return released;
  }

  /** Returns the requested categories the policy withholds. */
  public Set<Category> withheld() {
    return withheld;
  }

  /** Returns the requested categories that await counsel. */
  public Set<Category> escalated() {
    return escalated;
  }

  /** Returns every requested category with what happens to it. */
  public Map<Category, Disposition> dispositions() {
    Map<Category, Disposition> all = new java.util.TreeMap<>();
    released.forEach(c -> all.put(c, Disposition.RELEASED));
    escalated.forEach(c -> all.put(c, Disposition.ESCALATED));
    withheld.forEach(c -> all.put(c, Disposition.WITHHELD));
    return all;
  }

  /**
   * Returns whether data of {@code category} may leave now: in {@link Mode#MONITOR} always; in
   * {@link Mode#ENFORCE} when the outcome is {@code allow} or {@code allow-redacted} and a released
   * category covers it. A decision that awaits counsel permits nothing.
   *
   * @param category the category of a field about to be disclosed
   * @return whether it may be disclosed
   */
  public boolean permits(Category category) {
    Objects.requireNonNull(category, "category");
    if (mode == Mode.MONITOR) {
      return true;
    }
    if (outcome == Outcome.DENY || outcome == Outcome.ESCALATE) {
      return false;
    }
    if (released.contains(category)) {
      return true;
    }
    for (Category r : released) {
      if (r.covers(category)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether anything at all may leave now; see {@link #permits(Category)}. */
  public boolean permitsAny() {
    return mode == Mode.MONITOR || outcome == Outcome.ALLOW || outcome == Outcome.ALLOW_REDACTED;
  }

  /**
   * Returns the ids of the rules that applied, in pack order and rule order: the rules of the
   * {@linkplain #reasons() reasons}, without working out their sentences.
   */
  public List<String> rules() {
    return rules;
  }

  /** Returns the reasons, in pack order and rule order; worked out on the first call. */
  public List<Reason> reasons() {
    return reasons.get();
  }

  /** Returns the obligations of every applicable rule, one per kind, in the order of {@link ObligationKind}. */
  public List<Obligation> obligations() {
    return obligations;
  }

  /** Returns whether the decision carries an obligation of the given kind. */
  public boolean requires(ObligationKind kind) {
    for (Obligation obligation : obligations) {
      if (obligation.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /** Returns the packs applied, each as {@code id@version}. */
  public List<String> packs() {
    return packs;
  }

  /** Returns the id of the audit event that records the decision, once the guard recorded it. */
  public Optional<String> auditEventId() {
    return Optional.ofNullable(auditEventId);
  }

  /**
   * The categories of a taxonomy that may leave now, as a mask: all in {@link Mode#MONITOR}, none
   * while the outcome denies or awaits counsel, else every released category and its descendants.
   */
  long[] permittedMask(Categories taxonomy) {
    if (mode == Mode.MONITOR) {
      return taxonomy.everything().bits;
    }
    long[] mask = permitted;
    if (mask == null || released.taxonomy != taxonomy) {
      mask = Bits.empty(taxonomy.words());
      if (permitsAny()) {
        for (Category category : released) {
          Bits.or(mask, taxonomy.descendantsOrSelf(category));
        }
      }
      if (released.taxonomy == taxonomy) {
        permitted = mask;
      }
    }
    return mask;
  }

  /** The decision as a guard recorded it: in its mode, under its event's id, about the request it decided. */
  Decision recorded(Mode inMode, String eventId, DisclosureRequest request) {
    return new Decision(inMode, released, withheld, escalated, rules, reasons, obligations, packs, eventId, request);
  }

  /** Returns the request a guard decided and recorded, or null for a decision a policy made alone. */
  @Nullable DisclosureRequest madeFor() {
    return madeFor;
  }

  /** Returns the denial that replaced this decision when its guard withdrew it, or null. */
  @Nullable Decision withdrawal() {
    return withdrawal;
  }

  /**
   * Remembers the denial that withdraws this decision, unless another did already; returns the
   * one that does, so that only its caller records it.
   */
  Decision withdrawnBy(Decision denial) {
    return WITHDRAWAL.compareAndSet(this, null, denial) ? denial : Objects.requireNonNull(withdrawal);
  }

  Decision withReason(Reason reason, @Nullable Obligation obligation) {
    List<String> moreRules = new ArrayList<>(rules);
    moreRules.add(reason.rule());
    List<Obligation> moreObligations = new ArrayList<>(obligations);
    if (obligation != null) {
      moreObligations.add(obligation);
    }
    Reasons earlier = reasons;
    Reasons more = Reasons.later(() -> {
      List<Reason> all = new ArrayList<>(earlier.get());
      all.add(reason);
      return all;
    });
    return new Decision(mode, released, withheld, escalated, moreRules, more, moreObligations, packs, auditEventId,
        madeFor);
  }

  /** Returns a denial of everything requested, for this decision's reasons and in its packs. */
  Decision denying(CategorySet requested) {
    CategorySet none = new CategorySet(requested.taxonomy, Bits.empty(requested.bits.length));
    return new Decision(Mode.ENFORCE, none, requested, none, rules, reasons, obligations, packs, null, null);
  }

  /** Returns a decision that withholds everything requested, for the given reason. */
  static Decision denyAll(CategorySet requested, Reason reason, List<String> packs) {
    CategorySet none = new CategorySet(requested.taxonomy, Bits.empty(requested.bits.length));
    return new Decision(Mode.ENFORCE, none, requested, none, List.of(reason.rule()), Reasons.of(List.of(reason)),
        List.of(), packs, null, null);
  }

  /**
   * The reasons of a decision: known, or worked out once, on the first call, by the function given.
   * The function is dropped once it ran, with what it held.
   */
  static final class Reasons {

    static final Reasons NONE = of(List.of());

    private @Nullable Supplier<List<Reason>> source;
    private volatile @Nullable List<Reason> reasons;

    private Reasons(@Nullable Supplier<List<Reason>> source, @Nullable List<Reason> reasons) {
      this.source = source;
      this.reasons = reasons;
    }

    static Reasons of(List<Reason> reasons) {
      return new Reasons(null, List.copyOf(reasons));
    }

    static Reasons later(Supplier<List<Reason>> source) {
      return new Reasons(source, null);
    }

    List<Reason> get() {
      List<Reason> known = reasons;
      if (known != null) {
        return known;
      }
      synchronized (this) {
        known = reasons;
        if (known == null) {
          known = List.copyOf(Objects.requireNonNull(source).get());
          reasons = known;
          source = null;
        }
        return known;
      }
    }
  }

  /** Shows the outcome, the categories and the rule ids: nothing protected. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Decision[").append(outcome);
    if (mode == Mode.MONITOR) {
      out.append(" (monitor)");
    }
    out.append(", released=").append(released).append(", withheld=").append(withheld);
    if (!escalated.isEmpty()) {
      out.append(", escalated=").append(escalated);
    }
    out.append(", rules=").append(rules);
    if (auditEventId != null) {
      out.append(", event=").append(auditEventId);
    }
    return out.append(']').toString();
  }
}
