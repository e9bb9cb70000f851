package org.sanctuaryguard;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request to disclose data: who receives it, who holds it, why, which categories of whose data,
 * on what legal basis, the facts the caller knows, who is acting and when.
 *
 * <p>Requests are built from a {@link Policy} or a guard, which resolve identifiers against their
 * vocabulary and reject unknown ones eagerly:
 *
 * <pre>{@code
 * DisclosureRequest request = policy.request()
 *     .recipient("ice-ero")
 *     .holder(Holder.SHELTER)
 *     .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
 *     .categories("location.shelter", "location.home-address")
 *     .subjects("S-1001")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows subject ids or the actor.
 *
 * @since 0.1.0
 */
public final class DisclosureRequest {

  /** The subject id that stands for every subject the holder has: a list or bulk request. */
  public static final String ALL_SUBJECTS = "*";

  private final Recipient recipient;
  private final @Nullable Holder holder;
  private final Purpose purpose;
  final CategorySet categories;
  private final Set<String> subjects;
  private final int unnamed;
  private final boolean namedExplicitly;
  private final LegalBasis basis;
  private final Map<String, Boolean> facts;
  private final @Nullable String actor;
  private final @Nullable Instant at;
  private final boolean bulk;

  private DisclosureRequest(Builder b, CategorySet categories) {
    this.recipient = Objects.requireNonNull(b.recipient);
    this.holder = b.holder;
    this.purpose = Objects.requireNonNull(b.purpose);
    this.categories = categories;
    this.subjects = Set.copyOf(b.subjects);
    this.unnamed = b.unnamed;
    this.namedExplicitly = b.namedExplicitly;
    this.basis = b.basis;
    this.facts = Map.copyOf(b.facts);
    this.actor = b.actor;
    this.at = b.at;
    this.bulk = subjects.contains(ALL_SUBJECTS) || Boolean.TRUE.equals(facts.get(Facts.BULK));
  }

  /** Returns who receives the data. */
  public Recipient recipient() {
    return recipient;
  }

  /** Returns the kind of agency holding the data, if the request names one; else the guard's. */
  public Optional<Holder> holder() {
    return Optional.ofNullable(holder);
  }

  /** Returns why the recipient asks. */
  public Purpose purpose() {
    return purpose;
  }

  /** Returns the categories requested. */
  public Set<Category> categories() {
    return categories;
  }

  /** Returns the ids of the subjects whose data is requested; {@code "*"} stands for all. */
  public Set<String> subjects() {
    return subjects;
  }

  /**
   * Whether a payload of the request holds protected values of a person it does not identify: under
   * an object whose subject id is null, or under no object with a subject id at all when the request
   * does not name its subjects itself ({@link Builder#subjects}). A document that names particular
   * people cannot be shown to cover them.
   */
  boolean hasUnnamedSubject() {
    return (unnamed & Redactor.NULL_ID) != 0 || (unnamed & Redactor.NO_ID) != 0 && !namedExplicitly;
  }

  /** Whether a payload of the request holds protected values under an object whose subject id is null. */
  boolean heldNullSubjectId() {
    return (unnamed & Redactor.NULL_ID) != 0;
  }

  /**
   * Whether a payload of the request holds protected values under no object with a subject id at
   * all, whoever the request took them to be of.
   */
  boolean heldUnderNoSubjectId() {
    return (unnamed & Redactor.NO_ID) != 0;
  }

  /** Returns whether the request covers every subject the holder has, or is marked bulk. */
  public boolean isBulk() {
    return bulk;
  }

  /** Returns the legal basis presented; {@link LegalBasis#none()} if nothing was. */
  public LegalBasis basis() {
    return basis;
  }

  /** Returns the facts the caller gave. */
  public Map<String, Boolean> facts() {
    return facts;
  }

  /**
   * Returns the value of a fact; a fact not given counts as false. {@code bulk} is also true when
   * the subjects are {@code "*"}.
   */
  public boolean fact(String name) {
    if (Facts.BULK.equals(name)) {
      return isBulk();
    }
    return Boolean.TRUE.equals(facts.get(name));
  }

  /** Returns who is acting for the holder: a caseworker's id or a service's name. */
  public Optional<String> actor() {
    return Optional.ofNullable(actor);
  }

  /**
   * Returns when the request was made, if given. A {@link Policy} decides at this time (a scenario,
   * a review of a past request); a {@link Guard} always decides at its clock's, and refuses a
   * request dated more than {@link GuardConfig#maxRequestTimeSkew()} from it.
   */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }

  @Nullable Holder holderOrNull() {
    return holder;
  }

  @Nullable Instant atOrNull() {
    return at;
  }

  /** Shows recipient, purpose, categories and the basis type; never subjects or the actor. */
  @Override
  public String toString() {
    return "DisclosureRequest[recipient="
        + recipient.id()
        + ", purpose="
        + purpose
        + ", categories="
        + categories
        + ", basis="
        + basis.type()
        + ", subjects="
        + subjects.size()
        + "]";
  }

  /**
   * Builds a {@link DisclosureRequest} against the vocabulary of a policy. Not thread-safe; {@link
   * #build()} checks and copies.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private final Categories taxonomy;
    private final RecipientDirectory directory;
    private final Set<String> knownFacts;
    private final @Nullable Redactor redactor;
    private Redactor.@Nullable Scan scan;
    private @Nullable Recipient recipient;
    private @Nullable Holder holder;
    private @Nullable Purpose purpose;
    /** The categories added, as bits of the taxonomy. */
    private final long[] categories;
    private final Set<String> subjects = new LinkedHashSet<>();
    private int unnamed;
    private boolean namedExplicitly;
    private LegalBasis basis = LegalBasis.none();
    private final Map<String, Boolean> facts = new LinkedHashMap<>();
    private @Nullable String actor;
    private @Nullable Instant at;

    Builder(Categories taxonomy, RecipientDirectory directory, Set<String> knownFacts, @Nullable Redactor redactor) {
      this.taxonomy = taxonomy;
      this.directory = directory;
      this.knownFacts = knownFacts;
      this.redactor = redactor;
      this.categories = Bits.empty(taxonomy.words());
    }

    /**
     * Sets the recipient by directory id.
     *
     * @throws UnknownIdentifierException if the directory has no such id
     */
    public Builder recipient(String recipientId) {
      this.recipient = directory.get(recipientId);
      return this;
    }

    /**
     * Sets the recipient, for example one resolved from a host name. A recipient that did not come
     * from the directory takes its effective class there: the strictest of its own and its
     * ancestors' (see {@link RecipientDirectory}).
     *
     * @throws IllegalArgumentException if its parent is not in the directory
     */
    public Builder recipient(Recipient recipient) {
      this.recipient = directory.classify(Objects.requireNonNull(recipient, "recipient"));
      return this;
    }

    /** Sets the kind of agency holding the data, when it is not the guard's own. */
    public Builder holder(@Nullable Holder holder) {
      this.holder = holder;
      return this;
    }

    /** Sets why the recipient asks. */
    public Builder purpose(Purpose purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    /**
     * Adds categories by key.
     *
     * @throws UnknownIdentifierException if a key is not in the policy's taxonomy
     */
    public Builder categories(String... keys) {
      for (String key : keys) {
        Bits.set(categories, taxonomy.get(key).index);
      }
      return this;
    }

    /** Adds categories. */
    public Builder categories(Iterable<Category> requested) {
      requested.forEach(category -> Bits.set(categories,
          taxonomy.own(Objects.requireNonNull(category, "category")).index));
      return this;
    }

    /**
     * Requests the disclosure of an object: adds the categories of the protected values present in
     * its graph (fields, records, collections, maps, arrays, {@code Optional}s) and the subject ids
     * tagged with {@link SubjectId}. Only a guard's builder knows the protected properties.
     *
     * @throws IllegalStateException if the builder comes from a {@link Policy}, not a guard
     * @throws InvalidProtectionException if a class of the payload is tagged wrongly, or the payload
     *     holds, where the guard must look, what it does not look into: a stream, an iterator, a {@code
     *     Map.Entry}, an {@code AtomicReference}, a {@code Future} or a {@code Reference}
     */
    public Builder payload(Object payload) {
      Objects.requireNonNull(payload, "payload");
      if (redactor == null) {
        throw new IllegalStateException("a request from a payload needs a guard's builder, Guard.request(),"
            + " which knows the protected properties");
      }
      Redactor.Scan found = redactor.scan(payload);
      this.scan = found;
      Bits.or(categories, found.categories());
      subjects.addAll(found.subjects());
      unnamed |= found.unnamed();
      return this;
    }

    /** What the last payload holds, or null. */
    Redactor.@Nullable Scan scan() {
      return scan;
    }

    /**
     * Returns whether any category was added, explicitly or from a payload: whether {@link #build()}
     * has categories to decide. A serializer or a client that requested a payload asks this to tell
     * a payload with protected values, which needs a decision, from one without, which needs none.
     *
     * @return whether the request names at least one category
     * @since 0.1.0
     */
    public boolean hasCategories() {
      return !Bits.isEmpty(categories);
    }

    /** Adds ids of the subjects whose data is requested; {@code "*"} stands for all. */
    public Builder subjects(String... subjectIds) {
      return subjects(Arrays.asList(subjectIds));
    }

    /** Adds ids of the subjects whose data is requested. */
    public Builder subjects(Iterable<String> subjectIds) {
      subjectIds.forEach(id -> subjects.add(Objects.requireNonNull(id, "subject id")));
      namedExplicitly = true;
      return this;
    }

    /** Sets the legal basis presented. */
    public Builder basis(LegalBasis basis) {
      this.basis = Objects.requireNonNull(basis, "basis");
      return this;
    }

    /**
     * Sets a fact the caller knows.
     *
     * @throws UnknownIdentifierException if neither the standard facts nor a pack declares it
     */
    public Builder fact(String name, boolean value) {
      Objects.requireNonNull(name, "name");
      if (!knownFacts.contains(name)) {
        throw new UnknownIdentifierException("fact", name, knownFacts);
      }
      facts.put(name, value);
      return this;
    }

    /** Sets who is acting for the holder: a caseworker's id or a service's name. */
    public Builder actor(@Nullable String actor) {
      this.actor = actor;
      return this;
    }

    /**
     * Sets when the request was made; without it, the policy's clock decides. A {@link Policy}
     * decides at this time; a {@link Guard} decides at its own clock's and refuses the request if
     * this time is more than {@link GuardConfig#maxRequestTimeSkew()} from it, so that a caller cannot
     * revive an expired warrant or bring forward one not yet issued.
     */
    public Builder at(@Nullable Instant at) {
      this.at = at;
      return this;
    }

    /**
     * Returns the request.
     *
     * @throws IllegalStateException if the recipient, the purpose or the categories are missing
     * @throws UnknownIdentifierException if the basis names a category the taxonomy lacks
     */
    public DisclosureRequest build() {
      if (recipient == null) {
        throw new IllegalStateException("a disclosure request needs a recipient");
      }
      if (purpose == null) {
        throw new IllegalStateException("a disclosure request needs a purpose");
      }
      if (Bits.isEmpty(categories)) {
        throw new IllegalStateException("a disclosure request needs at least one category");
      }
      for (String key : basis.categories()) {
        taxonomy.get(key);
      }
      return new DisclosureRequest(this, new CategorySet(taxonomy, categories.clone()));
    }
  }
}
