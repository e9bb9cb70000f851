package org.sanctuaryguard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Packs composed into one policy, and the pure function that decides a request with it: every
 * applicable rule of every pack is evaluated, the strictest disposition wins for each category
 * (withheld over escalated over released), and obligations add up.
 *
 * <pre>{@code
 * Policy policy = Policy.of(
 *     PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal"));
 * Decision decision = policy.decide(policy.request()
 *     .recipient("nypd")
 *     .purpose(Purpose.CRIMINAL_INVESTIGATION)
 *     .categories("justice.conviction")
 *     .build());
 * }</pre>
 *
 * <p>A policy decides without recording anything; a {@code Guard} decides with its policy and
 * records each decision. Rules are indexed by holder, recipient class, purpose and basis type when
 * the policy is built, so a decision looks only at the rules of its context; a request that no rule
 * restricts costs a hash lookup.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Policy {

  private static final int HOLDERS = Holder.values().length;
  private static final int CLASSES = RecipientClass.values().length;
  private static final int PURPOSES = Purpose.values().length;
  private static final int BASES = BasisType.values().length;
  private static final int MAX_CACHED = 4096;

  private final List<PolicyPack> packs;
  private final Categories taxonomy;
  private final RecipientDirectory directory;
  private final Map<String, String> facts;
  private final Clock clock;
  private final List<String> packVersions;
  private final ContextRules[] index;
  private final Map<String, RuleSummary> rules;
  private final Map<CategorySet, Decision> unrestricted = new ConcurrentHashMap<>();

  private Policy(Builder builder) {
    this.packs = List.copyOf(builder.packs);
    Categories categories = builder.categories;
    Map<String, String> known = new LinkedHashMap<>(Facts.standard());
    for (PolicyPack pack : packs) {
      for (Map.Entry<String, String> entry : pack.categories().entrySet()) {
        if (categories.find(entry.getKey()).isEmpty()) {
          categories = categories.with(entry.getKey(), entry.getValue());
        }
      }
      known.putAll(pack.facts());
    }
    for (Map.Entry<String, String> entry : builder.addedCategories.entrySet()) {
      categories = categories.with(entry.getKey(), entry.getValue());
    }
    this.taxonomy = categories;
    this.directory = directory(builder.directory, packs, builder.addedRecipients);
    this.facts = Map.copyOf(known);
    this.clock = builder.clock;
    this.packVersions = packs.stream().map(PolicyPack::toString).toList();
    List<CompiledRule> compiled = new ArrayList<>();
    Map<String, RuleSummary> summaries = new HashMap<>();
    for (PolicyPack pack : packs) {
      for (Rule rule : pack.rules()) {
        compiled.add(new CompiledRule(rule, pack, compiled.size(), taxonomy));
        summaries.put(rule.id(), new RuleSummary(rule.id(), rule.title(), rule.citation(), rule.confidence()));
      }
    }
    this.rules = Map.copyOf(summaries);
    this.index = index(compiled, taxonomy);
  }

  /**
   * The base directory with the recipients of the packs, then those added in code. A recipient's
   * parent may be any of them, whichever pack adds it, so a pack's recipients are checked here, each
   * problem naming the pack's file; {@link RecipientDirectory#with} refuses one added in code.
   */
  private static RecipientDirectory directory(RecipientDirectory base, List<PolicyPack> packs, List<Recipient> inCode) {
    Map<String, Recipient> added = new LinkedHashMap<>();
    Map<Recipient, PolicyPack> packOf = new IdentityHashMap<>();
    for (PolicyPack pack : packs) {
      for (Recipient recipient : pack.recipients()) {
        added.put(recipient.id(), recipient);
        packOf.put(recipient, pack);
      }
    }
    inCode.forEach(recipient -> added.put(recipient.id(), recipient));
    String where = "the directory, nor added by a pack of the policy ("
        + String.join(", ", packs.stream().map(PolicyPack::id).toList()) + ") or in code";
    List<Problem> problems = new ArrayList<>();
    for (Recipient recipient : added.values()) {
      PolicyPack pack = packOf.get(recipient);
      if (pack == null) {
        continue;
      }
      try {
        RecipientDirectory.effective(recipient, id -> added.containsKey(id) ? added.get(id) : base.declared(id), where);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(pack.source(), "recipient '" + recipient.id() + "'",
            "recipients[" + pack.recipients().indexOf(recipient) + "].parent", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyFormatException(problems);
    }
    return base.with(added.values().toArray(Recipient[]::new));
  }

  /**
   * Returns a policy of the given packs with the default taxonomy and directory.
   *
   * @param packs the packs, at least one; their order is the order of the reasons
   * @return the policy
   */
  public static Policy of(PolicyPack... packs) {
    return builder().packs(Arrays.asList(packs)).build();
  }

  /** Returns a builder of a policy. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder of a request, resolving ids against this policy's taxonomy, directory and
   * facts.
   */
  public DisclosureRequest.Builder request() {
    return request(null);
  }

  DisclosureRequest.Builder request(@org.jspecify.annotations.Nullable Redactor redactor) {
    return new DisclosureRequest.Builder(taxonomy, directory, facts.keySet(), redactor);
  }

  /**
   * Decides a request. Without a holder in the request, the holder is {@link Holder#CITY_AGENCY}.
   *
   * @param request the request
   * @return the decision, in {@link Mode#ENFORCE} and without an audit event id
   */
  public Decision decide(DisclosureRequest request) {
    return decide(request, Holder.CITY_AGENCY);
  }

  Decision decide(DisclosureRequest request, Holder defaultHolder) {
    return decide(Objects.requireNonNull(request, "request"), defaultHolder, request.atOrNull());
  }

  /** Decides at the given time, or without one at the request's, else at the clock's. */
  Decision decide(DisclosureRequest request, Holder defaultHolder, @Nullable Instant decideAt) {
    Objects.requireNonNull(request, "request");
    Holder holder = request.holderOrNull() == null ? defaultHolder : request.holderOrNull();
    CategorySet requested = taxonomy.toSet(request.categories);
    ContextRules rules =
        index[context(holder, request.recipient().recipientClass(), request.purpose(), request.basis().type())];
    if (!rules.anyApplies(request, requested.bits)) {
      return allowed(requested);
    }
    Instant at = decideAt != null ? decideAt : request.atOrNull() != null ? request.atOrNull() : clock.instant();
    return Evaluation.decide(taxonomy, request, requested, at, rules.touching(requested.bits), packVersions);
  }

  private Decision allowed(CategorySet requested) {
    Decision cached = unrestricted.get(requested);
    if (cached != null) {
      return cached;
    }
    CategorySet none = new CategorySet(taxonomy, Bits.empty(taxonomy.words()));
    Decision decision = new Decision(Mode.ENFORCE, requested, none, none, List.of(), Decision.Reasons.NONE, List.of(),
        packVersions, null, null);
    if (unrestricted.size() < MAX_CACHED) {
      unrestricted.putIfAbsent(requested, decision);
    }
    return decision;
  }

  /**
   * Returns the title, citation and confidence of a rule of the policy's packs, for a decision read
   * back from a guard event, which records rule ids only.
   *
   * @param ruleId a rule id, for example {@code "nyc.10-178.no-city-resources"}
   * @return the rule, or empty if no pack of the policy has it (as the guard's own rules, {@code
   *     guard.*})
   */
  public Optional<RuleSummary> rule(String ruleId) {
    return Optional.ofNullable(rules.get(Objects.requireNonNull(ruleId, "ruleId")));
  }

  /** Returns the packs, in order. */
  public List<PolicyPack> packs() {
    return packs;
  }

  /** Returns the taxonomy: the given one, with the categories packs and the builder added. */
  public Categories categories() {
    return taxonomy;
  }

  /** Returns the directory: the given one, with the recipients packs and the builder added. */
  public RecipientDirectory directory() {
    return directory;
  }

  /** Returns the facts requests may carry: the standard ones and those the packs declare. */
  public Map<String, String> facts() {
    return facts;
  }

  /** Returns the clock that dates requests made without a time. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "Policy" + packVersions;
  }

  private static int context(Holder holder, RecipientClass recipientClass, Purpose purpose, BasisType basis) {
    return ((holder.ordinal() * CLASSES + recipientClass.ordinal()) * PURPOSES + purpose.ordinal()) * BASES
        + basis.ordinal();
  }

  private static ContextRules[] index(List<CompiledRule> rules, Categories taxonomy) {
    ContextRules[] index = new ContextRules[HOLDERS * CLASSES * PURPOSES * BASES];
    Map<List<CompiledRule>, ContextRules> shared = new HashMap<>();
    List<CompiledRule> matching = new ArrayList<>();
    for (Holder holder : Holder.values()) {
      for (RecipientClass recipientClass : RecipientClass.values()) {
        for (Purpose purpose : Purpose.values()) {
          for (BasisType basis : BasisType.values()) {
            matching.clear();
            for (CompiledRule rule : rules) {
              if (rule.matchesContext(holder, recipientClass, purpose, basis)) {
                matching.add(rule);
              }
            }
            index[context(holder, recipientClass, purpose, basis)] =
                shared.computeIfAbsent(List.copyOf(matching), list -> new ContextRules(list, taxonomy));
          }
        }
      }
    }
    return index;
  }

  /**
   * Builds a {@link Policy}. Not thread-safe; {@link #build()} copies.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private final Set<PolicyPack> packs = new LinkedHashSet<>();
    private Categories categories = Categories.standard();
    private RecipientDirectory directory = RecipientDirectory.defaults();
    private final Map<String, String> addedCategories = new LinkedHashMap<>();
    private final List<Recipient> addedRecipients = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a pack. */
    public Builder pack(PolicyPack pack) {
      packs.add(Objects.requireNonNull(pack, "pack"));
      return this;
    }

    /** Adds packs, in order. */
    public Builder packs(Collection<PolicyPack> more) {
      more.forEach(this::pack);
      return this;
    }

    /** Sets the taxonomy packs and {@link #category} add to; the standard one by default. */
    public Builder categories(Categories taxonomy) {
      this.categories = Objects.requireNonNull(taxonomy, "taxonomy");
      return this;
    }

    /** Adds a category of the city's own, after those the packs add. */
    public Builder category(String key, String description) {
      addedCategories.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(description, "description"));
      return this;
    }

    /** Sets the directory packs and {@link #recipient} add to; the default one by default. */
    public Builder directory(RecipientDirectory base) {
      this.directory = Objects.requireNonNull(base, "directory");
      return this;
    }

    /** Adds or overrides a recipient, after those the packs add: code has the last word. */
    public Builder recipient(Recipient recipient) {
      addedRecipients.add(Objects.requireNonNull(recipient, "recipient"));
      return this;
    }

    /** Sets the clock that dates requests made without a time; the system's UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalStateException if there is no pack, or two packs have the same id
     * @throws IllegalArgumentException if an added category or recipient conflicts; if the parent
     *     of a recipient added in code is found nowhere, its cause is an {@link
     *     UnknownIdentifierException} whose {@link UnknownIdentifierException#identifier()
     *     identifier} is that parent
     * @throws PolicyFormatException naming the pack's file, the recipient and the parent, for each
     *     recipient of a pack whose parent neither the directory, the packs nor the recipients
     *     added know, or that is its own ancestor
     */
    public Policy build() {
      if (packs.isEmpty()) {
        throw new IllegalStateException("a policy needs at least one pack");
      }
      Set<String> ids = new LinkedHashSet<>();
      for (PolicyPack pack : packs) {
        if (!ids.add(pack.id())) {
          throw new IllegalStateException("two packs have the id '" + pack.id() + "'");
        }
      }
      return new Policy(this);
    }
  }
}
