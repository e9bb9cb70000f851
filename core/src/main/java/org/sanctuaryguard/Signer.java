package org.sanctuaryguard;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who signed a document, and in what role. The role, not the title of the form, decides whether a
 * document is judicial: an immigration judge or an immigration officer is not a judge in that
 * sense.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Signer {

  @NotBlank(message = "must not be blank")
  @Size(max = 200, message = "must be at most {max} characters")
  private final String name;

  @NotNull(message = "must be given")
  private final SignerRole role;

  private Signer(String name, SignerRole role) {
    this.name = name;
    this.role = role;
  }

  /**
   * Returns a signer.
   *
   * @param name the name as printed on the document
   * @param role the role in which they signed
   * @return the signer
   */
  public static Signer of(String name, SignerRole role) {
    return new Signer(Objects.requireNonNull(name, "name"), Objects.requireNonNull(role, "role"));
  }

  /** Returns the name as printed on the document. */
  public String name() {
    return name;
  }

  /** Returns the role in which they signed. */
  public SignerRole role() {
    return role;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Signer signer && name.equals(signer.name) && role == signer.role;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, role);
  }

  @Override
  public String toString() {
    return "Signer[role=" + role + "]";
  }
}
