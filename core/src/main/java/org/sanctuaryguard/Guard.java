package org.sanctuaryguard;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard at a disclosure point: it decides each request with its policy, records the decision
 * as a guard event, and returns the decision with the event's id.
 *
 * {@snippet :
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
 * }
 *
 * <p>The guard fails closed: in {@link Mode#ENFORCE}, an error while evaluating, or an event that
 * cannot be recorded, ends in a decision that withholds everything and says why. In {@link
 * Mode#MONITOR} the decision is what the policy would have done, everything is released, and a
 * decision that would have withheld anything carries a {@code breach-review} obligation.
 *
 * <p>Thread-safe. {@link #close()} closes the audit sinks.
 *
 * @since 0.1.0
 */
public final class Guard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final String MONITOR_RULE = "guard.monitor-release";
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
  private final String stream;
  private final AtomicLong sequence = new AtomicLong();

  private Guard(GuardConfig config) {
    this.config = config;
    this.policy = config.policy();
    this.sinks = config.auditSinks();
    this.pseudonyms = config.pseudonymKey().map(Pseudonyms::new).orElse(null);
    this.stream = newStreamId();
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

  /** Returns a builder of a request against the policy's vocabulary. */
  public DisclosureRequest.Builder request() {
    return policy.request();
  }

  /**
   * Decides a request, records the decision, and returns it with the id of its event. Without a
   * holder in the request, the guard's holder applies.
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
      decision = policy.decide(request, holder);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      LOG.error("guard evaluation failed ({}); the request is denied", e.getClass().getName());
      failure = "evaluation";
      decision = failClosed(request, "guard.evaluation-failed",
          "The guard could not evaluate this request, so nothing is released (it fails closed).", e, List.of());
    }
    long number = sequence.incrementAndGet();
    String eventId = stream + "-" + number;
    if (mode == Mode.MONITOR && decision.outcome() != Outcome.ALLOW) {
      decision = decision.withReason(MONITOR_REASON, new Obligation(ObligationKind.BREACH_REVIEW, null, List.of(MONITOR_RULE)));
    }
    Decision recorded = decision.recorded(mode, eventId);
    try {
      GuardEvent event = new GuardEvent(eventId, stream, number, policy.clock().instant(), request, holder, recorded,
          subjects(request), failure);
      for (AuditSink sink : sinks) {
        sink.record(event);
      }
      return recorded;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      if (mode == Mode.MONITOR) {
        LOG.error("GUARD EVENT NOT RECORDED ({}): monitor mode releases anyway; fix the audit sink", e.getClass().getName());
        return recorded;
      }
      LOG.error("guard event could not be recorded ({}); the request is denied", e.getClass().getName());
      return failClosed(request, "guard.audit-failed",
              "The decision could not be recorded in the guard log, so nothing is released:"
                  + " a disclosure that cannot be audited is not made.", e, recorded.packs())
          .recorded(mode, eventId);
    }
  }

  /** Returns the configuration. */
  public GuardConfig config() {
    return config;
  }

  /** Returns the policy. */
  public Policy policy() {
    return policy;
  }

  /** Returns the id of this guard's stream of events, random per guard instance. */
  public String streamId() {
    return stream;
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
    return "Guard[" + stream + ", " + config + "]";
  }

  private List<String> subjects(DisclosureRequest request) {
    if (pseudonyms == null) {
      return List.of();
    }
    List<String> result = new ArrayList<>(request.subjects().size());
    for (String subject : request.subjects()) {
      result.add(pseudonyms.of(subject));
    }
    return result;
  }

  /** A decision that withholds everything requested; names the failure's class, never its message. */
  private Decision failClosed(DisclosureRequest request, String rule, String message, Throwable e, List<String> packs) {
    CategorySet requested = policy.categories().toSet(request.categories());
    Reason reason = new Reason(rule, null, Confidence.CONFIRMED, message, Disposition.WITHHELD, requested,
        List.of("failure: " + e.getClass().getName()));
    return Decision.denyAll(requested, reason, packs);
  }

  private static String newStreamId() {
    SecureRandom random = new SecureRandom();
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(id);
  }

}
