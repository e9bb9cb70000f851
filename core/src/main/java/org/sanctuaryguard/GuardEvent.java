package org.sanctuaryguard;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.json.LogField;
import org.sanctuaryguard.internal.text.LogSafe;
import org.sanctuaryguard.internal.text.Timestamps;

/**
 * The audit record of what a guard did: a {@linkplain Kind#DECISION decision} (who asked, under
 * what basis and facts, what was released, withheld and escalated, by which rules, under which
 * pack versions, with which obligations), or the {@linkplain Kind#FULFILMENT fulfilment} of an
 * obligation of an earlier decision (which, by whom, when). It never holds a protected value:
 * subjects appear only as keyed pseudonyms (and not at all without a key), and so does a private
 * person who signed the basis (a resident's own written consent); every value that came from
 * outside (an officer's or a judge's name, a docket number) is made log-safe.
 *
 * <p>{@link #fields()} gives the event as flat, dotted field names in sorted order, close to the
 * Elastic Common Schema where one fits ({@code @timestamp}, {@code event.id}, {@code
 * event.action}, {@code user.id}) and under {@code sanctuary.} otherwise. The guard log adds the
 * fields of its hash chain; {@code docs/guard-log.md} documents them all. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class GuardEvent {

  /** The SLF4J logger name of guard events. */
  public static final String LOGGER_NAME = "org.sanctuaryguard.events";

  /** The version of the event's field schema. */
  public static final int SCHEMA_VERSION = 1;

  /** What an event records. */
  public enum Kind {
    /** A decision on a disclosure. */
    DECISION("disclosure-decision"),
    /** The fulfilment of an obligation of an earlier decision. */
    FULFILMENT("obligation-fulfilled");

    private final String action;

    Kind(String action) {
      this.action = action;
    }

    /** Returns the value of the event's {@code event.action} field. */
    public String action() {
      return action;
    }
  }

  private final Kind kind;
  private final String id;
  private final String guard;
  private final Instant timestamp;
  private final Mode mode;
  private final @Nullable String actor;
  private final @Nullable Decided decided;
  private final @Nullable Fulfilled fulfilled;
  private volatile @Nullable SortedMap<String, Object> fields;

  /** What a decision event holds beyond the common fields. */
  private record Decided(
      Outcome outcome,
      Recipient recipient,
      Holder holder,
      Purpose purpose,
      LegalBasis basis,
      List<String> released,
      List<String> withheld,
      List<String> escalated,
      List<String> rules,
      List<Obligation> obligations,
      List<String> packs,
      List<String> subjects,
      @Nullable String signerPseudonym,
      @Nullable String referencePseudonym,
      int subjectCount,
      boolean bulk,
      List<String> facts,
      @Nullable Instant requestTime,
      @Nullable String failure,
      @Nullable String supersedes) {}

  /** What a fulfilment event holds beyond the common fields. */
  private record Fulfilled(String decisionEventId, ObligationKind obligation, Instant at) {}

  private GuardEvent(Kind kind, String id, String guard, Instant timestamp, Mode mode, @Nullable String actor,
      @Nullable Decided decided, @Nullable Fulfilled fulfilled) {
    this.kind = kind;
    this.id = id;
    this.guard = guard;
    this.timestamp = timestamp;
    this.mode = mode;
    this.actor = actor == null ? null : LogSafe.clean(actor);
    this.decided = decided;
    this.fulfilled = fulfilled;
  }

  static GuardEvent decision(String id, String guard, Instant timestamp, DisclosureRequest request, Holder holder,
      Decision decision, Pseudonymized people, @Nullable String failure) {
    return decision(id, guard, timestamp, request, holder, decision, people, failure, null);
  }

  /**
   * The people of a request as an event records them: its subjects' keyed pseudonyms, and, when the
   * signer of its basis is a private person, the keyed pseudonyms of the signer's name and of the
   * basis's reference number (which a city may number by the resident's id); empty and null without
   * a pseudonym key.
   */
  record Pseudonymized(List<String> subjects, @Nullable String signer, @Nullable String reference) {

    static final Pseudonymized NONE = new Pseudonymized(List.of(), null, null);
  }

  /**
   * Whether the basis is signed by a private person, whose name and the basis's reference number
   * are not recorded: a resident who consents for themselves, or anyone who signs in no official
   * role ({@link SignerRole#OTHER}). Officials (judges, clerks, officers, attorneys) are recorded by
   * name, and their documents by docket.
   */
  static boolean signedPrivately(LegalBasis basis) {
    return basis.signer().isPresent()
        && (basis.type() == BasisType.WRITTEN_CONSENT || basis.signer().get().role() == SignerRole.OTHER);
  }

  /**
   * A decision event; {@code supersedes} names the event of a decision of the same request that
   * this one replaces (the guard's denial when it could not record that decision in every sink, or
   * when it withdrew it).
   */
  static GuardEvent decision(String id, String guard, Instant timestamp, DisclosureRequest request, Holder holder,
      Decision decision, Pseudonymized people, @Nullable String failure, @Nullable String supersedes) {
    Decided decided = new Decided(decision.outcome(), request.recipient(), holder, request.purpose(), request.basis(),
        decision.released.sortedKeys(), decision.withheld.sortedKeys(), decision.escalated.sortedKeys(),
        decision.rules(), decision.obligations(), decision.packs(),
        List.copyOf(people.subjects()), people.signer(), people.reference(), request.subjects().size(),
        request.isBulk(), givenTrue(request.facts()), request.atOrNull(), failure, supersedes);
    return new GuardEvent(Kind.DECISION, id, guard, timestamp, decision.mode(), request.actor().orElse(null), decided,
        null);
  }

  static GuardEvent fulfilment(String id, String guard, Instant timestamp, Mode mode, String decisionEventId,
      ObligationKind obligation, String by, Instant at) {
    return new GuardEvent(Kind.FULFILMENT, id, guard, timestamp, mode, by, null,
        new Fulfilled(LogSafe.clean(decisionEventId), obligation, at));
  }

  /** Returns what the event records. */
  public Kind kind() {
    return kind;
  }

  /** Returns the event id, unique across guards: the guard's id, a dash and a number. */
  public String id() {
    return id;
  }

  /** Returns the id of the guard instance that recorded the event. */
  public String guard() {
    return guard;
  }

  /** Returns when the event was recorded. */
  public Instant timestamp() {
    return timestamp;
  }

  /** Returns the guard's mode. */
  public Mode mode() {
    return mode;
  }

  /** Returns the actor (for a fulfilment, who fulfilled the obligation), made log-safe. */
  public Optional<String> actor() {
    return Optional.ofNullable(actor);
  }

  /** Returns the decision's outcome; empty for a fulfilment. */
  public Optional<Outcome> outcome() {
    return decided == null ? Optional.empty() : Optional.of(decided.outcome());
  }

  /** Returns the recipient of the decision; empty for a fulfilment. */
  public Optional<Recipient> recipient() {
    return decided == null ? Optional.empty() : Optional.of(decided.recipient());
  }

  /** Returns the holder of the data; empty for a fulfilment. */
  public Optional<Holder> holder() {
    return decided == null ? Optional.empty() : Optional.of(decided.holder());
  }

  /** Returns the purpose of the request; empty for a fulfilment. */
  public Optional<Purpose> purpose() {
    return decided == null ? Optional.empty() : Optional.of(decided.purpose());
  }

  /** Returns the type of the basis presented; empty for a fulfilment. */
  public Optional<BasisType> basisType() {
    return decided == null ? Optional.empty() : Optional.of(decided.basis().type());
  }

  /** Returns the ids of the rules behind the decision, in order; empty for a fulfilment. */
  public List<String> rules() {
    return decided == null ? List.of() : decided.rules();
  }

  /** Returns the keys of the categories the decision released, sorted; empty for a fulfilment. */
  public List<String> released() {
    return decided == null ? List.of() : decided.released();
  }

  /** Returns the keys of the categories the decision withheld, sorted; empty for a fulfilment. */
  public List<String> withheld() {
    return decided == null ? List.of() : decided.withheld();
  }

  /** Returns the keys of the categories the decision escalated, sorted; empty for a fulfilment. */
  public List<String> escalated() {
    return decided == null ? List.of() : decided.escalated();
  }

  /** Returns the obligations of the decision, in order; empty for a fulfilment. */
  public List<Obligation> obligations() {
    return decided == null ? List.of() : decided.obligations();
  }

  /** Returns the subjects' keyed pseudonyms; empty without a pseudonym key, and for a fulfilment. */
  public List<String> subjectPseudonyms() {
    return decided == null ? List.of() : decided.subjects();
  }

  /** Returns how many subject ids the request named; 0 for a fulfilment. */
  public int subjectCount() {
    return decided == null ? 0 : decided.subjectCount();
  }

  /**
   * Returns the names of the facts the request gave as true, sorted: what the caller asserted and
   * the guard took on its word, such as {@code consent-confirmed-with-subject}. Names only, each one
   * the policy knows (checked when the request was built), never a value of the record. {@code bulk}
   * is listed only if the caller gave it ({@code sanctuary.bulk} is also true for the subject {@code
   * "*"}). A fact given as false is not listed: it counts as a fact not given, so it cannot have
   * moved the decision. Empty when none was given as true, and for a fulfilment.
   */
  public List<String> facts() {
    return decided == null ? List.of() : decided.facts();
  }

  /**
   * Returns why the guard denied on its own, if it did: {@code "evaluation"}, {@code "audit"},
   * {@code "request-time"}, or {@code "release"} for the denial that withdraws a decision whose
   * payload could not be written ({@link Guard#withdraw}).
   */
  public Optional<String> failure() {
    return decided == null ? Optional.empty() : Optional.ofNullable(decided.failure());
  }

  /**
   * Returns the id of the decision event this one replaces, if it does: the guard could record that
   * decision in some of its sinks only, denied instead, and recorded the denial in them ({@link
   * #failure()} {@code "audit"}); or nothing of what the decision released could be written, and the
   * guard withdrew it ({@code "release"}).
   */
  public Optional<String> supersedes() {
    return decided == null ? Optional.empty() : Optional.ofNullable(decided.supersedes());
  }

  /**
   * Sets a value of the basis that may identify a resident (the signer's name, the reference
   * number): as it is, made log-safe, for an official's document; as its keyed pseudonym for one a
   * private person signed, and not at all without a pseudonym key.
   */
  private static void setIdentifying(EventFields out, boolean privately, LogField field, String value,
      LogField pseudonymField, @Nullable String pseudonym) {
    if (!privately) {
      out.set(field, LogSafe.clean(value));
    } else if (pseudonym != null) {
      out.set(pseudonymField, pseudonym);
    }
  }

  /**
   * Returns the event as an immutable map of fields sorted by name: strings, whole numbers,
   * booleans and immutable lists of strings, every outside value made log-safe. Fields without a
   * value are left out.
   */
  public SortedMap<String, Object> fields() {
    SortedMap<String, Object> built = fields;
    if (built == null) {
      built = buildFields();
      fields = built;
    }
    return built;
  }

  /** Returns a one-line summary of the event for plain-text logs. */
  public String summary() {
    if (decided == null) {
      Fulfilled done = Objects.requireNonNull(fulfilled);
      return "guard obligation fulfilled: " + done.obligation().id() + " of " + done.decisionEventId();
    }
    return "guard " + decided.outcome().id() + (mode == Mode.MONITOR ? " (monitor)" : "") + ": "
        + decided.recipient().id() + " (" + decided.recipient().recipientClass().id() + "), " + decided.purpose().id()
        + ", basis " + decided.basis().type().id() + (decided.facts().isEmpty() ? "" : ", facts " + decided.facts())
        + "; released " + decided.released() + ", withheld "
        + decided.withheld() + (decided.escalated().isEmpty() ? "" : ", escalated " + decided.escalated());
  }

  private EventFields buildFields() {
    EventFields out = new EventFields()
        .set(LogField.TIMESTAMP, Timestamps.format(timestamp))
        .set(LogField.EVENT_ID, id)
        .set(LogField.KIND, "event")
        .set(LogField.ACTION, kind.action())
        .set(LogField.SCHEMA, SCHEMA_VERSION)
        .set(LogField.GUARD, guard)
        .set(LogField.MODE, mode.id());
    if (actor != null) {
      out.set(LogField.USER, actor);
    }
    if (fulfilled != null) {
      return out.set(LogField.FULFILS, fulfilled.decisionEventId())
          .set(LogField.OBLIGATION, fulfilled.obligation().id())
          .set(LogField.FULFILLED_AT, Timestamps.format(fulfilled.at()));
    }
    Decided d = Objects.requireNonNull(decided);
    out.set(LogField.OUTCOME, d.outcome().id())
        .set(LogField.RECIPIENT, d.recipient().id())
        .set(LogField.RECIPIENT_NAME, LogSafe.clean(d.recipient().name()))
        .set(LogField.RECIPIENT_CLASS, d.recipient().recipientClass().id())
        .set(LogField.HOLDER, d.holder().id())
        .set(LogField.PURPOSE, d.purpose().id());
    LegalBasis basis = d.basis();
    out.set(LogField.BASIS_TYPE, basis.type().id());
    basis.form().ifPresent(form -> out.set(LogField.BASIS_FORM, LogSafe.clean(form)));
    basis.issuer().ifPresent(issuer -> out.set(LogField.BASIS_ISSUER, LogSafe.clean(issuer)));
    boolean privately = signedPrivately(basis);
    basis.signer().ifPresent(signer -> {
      setIdentifying(out, privately, LogField.BASIS_SIGNER_NAME, signer.name(), LogField.BASIS_SIGNER_PSEUDONYM,
          d.signerPseudonym());
      out.set(LogField.BASIS_SIGNER_ROLE, signer.role().id());
    });
    basis.docket().ifPresent(docket -> setIdentifying(out, privately, LogField.BASIS_DOCKET, docket,
        LogField.BASIS_DOCKET_PSEUDONYM, d.referencePseudonym()));
    basis.citation().ifPresent(citation -> out.set(LogField.BASIS_CITATION, LogSafe.clean(citation)));
    if (basis.type() != BasisType.NONE) {
      out.set(LogField.BASIS_VERIFIED, basis.authenticity().verified());
      basis.authenticity().by().ifPresent(by -> out.set(LogField.BASIS_VERIFIED_BY, LogSafe.clean(by)));
    }
    out.set(LogField.RELEASED, d.released())
        .set(LogField.WITHHELD, d.withheld())
        .set(LogField.ESCALATED, d.escalated())
        .set(LogField.RULES, d.rules())
        .set(LogField.OBLIGATIONS, duties(d.obligations()))
        .set(LogField.PACKS, d.packs());
    if (!d.subjects().isEmpty()) {
      out.set(LogField.SUBJECTS, d.subjects());
    }
    out.set(LogField.SUBJECT_COUNT, d.subjectCount()).set(LogField.BULK, d.bulk());
    if (!d.facts().isEmpty()) {
      out.set(LogField.FACTS, d.facts());
    }
    if (d.requestTime() != null) {
      out.set(LogField.REQUEST_TIME, Timestamps.format(d.requestTime()));
    }
    if (d.failure() != null) {
      out.set(LogField.FAILURE, d.failure());
    }
    if (d.supersedes() != null) {
      out.set(LogField.SUPERSEDES, d.supersedes());
    }
    return out;
  }

  /** The names of the facts given as true, sorted; the shared empty list when there are none. */
  private static List<String> givenTrue(Map<String, Boolean> facts) {
    if (facts.isEmpty()) {
      return List.of();
    }
    String[] names = new String[facts.size()];
    int count = 0;
    for (Map.Entry<String, Boolean> fact : facts.entrySet()) {
      if (fact.getValue()) {
        names[count++] = fact.getKey();
      }
    }
    Arrays.sort(names, 0, count);
    return List.of(Arrays.copyOf(names, count));
  }

  /** The obligations as the log writes them: the kind's id, and {@code @} and when it is due. */
  private static List<String> duties(List<Obligation> obligations) {
    String[] duties = new String[obligations.size()];
    for (int i = 0; i < duties.length; i++) {
      Obligation obligation = obligations.get(i);
      String kind = obligation.kind().id();
      duties[i] = obligation.due() == null ? kind : kind + "@" + obligation.due();
    }
    return List.of(duties);
  }

  /** Shows the id, the kind and, for a decision, the outcome and the recipient: nothing protected. */
  @Override
  public String toString() {
    return "GuardEvent[" + id + ", " + kind.action()
        + (decided == null ? "" : ", " + decided.outcome() + ", " + decided.recipient().id()) + "]";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof GuardEvent event && id.equals(event.id) && fields().equals(event.fields());
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
