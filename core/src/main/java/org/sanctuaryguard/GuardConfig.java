package org.sanctuaryguard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of a {@link Guard}: its policy, its mode, the kind of agency it guards, where
 * its events go, the key of subject pseudonyms, and how far a request's own time may be from the
 * guard's clock. Built with {@link #custom()} or copied and
 * changed with {@link #from(GuardConfig)}:
 *
 * <pre>{@code
 * GuardConfig config = GuardConfig.custom()
 *     .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state")))
 *     .holder(Holder.SHELTER)
 *     .mode(Mode.MONITOR)
 *     .pseudonymKey(keyBytes)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class GuardConfig {

  private final Policy policy;
  private final Mode mode;
  private final Holder holder;
  private final List<AuditSink> auditSinks;
  private final byte @Nullable [] pseudonymKey;
  private final ProtectedProperties protectedProperties;
  private final Duration maxRequestTimeSkew;

  private GuardConfig(Builder builder, Policy policy) {
    this.policy = policy;
    this.mode = builder.mode;
    this.holder = builder.holder;
    this.auditSinks = List.copyOf(builder.auditSinks);
    this.pseudonymKey = builder.pseudonymKey == null ? null : builder.pseudonymKey.clone();
    this.protectedProperties = builder.protectedProperties;
    this.maxRequestTimeSkew = builder.maxRequestTimeSkew;
  }

  /**
   * Returns a builder with the defaults: enforce, a city agency, events to SLF4J, no pseudonyms, a
   * request time skew of 5 minutes at most.
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Returns a builder holding a copy of {@code config}, to change some of it. */
  public static Builder from(GuardConfig config) {
    Builder builder = new Builder();
    builder.policy = config.policy;
    builder.mode = config.mode;
    builder.holder = config.holder;
    builder.auditSinks.clear();
    builder.auditSinks.addAll(config.auditSinks);
    builder.pseudonymKey = config.pseudonymKey == null ? null : config.pseudonymKey.clone();
    builder.protectedProperties = config.protectedProperties;
    builder.maxRequestTimeSkew = config.maxRequestTimeSkew;
    return builder;
  }

  /** Returns the policy. */
  public Policy policy() {
    return policy;
  }

  /** Returns whether decisions are enforced or only recorded. */
  public Mode mode() {
    return mode;
  }

  /** Returns the kind of agency the guard guards, for requests that name none. */
  public Holder holder() {
    return holder;
  }

  /** Returns where events go, in order. */
  public List<AuditSink> auditSinks() {
    return auditSinks;
  }

  /** Returns the protected properties registered for classes that cannot be annotated. */
  public ProtectedProperties protectedProperties() {
    return protectedProperties;
  }

  /**
   * Returns how far the time a request carries may be from the guard's clock, in the past or the
   * future, before the guard refuses it.
   */
  public Duration maxRequestTimeSkew() {
    return maxRequestTimeSkew;
  }

  /** Returns a copy of the key of subject pseudonyms, if one is set. */
  public Optional<byte[]> pseudonymKey() {
    return Optional.ofNullable(pseudonymKey).map(byte[]::clone);
  }

  /** Shows the policy, mode, holder, sinks and request time skew; says only whether a key is set. */
  @Override
  public String toString() {
    return "GuardConfig[policy=" + policy + ", mode=" + mode + ", holder=" + holder + ", sinks=" + auditSinks
        + ", pseudonymKey=" + (pseudonymKey == null ? "none" : "set") + ", maxRequestTimeSkew=" + maxRequestTimeSkew
        + "]";
  }

  /**
   * Builds a {@link GuardConfig}. Not thread-safe; {@link #build()} validates and copies.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private @Nullable Policy policy;
    private Mode mode = Mode.ENFORCE;
    private Holder holder = Holder.CITY_AGENCY;
    private final List<AuditSink> auditSinks = new ArrayList<>(List.of(AuditSink.slf4j()));
    private byte @Nullable [] pseudonymKey;
    private ProtectedProperties protectedProperties = ProtectedProperties.none();
    private Duration maxRequestTimeSkew = Duration.ofMinutes(5);

    private Builder() {}

    /** Sets the policy; required. */
    public Builder policy(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets whether decisions are enforced or only recorded; {@link Mode#ENFORCE} by default. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the kind of agency the guard guards; {@link Holder#CITY_AGENCY} by default. */
    public Builder holder(Holder holder) {
      this.holder = Objects.requireNonNull(holder, "holder");
      return this;
    }

    /**
     * Sets where events go, in place of the default {@link AuditSink#slf4j()}.
     *
     * @param sinks at least one sink: a guard records every decision
     */
    public Builder auditSinks(AuditSink... sinks) {
      if (sinks.length == 0) {
        throw new IllegalArgumentException("a guard needs at least one audit sink: it records every decision");
      }
      auditSinks.clear();
      Arrays.stream(sinks).map(sink -> Objects.requireNonNull(sink, "sink")).forEach(auditSinks::add);
      return this;
    }

    /**
     * Sets the key of subject pseudonyms (HMAC-SHA-256). Without one, events leave subject ids out.
     *
     * @param key at least 32 random bytes, kept secret; copied
     */
    public Builder pseudonymKey(byte[] key) {
      Objects.requireNonNull(key, "key");
      if (key.length < Pseudonyms.MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "pseudonym key must be at least " + Pseudonyms.MIN_KEY_BYTES + " bytes, but was " + key.length);
      }
      this.pseudonymKey = key.clone();
      return this;
    }

    /**
     * Registers protected properties of classes that cannot be annotated, in addition to {@link
     * Protected} and {@link SubjectId} annotations.
     */
    public Builder protectedProperties(ProtectedProperties registry) {
      this.protectedProperties = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets how far the time a request carries ({@link DisclosureRequest.Builder#at}) may be from the
     * guard's clock, in the past or the future; a request dated further is refused (see {@link
     * Guard}). 5 minutes by default: the clocks of the services that build requests and of the
     * guard drift apart by seconds, never by minutes, and a wider skew lets a caller read an expired
     * warrant as in date for longer.
     *
     * @param skew a positive duration
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder maxRequestTimeSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.isZero()) {
        throw new IllegalArgumentException("maxRequestTimeSkew must be positive, but was " + skew);
      }
      this.maxRequestTimeSkew = skew;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalStateException if no policy was set
     */
    public GuardConfig build() {
      if (policy == null) {
        throw new IllegalStateException("a guard needs a policy: set one with policy(Policy)");
      }
      return new GuardConfig(this, policy);
    }
  }
}
