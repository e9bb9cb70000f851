package org.sanctuaryguard;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.text.RandomIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard at a disclosure point: it decides each request with its policy, records the decision
 * as a guard event, and returns the decision with the event's id.
 *
 * <pre>{@code
 * Guard guard = Guard.of(GuardConfig.custom()
 *     .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"),
 *         PolicyPack.builtin("federal")))
 *     .holder(Holder.SHELTER)
 *     .build());
 *
 * Decision decision = guard.decide(guard.request()
 *     .recipient("ice-ero")
 *     .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
 *     .categories("location.shelter")
 *     .subjects("S-1001")
 *     .build());
 * if (decision.permitsAny()) {
 *   // disclose only what decision.permits(category) allows
 * }
 * }</pre>
 *
 * <p>The guard fails closed: in {@link Mode#ENFORCE}, an error while evaluating, or an event that
 * cannot be recorded, ends in a decision that withholds everything and says why. In {@link
 * Mode#MONITOR} the decision is what the policy would have done, everything is released, and a
 * decision that would have withheld anything carries a {@code breach-review} obligation.
 *
 * <p>A guard decides at its policy's clock, never at a time its caller supplies: a warrant's dates
 * are read on the clock's day, and obligation deadlines run from the clock's instant. A request
 * that carries a time ({@link DisclosureRequest.Builder#at(Instant)}) is taken as the caller's
 * claim of when it was made, which may be off by {@link GuardConfig#maxRequestTimeSkew()} at most
 * (5 minutes unless {@linkplain GuardConfig.Builder#maxRequestTimeSkew(Duration) configured}); a request
 * dated further from the clock, in the past or the future, is refused (in {@link Mode#ENFORCE} its
 * decision withholds everything, with the reason {@code guard.request-time-off-clock}), since a
 * caller-supplied time would otherwise revive an expired warrant or bring forward one not yet
 * issued. Deciding at another time (a scenario, a review of a past request) is what {@link
 * Policy#decide(DisclosureRequest)} is for.
 *
 * <p>Thread-safe. {@link #close()} closes the audit sinks.
 *
 * @since 0.1.0
 */
public final class Guard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private static final String TIME_RULE = "guard.request-time-off-clock";
  private static final String MONITOR_RULE = "guard.monitor-release";
  private static final String UNDECIDED_SUBJECT_RULE = "guard.subject-not-decided";
  private static final String REDACTION_FAILED_RULE = "guard.redaction-failed";
  private static final String RELEASE_FAILED_RULE = "guard.release-failed";
  private static final Reason MONITOR_REASON =
      new Reason(
          MONITOR_RULE,
          null,
          Confidence.CONFIRMED,
          "Monitor mode: the guard released what the policy would not have; review the disclosure as a possible"
              + " unauthorized one.",
          null,
          java.util.Set.of(),
          List.of());


  private final GuardConfig config;
  private final Policy policy;
  private final List<AuditSink> sinks;
  private final @Nullable Pseudonyms pseudonyms;
  private final Redactor redactor;
  private final String id;
  /** What each of this guard's event ids starts with: its id and a dash. */
  private final String eventPrefix;
  private final AtomicLong events = new AtomicLong();

  private Guard(GuardConfig config) {
    this.config = config;
    this.policy = config.policy();
    this.sinks = config.auditSinks();
    this.pseudonyms = config.pseudonymKey().map(Pseudonyms::new).orElse(null);
    this.redactor = new Redactor(policy.categories(), config.protectedProperties());
    this.id = RandomIds.next();
    this.eventPrefix = id + "-";
  }

  /**
   * Returns a guard with the given configuration.
   *
   * @param config the configuration
   * @return the guard
   */
  public static Guard of(GuardConfig config) {
    return new Guard(Objects.requireNonNull(config, "config"));
  }

  /**
   * Returns a builder of a request against the policy's vocabulary, which also knows the guard's
   * protected properties, for {@link DisclosureRequest.Builder#payload(Object)}.
   */
  public DisclosureRequest.Builder request() {
    return policy.request(redactor);
  }

  /**
   * Decides the disclosure of a payload and releases what the decision allows: the request's
   * categories and subjects are those of the protected values found in the payload, and the value
   * released holds every withheld or escalated one as absent. The payload itself is never modified.
   *
   * <pre>{@code
   * Release<Resident> release = guard.release(resident, guard.request()
   *     .recipient("nypd")
   *     .purpose(Purpose.CRIMINAL_INVESTIGATION));
   * Resident safe = release.copy();
   * }</pre>
   *
   * <p>A payload that holds no protected value is released as it is, without a decision or event.
   *
   * <p>A JDK proxy of the application's interfaces (a Spring Data interface projection) is read
   * through their getters, each called once, and copied as a new proxy of them that answers what
   * they returned, redacted.
   *
   * <p>What a JDK event or exception holds in fields of the JDK's own (an event's source, a {@code
   * PropertyChangeEvent}'s old and new values, an exception's cause and suppressed exceptions) is
   * read through its getters and decided with the rest; as no copy can rebuild those fields, the
   * event or exception is released as it is if the decision releases everything found in them, and
   * the payload is refused otherwise.
   *
   * <p>If the payload cannot be released once the decision is recorded (it could not be redacted,
   * or it holds what the guard does not look into), nothing of it is released, and the guard
   * records a denial that replaces the decision, as {@link #withdraw(Decision, Throwable)} does. The
   * {@link DisclosureRefusedException} thrown then carries that denial: its event id is the
   * denial's in the guard log, and its reasons are those the denial records (rule {@code
   * guard.redaction-failed}, say). An {@link InvalidProtectionException} carries no decision: the
   * denial that records it has the rule {@code guard.release-failed}, names the exception's class,
   * and replaces the decision's event ({@link GuardEvent#supersedes()}).
   *
   * @param payload the object to disclose: a record, a bean, a collection, a map...
   * @param request the request without categories: recipient, purpose, basis, facts
   * @param <T> the payload's type
   * @return the released value and the decision
   * @throws DisclosureRefusedException in {@link Mode#ENFORCE}, if the decision denies or awaits
   *     counsel, or if the payload could not be redacted (rule {@code guard.redaction-failed}: a JDK
   *     event or exception that holds what the decision withholds, its reason naming the class and
   *     the getter)
   * @throws InvalidProtectionException if a class of the payload is tagged wrongly, or the payload
   *     holds, where the guard must look, what it does not look into: a stream, an iterator, a {@code
   *     Map.Entry}, an {@code AtomicReference}, a {@code Future} or a {@code Reference}, or a
   *     subclass generated to stand for another object (a Spring CGLIB proxy, a Hibernate lazy
   *     reference)
   * @throws SanctuaryGuardException if the payload's own code failed as the guard read it (a
   *     proxy's getter, an exception's {@code getCause} that the application overrides): the message
   *     names the failure's class, never its message
   */
  public <T> Release<T> release(T payload, DisclosureRequest.Builder request) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(request, "request");
    Redactor.Scan scan = request.payload(payload).scan();
    if (!request.hasCategories()) {
      return new Release<>(payload, true, null);
    }
    Decision decision = decide(request.build());
    if (!decision.permitsAny()) {
      throw new DisclosureRefusedException(decision);
    }
    try {
      return redact(payload, decision, scan.copyable(), scan.views(), null);
    } catch (RuntimeException refused) {
      // nothing of the payload left: the guard log must not show the decision as a release
      Decision refusal = refused instanceof DisclosureRefusedException r ? r.decision() : null;
      Decision withdrawal;
      try {
        withdrawal = withdraw(decision, refused, refusal);
      } catch (RuntimeException e) {
        LOG.error("the denial that withdraws guard event {} could not be recorded ({}); the guard log shows it as"
            + " made", decision.auditEventId().orElse("none"), e.getClass().getName());
        throw refused;
      }
      if (refusal == null) {
        throw refused;
      }
      // the caller's refusal is the denial the guard log holds, with its event id; where the redaction refused, its cause
      DisclosureRefusedException recorded = new DisclosureRefusedException(withdrawal);
      recorded.initCause(refused);
      throw recorded;
    }
  }

  /**
   * Releases what a decision already made allows of a payload: every protected value whose
   * categories the decision does not release is absent from the value returned. Use it to release
   * several payloads under one decision; a decision that denies or awaits counsel (in {@link
   * Mode#ENFORCE}) releases no protected value at all.
   *
   * <p>A decision releases the data of the people it was made about only ({@link #covers}): those
   * its request named, and those found in the payload it was decided with, or everyone's for a bulk
   * request. In {@link Mode#ENFORCE}, a payload that holds an object about anyone else (an object
   * whose subject id the request did not have) is refused whole; decide with that payload ({@link
   * DisclosureRequest.Builder#payload}), or name each of its subjects.
   *
   * <p>So is a payload that holds protected values of no identified person, which {@link #release}
   * counts as a person the request does not name: those of an object whose class has no subject id
   * and that is in no object with one, at the top of the payload or reached from there through
   * collections, maps, arrays and optionals only (an object held both there and in a resident's
   * record counts as no one's). A decision covers them if its request's payload held such values
   * too, or if it is bulk; one whose request only named its subjects does not. An object without a
   * subject id inside one that has one is that person's, and released as decided.
   *
   * @param payload the object to release
   * @param decision a decision of this guard, or one a {@link Policy} made alone
   * @param <T> the payload's type
   * @return the released value and the decision
   * @throws IllegalArgumentException if another guard made and recorded the decision (a monitoring
   *     guard's releases everything)
   * @throws DisclosureRefusedException in {@link Mode#ENFORCE}, if the payload holds an object about
   *     a person the decision was not made about, a JDK event's source or an exception's cause among
   *     them, or protected values of no identified person that the decision does not cover (rule
   *     {@code guard.subject-not-decided} for both, naming neither the person nor the class), or could
   *     not be redacted (a JDK event or exception that holds what the decision withholds)
   * @throws InvalidProtectionException if a class of the payload is tagged wrongly, or the payload
   *     holds, where the guard must look, what it does not look into: a stream, an iterator, a {@code
   *     Map.Entry}, an {@code AtomicReference}, a {@code Future} or a {@code Reference}
   */
  public <T> Release<T> redact(T payload, Decision decision) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(decision, "decision");
    String event = decision.auditEventId().orElse(null);
    if (event != null && !event.startsWith(eventPrefix)) {
      throw new IllegalArgumentException("the decision was made and recorded by another guard (event " + event
          + "); redact with the guard that made it");
    }
    return redact(payload, decision, true, null, decision.mode() == Mode.MONITOR ? null : decision);
  }

  /**
   * Copies the payload without what the decision withholds, or else makes it a tree of maps and
   * lists; {@code bound}, if not null, the decision whose subjects alone it may be about.
   */
  private <T> Release<T> redact(T payload, Decision decision, boolean copyable,
      @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
    long[] permitted = decision.permittedMask(policy.categories());
    try {
      if (copyable) {
        try {
          return new Release<>(redactor.copy(payload, permitted, views, bound), true, decision);
        } catch (Redactor.RefusedCopy refused) {
          LOG.debug("released as a tree: {}", refused.getMessage());
        }
      }
      return new Release<>(redactor.tree(payload, permitted, views, bound), false, decision);
    } catch (InvalidProtectionException e) {
      throw e;
    } catch (Redactor.UndecidedSubject e) {
      LOG.warn("guard refused a payload: {}; nothing of it is released", e.getMessage());
      throw new DisclosureRefusedException(denied(policy.categories().toSet(decision.released()),
          UNDECIDED_SUBJECT_RULE, "The payload holds data of a person the decision was not made about, or of no"
              + " person it identifies (protected values under no subject id), so nothing of it is released: decide"
              + " with this payload, or name each of its subjects in the request.", List.of(),
          decision.packs()));
    } catch (Redactor.WithheldUncopied e) {
      LOG.warn("guard refused a payload: {}; nothing of it is released", e.getMessage());
      throw new DisclosureRefusedException(denied(policy.categories().toSet(decision.released()),
          REDACTION_FAILED_RULE, "The payload holds data the decision withholds in fields the guard cannot copy"
              + " without it, those of a JDK event, exception or naming binding (a source, an old or new value, a"
              + " bound object, a cause, a suppressed exception), a sorted set's or map's comparator, or the captured"
              + " variables or outer object of an anonymous, local or inner class, so nothing of it is released: hold"
              + " the data in a record of your own instead.",
          List.of("held by: " + e.held), decision.packs()));
    } catch (RuntimeException | StackOverflowError e) {
      if (decision.mode() == Mode.MONITOR) {
        LOG.error("GUARD COULD NOT REDACT A PAYLOAD ({}): monitor mode releases it as it is", e.getClass().getName());
        return new Release<>(payload, true, decision);
      }
      LOG.error("guard could not redact a payload ({}); nothing is released", e.getClass().getName());
      throw new DisclosureRefusedException(failClosed(policy.categories().toSet(decision.released()),
          REDACTION_FAILED_RULE, "The payload could not be redacted, so nothing of it is released.", e,
          decision.packs()));
    }
  }

  /**
   * Decides a request at the clock's time, records the decision, and returns it with the id of its
   * event. Without a holder in the request, the guard's holder applies. A request whose own time is
   * more than {@link GuardConfig#maxRequestTimeSkew()} from the clock is refused (see the class
   * description).
   *
   * @param request the request
   * @return the decision; never null, and in {@link Mode#ENFORCE} a denial on any failure
   */
  public Decision decide(DisclosureRequest request) {
    Objects.requireNonNull(request, "request");
    Holder holder = request.holder().orElse(config.holder());
    Mode mode = config.mode();
    Decision decision;
    String failure = null;
    try {
      Instant claimed = request.atOrNull();
      // without a time of its own, the policy reads the clock, and only if a rule applies
      Instant now = claimed == null ? null : policy.clock().instant();
      Duration skew = config.maxRequestTimeSkew();
      if (now != null && Duration.between(claimed, now).abs().compareTo(skew) > 0) {
        failure = "request-time";
        CategorySet requested = policy.categories().toSet(request.categories());
        decision = Decision.denyAll(requested, timeRefused(requested, claimed, now, skew), List.of());
      } else {
        decision = policy.decide(request, holder, now);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      LOG.error("guard evaluation failed ({}); the request is denied", e.getClass().getName());
      failure = "evaluation";
      decision = failClosed(policy.categories().toSet(request.categories()), "guard.evaluation-failed",
          "The guard could not evaluate this request, so nothing is released (it fails closed).", e, List.of());
    }
    String eventId = nextEventId();
    if (mode == Mode.MONITOR && decision.outcome() != Outcome.ALLOW) {
      decision = decision.withReason(MONITOR_REASON, new Obligation(ObligationKind.BREACH_REVIEW, null, List.of(MONITOR_RULE)));
    }
    Decision recorded = decision.recorded(mode, eventId, request);
    GuardEvent.Pseudonymized people = GuardEvent.Pseudonymized.NONE;
    int recordedIn = 0;
    try {
      people = pseudonymized(request);
      GuardEvent event = GuardEvent.decision(eventId, id, policy.clock().instant(), request, holder, recorded,
          people, failure);
      for (AuditSink sink : sinks) {
        sink.record(event);
        recordedIn++;
      }
      return recorded;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      if (mode == Mode.MONITOR) {
        LOG.error("GUARD EVENT NOT RECORDED ({}): monitor mode releases anyway; fix the audit sink", e.getClass().getName());
        return recorded;
      }
      LOG.error("guard event could not be recorded ({}); the request is denied", e.getClass().getName());
      Decision denied = failClosed(policy.categories().toSet(request.categories()), "guard.audit-failed",
          "The decision could not be recorded in the guard log, so nothing is released:"
              + " a disclosure that cannot be audited is not made.", e, recorded.packs());
      return recordedIn == 0 ? denied.recorded(mode, eventId, request)
          : supersede(eventId, request, holder, denied, people, sinks.subList(0, recordedIn));
    }
  }

  /**
   * Records the denial that replaces a decision some sinks recorded before another failed, in those
   * sinks, so that none of them shows a disclosure that was not made; returns it with the id of its
   * event, or of the decision's if no sink recorded the denial.
   */
  private Decision supersede(String decisionEventId, DisclosureRequest request, Holder holder, Decision denied,
      GuardEvent.Pseudonymized people, List<AuditSink> recordedIt) {
    String eventId = nextEventId();
    Decision recorded = denied.recorded(config.mode(), eventId, request);
    boolean any = recordReplacing(recorded, eventId, decisionEventId, request, holder, people, "audit", recordedIt);
    return any ? recorded : denied.recorded(config.mode(), decisionEventId, request);
  }

  /**
   * Records, in the sinks given, a denial that replaces a decision's event ({@code
   * sanctuary.supersedes}, with its failure: {@code audit} or {@code release}); a sink that cannot
   * record it is logged and keeps the decision. Returns whether any sink recorded it.
   */
  private boolean recordReplacing(Decision denial, String eventId, String decisionEventId, DisclosureRequest request,
      Holder holder, GuardEvent.Pseudonymized people, String failure, List<AuditSink> into) {
    GuardEvent event = GuardEvent.decision(eventId, id, policy.clock().instant(), request, holder, denial, people,
        failure, decisionEventId);
    boolean any = false;
    for (AuditSink sink : into) {
      try {
        sink.record(event);
        any = true;
      } catch (RuntimeException e) {
        LOG.error("the denial that replaces guard event {} could not be recorded ({}); that sink still shows the"
            + " decision", decisionEventId, e.getClass().getName());
      }
    }
    return any;
  }

  /**
   * Records that nothing of what a decision released was disclosed after all: the write of the
   * payload failed before any byte of it left (a serializer refused the payload, say). The guard
   * records, in each of its sinks, a denial of the decision's request that replaces the decision's
   * event ({@link GuardEvent#supersedes()}, with {@link GuardEvent#failure()} {@code "release"} and
   * the rule {@code guard.release-failed}), as it does when it cannot record a decision in every
   * sink, so that the guard log shows no disclosure that was not made: {@link
   * org.sanctuaryguard.audit.GuardLogReport} counts the denial in the decision's place.
   *
   * <p>Call it only when no byte of the payload was sent: a disclosure made, even in part, stands,
   * and withdrawing it would hide it from the report. A sink that cannot record the denial is
   * logged at ERROR (the event id and the exception's class) and left with the decision, so that a
   * log may overstate what was released, never understate it.
   *
   * <p>A decision is withdrawn once: a later call for it, from any thread, records nothing and
   * returns the denial of the first (whose failure is the one recorded), even if no sink could
   * record it. The decision remembers its denial for as long as it is itself referenced.
   *
   * <pre>{@code
   * try {
   *   writer.write(payload);
   * } catch (IOException e) {
   *   if (nothingSent) {
   *     guard.withdraw(decision, e);
   *   }
   *   throw e;
   * }
   * }</pre>
   *
   * @param decision a decision this guard made and recorded, which releases something
   * @param failure what failed; only its class is recorded, never its message
   * @return the denial, with the id of its event (an event that no sink holds if none could record
   *     it); for a decision withdrawn already, the denial that withdrew it
   * @throws IllegalArgumentException if this guard did not make and record the decision, or it
   *     releases nothing
   * @since 0.1.0
   */
  public Decision withdraw(Decision decision, Throwable failure) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(failure, "failure");
    return withdraw(decision, failure, null);
  }

  /**
   * Withdraws a decision, as {@link #withdraw(Decision, Throwable)} does, with the reasons of the
   * refusal given if not null, else with the rule {@code guard.release-failed} naming the failure's
   * class.
   */
  private Decision withdraw(Decision decision, Throwable failure, @Nullable Decision refusal) {
    String decided = decision.auditEventId().orElse(null);
    DisclosureRequest request = decision.madeFor();
    if (decided == null || request == null || !decided.startsWith(eventPrefix)) {
      throw new IllegalArgumentException("only a decision this guard recorded can be withdrawn, but the decision's"
          + " event was " + (decided == null ? "none" : decided));
    }
    if (!decision.permitsAny()) {
      throw new IllegalArgumentException("decision " + decided + " releases nothing, so there is nothing to withdraw");
    }
    Decision earlier = decision.withdrawal();
    if (earlier != null) {
      return earlier;
    }
    Holder holder = request.holder().orElse(config.holder());
    CategorySet requested = policy.categories().toSet(request.categories());
    Decision denied = refusal != null ? refusal.denying(requested) : failClosed(requested, RELEASE_FAILED_RULE, "What the decision"
        + " released could not be written, so nothing of it was disclosed: this denial replaces the decision.",
        failure, decision.packs());
    String eventId = nextEventId();
    Decision recorded = denied.recorded(config.mode(), eventId, request);
    Decision first = decision.withdrawnBy(recorded);
    if (first == recorded) {
      recordReplacing(recorded, eventId, decided, request, holder, pseudonymized(request), "release", sinks);
    }
    return first;
  }

  /**
   * Returns whether an object of the class may hold a protected value, in itself or in what it
   * refers to, as far as its declared types tell: true of every JDK event and exception class, whose
   * source, cause or suppressed exceptions may be anything. A serializer that meets a class for which
   * this is false can write it without consulting the guard.
   *
   * @param type a class
   * @return whether it may hold a protected value
   * @throws InvalidProtectionException if the class is tagged wrongly, or is a stream, an iterator, a
   *     {@code Map.Entry}, an {@code AtomicReference}, a {@code Future} or a {@code Reference}
   */
  public boolean mayHoldProtected(Class<?> type) {
    return redactor.info(Objects.requireNonNull(type, "type")).mayHoldProtected();
  }

  /**
   * Returns whether objects of the class carry a subject id ({@link SubjectId}, or one registered in
   * {@link ProtectedProperties}): whose their protected values, and those of the objects they hold
   * without a subject id of their own, are.
   *
   * @param type a class
   * @return whether it declares or inherits a subject-id property
   * @throws InvalidProtectionException if the class is tagged wrongly
   */
  public boolean identifiesSubject(Class<?> type) {
    return redactor.info(Objects.requireNonNull(type, "type")).declaresSubject;
  }

  /**
   * Returns whether a decision of this guard was made about the person whose data an object is: what
   * the decision releases, it releases of the subjects of its request only, those the request named
   * and those found in its payload, or of every subject for a bulk request. An object whose class has
   * no subject id is about the subject of the object it is in, and this returns true for it (at the
   * top of a payload, in no object, {@link #redact} releases its protected values only under a
   * decision whose payload held such values too, or a bulk one); one whose subject id is null is
   * covered when the decided payload held such an object too. A
   * decision in {@link Mode#MONITOR} covers everything, as it releases everything; one that this
   * guard did not make and record (a {@link Policy}'s alone) covers no object with a subject id.
   *
   * <p>A serializer that writes objects the decided payload reached without the guard seeing them (a
   * getter that computes what it returns) asks this before it writes such an object with the
   * decision, and releases nothing of it otherwise.
   *
   * @param decision a decision of this guard
   * @param value an object about to be released under it
   * @return whether the decision covers the object's subject ids, every one of them
   * @throws InvalidProtectionException if the object's class is tagged wrongly
   */
  public boolean covers(Decision decision, Object value) {
    Objects.requireNonNull(value, "value");
    if (Objects.requireNonNull(decision, "decision").mode() == Mode.MONITOR) {
      return true;
    }
    return redactor.covers(value, decision);
  }

  /**
   * Returns the categories that a value of a declared type may hold, as far as declared types tell:
   * those of its class's protected properties, inherited ones included, and of the classes its
   * properties declare, through collections, maps, optionals, arrays and other iterables ({@code
   * List<Resident>} and Spring Data's {@code Page<Resident>} hold what {@code Resident} holds), with
   * the type variables of a generic class and of its supertypes bound to the arguments they are used
   * with ({@code Reply<Resident>} holds what {@code Resident} does in a property declared {@code T});
   * an application's collection or map class holds what its supertypes are used with ({@code
   * PeopleBy<String> extends HashMap<String, Resident>} holds what {@code Resident} holds). A value
   * of a subclass, or one in a property declared as {@code Object}, may hold more.
   *
   * <p>It lets a service refuse a request before it looks the record up: when a decision on these
   * categories releases none of them, no record of the type would be released either, so the answer
   * can be the same refusal whether or not the record exists. The Spring Boot adapter does so for
   * its handlers' declared return types.
   *
   * @param type a class, or a generic type such as a method's generic return type
   * @return the categories, in no particular order; empty if none
   * @throws InvalidProtectionException if a class it reaches is tagged wrongly
   */
  public Set<Category> declaredCategories(Type type) {
    return redactor.declaredCategories(Objects.requireNonNull(type, "type"));
  }

  /**
   * Returns the categories of a protected property, tagged with {@link Protected} or registered in
   * {@link ProtectedProperties}; empty if the property is not protected. The property is a field, a
   * record component, or the property of a getter ({@code getHomeAddress} for {@code homeAddress}).
   *
   * @param type the class that declares or inherits the property
   * @param property the property's Java name (not a JSON name it may be renamed to)
   * @return its categories, or an empty set
   * @throws InvalidProtectionException if the class is tagged wrongly
   */
  public Set<Category> protectedCategories(Class<?> type, String property) {
    Objects.requireNonNull(property, "property");
    for (Property candidate : redactor.info(Objects.requireNonNull(type, "type")).properties) {
      if (candidate.name.equals(property)) {
        return Set.copyOf(candidate.categoryList);
      }
    }
    return Set.of();
  }

  /** Returns the configuration. */
  public GuardConfig config() {
    return config;
  }

  /** Returns the policy. */
  public Policy policy() {
    return policy;
  }

  /**
   * Records that an obligation of an earlier decision was fulfilled: the subject was notified, the
   * request went to counsel, the document was kept. The record is an event of its own, which the
   * guard log's periodic report matches with the decision's obligations. When counsel has settled a
   * decision that awaited counsel ({@link Outcome#ESCALATE}), fulfil {@link
   * ObligationKind#ESCALATE_TO_COUNSEL} for it: the report counts the escalation resolved.
   *
   * @param decisionEventId the audit event id of the decision, {@link Decision#auditEventId()}
   * @param obligation the kind of obligation fulfilled
   * @param by who fulfilled it: a caseworker's or counsel's id
   * @param at when it was fulfilled
   * @return the id of the fulfilment's event
   * @throws SanctuaryGuardException if an audit sink could not record it
   */
  public String fulfil(String decisionEventId, ObligationKind obligation, String by, Instant at) {
    Objects.requireNonNull(decisionEventId, "decisionEventId");
    Objects.requireNonNull(obligation, "obligation");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    String eventId = nextEventId();
    GuardEvent event = GuardEvent.fulfilment(eventId, id, policy.clock().instant(), config.mode(), decisionEventId,
        obligation, by, at);
    try {
      for (AuditSink sink : sinks) {
        sink.record(event);
      }
    } catch (RuntimeException e) {
      throw new SanctuaryGuardException(
          "the fulfilment of " + obligation.id() + " could not be recorded (" + e.getClass().getName() + ")", e);
    }
    return eventId;
  }

  /** Returns the id of this guard instance, random per instance; it starts every event id. */
  public String id() {
    return id;
  }

  /** Closes the audit sinks, in order; the guard must not be used afterwards. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (AuditSink sink : sinks) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "Guard[" + id + ", " + config + "]";
  }

  /** The request's people as its event records them: none without a pseudonym key. */
  private GuardEvent.Pseudonymized pseudonymized(DisclosureRequest request) {
    if (pseudonyms == null) {
      return GuardEvent.Pseudonymized.NONE;
    }
    List<String> subjects = new ArrayList<>(request.subjects().size());
    for (String subject : request.subjects()) {
      subjects.add(pseudonyms.of(subject));
    }
    LegalBasis basis = request.basis();
    if (!GuardEvent.signedPrivately(basis)) {
      return new GuardEvent.Pseudonymized(subjects, null, null);
    }
    String reference = basis.docket().map(pseudonyms::of).orElse(null);
    return new GuardEvent.Pseudonymized(subjects, pseudonyms.of(basis.signer().get().name()), reference);
  }

  /** A decision that withholds everything requested; names the failure's class, never its message. */
  private static Decision failClosed(CategorySet requested, String rule, String message, Throwable e, List<String> packs) {
    return denied(requested, rule, message, List.of("failure: " + e.getClass().getName()), packs);
  }

  /** A denial of everything requested by one of the guard's own rules. */
  private static Decision denied(CategorySet requested, String rule, String message, List<String> details,
      List<String> packs) {
    return Decision.denyAll(requested, new Reason(rule, null, Confidence.CONFIRMED, message, Disposition.WITHHELD,
        requested, details), packs);
  }

  private static Reason timeRefused(CategorySet requested, Instant claimed, Instant now, Duration skew) {
    String message = "The request is dated " + claimed + " but the guard's clock reads " + now
        + ": a guard decides at its own time, and a request dated more than " + human(skew)
        + " from it is refused, so nothing is released. Leave the request's time out, or decide past"
        + " requests with the policy, not the guard.";
    return new Reason(TIME_RULE, null, Confidence.CONFIRMED, message, Disposition.WITHHELD, requested,
        List.of("request time: " + claimed, "guard clock: " + now));
  }

  /** A skew in whole minutes or seconds as words ("5 minutes"), or else as ISO-8601 ("PT0.5S"). */
  private static String human(Duration skew) {
    long seconds = skew.getSeconds();
    if (skew.getNano() != 0) {
      return skew.toString();
    }
    return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }

  private String nextEventId() {
    return eventPrefix + events.incrementAndGet();
  }
}
