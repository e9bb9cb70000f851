package org.sanctuaryguard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.text.LogSafe;

/**
 * The audit record of one decision: who asked, under what basis, what was released, withheld and
 * escalated, by which rules, under which pack versions, with which obligations. It never holds a
 * protected value: subjects appear only as keyed pseudonyms (and not at all without a key), and
 * every value that came from outside (an officer's name, a docket number) is made log-safe.
 *
 * <p>{@link #fields()} gives the event as flat, dotted field names, close to the Elastic Common
 * Schema where one fits ({@code @timestamp}, {@code event.id}, {@code event.sequence}, {@code
 * user.id}) and under {@code sanctuary.} otherwise. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class GuardEvent {

  /** The SLF4J logger name of guard events. */
  public static final String LOGGER_NAME = "org.sanctuaryguard.events";

  /** The version of the event's field schema. */
  public static final int SCHEMA_VERSION = 1;

  private final String id;
  private final String stream;
  private final long sequence;
  private final Instant timestamp;
  private final Mode mode;
  private final Outcome outcome;
  private final Recipient recipient;
  private final Holder holder;
  private final Purpose purpose;
  private final LegalBasis basis;
  private final List<String> released;
  private final List<String> withheld;
  private final List<String> escalated;
  private final List<String> rules;
  private final List<Obligation> obligations;
  private final List<String> packs;
  private final List<String> subjects;
  private final int subjectCount;
  private final boolean bulk;
  private final @Nullable String actor;
  private final @Nullable Instant requestTime;
  private final @Nullable String failure;
  private volatile @Nullable Map<String, Object> fields;

  GuardEvent(
      String id,
      String stream,
      long sequence,
      Instant timestamp,
      DisclosureRequest request,
      Holder holder,
      Decision decision,
      List<String> subjects,
      @Nullable String failure) {
    this.id = id;
    this.stream = stream;
    this.sequence = sequence;
    this.timestamp = timestamp;
    this.mode = decision.mode();
    this.outcome = decision.outcome();
    this.recipient = request.recipient();
    this.holder = holder;
    this.purpose = request.purpose();
    this.basis = request.basis();
    this.released = keys(decision.released());
    this.withheld = keys(decision.withheld());
    this.escalated = keys(decision.escalated());
    this.rules = decision.reasons().stream().map(Reason::rule).distinct().toList();
    this.obligations = decision.obligations();
    this.packs = decision.packs();
    this.subjects = List.copyOf(subjects);
    this.subjectCount = request.subjects().size();
    this.bulk = request.isBulk();
    this.actor = request.actor().map(LogSafe::clean).orElse(null);
    this.requestTime = request.atOrNull();
    this.failure = failure;
  }

  /** Returns the event id, unique across streams: the stream id, a dash and the sequence. */
  public String id() {
    return id;
  }

  /** Returns the id of the guard instance's stream of events. */
  public String stream() {
    return stream;
  }

  /** Returns the event's number in its stream, from 1. */
  public long sequence() {
    return sequence;
  }

  /** Returns when the decision was made. */
  public Instant timestamp() {
    return timestamp;
  }

  /** Returns the guard's mode. */
  public Mode mode() {
    return mode;
  }

  /** Returns the decision's outcome. */
  public Outcome outcome() {
    return outcome;
  }

  /** Returns the recipient. */
  public Recipient recipient() {
    return recipient;
  }

  /** Returns the holder of the data. */
  public Holder holder() {
    return holder;
  }

  /** Returns the purpose of the request. */
  public Purpose purpose() {
    return purpose;
  }

  /** Returns the type of the basis presented. */
  public BasisType basisType() {
    return basis.type();
  }

  /** Returns the keys of the categories released. */
  public List<String> released() {
    return released;
  }

  /** Returns the keys of the categories withheld. */
  public List<String> withheld() {
    return withheld;
  }

  /** Returns the keys of the categories escalated to counsel. */
  public List<String> escalated() {
    return escalated;
  }

  /** Returns the ids of the rules behind the decision, in order. */
  public List<String> rules() {
    return rules;
  }

  /** Returns the obligations of the decision. */
  public List<Obligation> obligations() {
    return obligations;
  }

  /** Returns the packs applied, each as {@code id@version}. */
  public List<String> packs() {
    return packs;
  }

  /** Returns the subjects' keyed pseudonyms; empty when the guard has no pseudonym key. */
  public List<String> subjectPseudonyms() {
    return subjects;
  }

  /** Returns how many subject ids the request named. */
  public int subjectCount() {
    return subjectCount;
  }

  /** Returns the actor, made log-safe. */
  public Optional<String> actor() {
    return Optional.ofNullable(actor);
  }

  /** Returns why the guard denied on its own, if it did: {@code "evaluation"} or {@code "audit"}. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns the event as ordered fields: strings, numbers, booleans and lists of strings, every
   * outside value made log-safe. Fields without a value are left out.
   */
  public Map<String, Object> fields() {
    Map<String, Object> built = fields;
    if (built == null) {
      built = Collections.unmodifiableMap(buildFields());
      fields = built;
    }
    return built;
  }

  /** Returns a one-line summary of the event for plain-text logs. */
  public String summary() {
    return "guard " + outcome.id() + (mode == Mode.MONITOR ? " (monitor)" : "") + ": " + recipient.id()
        + " (" + recipient.recipientClass().id() + "), " + purpose.id() + ", basis " + basis.type().id()
        + "; released " + released + ", withheld " + withheld + (escalated.isEmpty() ? "" : ", escalated " + escalated);
  }

  private Map<String, Object> buildFields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("@timestamp", timestamp.toString());
    out.put("event.id", id);
    out.put("event.sequence", sequence);
    out.put("event.kind", "event");
    out.put("event.action", "disclosure-decision");
    out.put("sanctuary.schema", SCHEMA_VERSION);
    out.put("sanctuary.stream", stream);
    out.put("sanctuary.mode", mode.id());
    out.put("sanctuary.outcome", outcome.id());
    out.put("sanctuary.recipient.id", recipient.id());
    out.put("sanctuary.recipient.name", LogSafe.clean(recipient.name()));
    out.put("sanctuary.recipient.class", recipient.recipientClass().id());
    out.put("sanctuary.holder", holder.id());
    out.put("sanctuary.purpose", purpose.id());
    out.put("sanctuary.basis.type", basis.type().id());
    basis.form().ifPresent(form -> out.put("sanctuary.basis.form", LogSafe.clean(form)));
    basis.issuer().ifPresent(issuer -> out.put("sanctuary.basis.issuer", LogSafe.clean(issuer)));
    basis.signer().ifPresent(signer -> {
      out.put("sanctuary.basis.signer.name", LogSafe.clean(signer.name()));
      out.put("sanctuary.basis.signer.role", signer.role().id());
    });
    basis.docket().ifPresent(docket -> out.put("sanctuary.basis.docket", LogSafe.clean(docket)));
    basis.citation().ifPresent(citation -> out.put("sanctuary.basis.citation", LogSafe.clean(citation)));
    if (basis.type() != BasisType.NONE) {
      out.put("sanctuary.basis.verified", basis.authenticity().verified());
      basis.authenticity().by().ifPresent(by -> out.put("sanctuary.basis.verified_by", LogSafe.clean(by)));
    }
    out.put("sanctuary.released", released);
    out.put("sanctuary.withheld", withheld);
    out.put("sanctuary.escalated", escalated);
    out.put("sanctuary.rules", rules);
    List<String> duties = new ArrayList<>();
    for (Obligation obligation : obligations) {
      duties.add(obligation.kind().id() + (obligation.due() == null ? "" : "@" + obligation.due()));
    }
    out.put("sanctuary.obligations", List.copyOf(duties));
    out.put("sanctuary.packs", packs);
    if (!subjects.isEmpty()) {
      out.put("sanctuary.subjects", subjects);
    }
    out.put("sanctuary.subject_count", subjectCount);
    out.put("sanctuary.bulk", bulk);
    if (requestTime != null) {
      out.put("sanctuary.request_time", requestTime.toString());
    }
    if (actor != null) {
      out.put("user.id", actor);
    }
    if (failure != null) {
      out.put("sanctuary.failure", failure);
    }
    return out;
  }

  private static List<String> keys(Set<Category> categories) {
    Set<String> keys = new TreeSet<>();
    categories.forEach(category -> keys.add(category.key()));
    return List.copyOf(keys);
  }

  /** Shows the id, the outcome and the recipient: nothing protected. */
  @Override
  public String toString() {
    return "GuardEvent[" + id + ", " + outcome + ", " + recipient.id() + "]";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof GuardEvent event && id.equals(event.id) && fields().equals(event.fields());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, sequence);
  }
}
