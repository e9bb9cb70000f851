package org.sanctuaryguard;

import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a document's authenticity was verified (with the court's docket or clerk, for example),
 * and by whom. A judicial document is taken as authentic only once verified; until then a request
 * resting on it is escalated to counsel.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Authenticity {

  private static final Authenticity NOT_VERIFIED = new Authenticity(false, null);

  private final boolean verified;

  @Size(max = 200, message = "must be at most {max} characters")
  private final @Nullable String by;

  private Authenticity(boolean verified, @Nullable String by) {
    this.verified = verified;
    this.by = by;
  }

  /** Returns the authenticity of a document nobody has verified. */
  public static Authenticity notVerified() {
    return NOT_VERIFIED;
  }

  /**
   * Returns the authenticity of a document verified by someone.
   *
   * @param by who verified it and how, for example "Agency counsel, by call to the clerk"
   * @return the authenticity
   */
  public static Authenticity verifiedBy(String by) {
    return new Authenticity(true, Objects.requireNonNull(by, "by"));
  }

  /**
   * Returns an authenticity as read from a file, where {@code verified} may be claimed without
   * saying by whom; such a claim does not count as verified.
   *
   * @param verified whether it is claimed to be verified
   * @param by who verified it, or null
   * @return the authenticity
   */
  public static Authenticity of(boolean verified, @Nullable String by) {
    return !verified && by == null ? NOT_VERIFIED : new Authenticity(verified, by);
  }

  /** Returns whether the document counts as verified: claimed so, and by someone named. */
  public boolean verified() {
    return verified && by != null && !by.isBlank();
  }

  /** Returns who verified the document, if anyone is named. */
  public Optional<String> by() {
    return Optional.ofNullable(by);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Authenticity a && verified == a.verified && Objects.equals(by, a.by);
  }

  @Override
  public int hashCode() {
    return Objects.hash(verified, by);
  }

  @Override
  public String toString() {
    return verified() ? "Authenticity[verified]" : "Authenticity[not verified]";
  }
}
