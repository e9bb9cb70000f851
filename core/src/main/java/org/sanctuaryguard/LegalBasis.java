package org.sanctuaryguard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The document or ground a recipient presents for a request: a judicial warrant, an administrative
 * warrant, a detainer, consent, a statute, exigent circumstances, or nothing.
 *
 * <p>A basis is a record of what was presented, not a judgement of it: building one never fails on
 * its content. Its structure is checked with Bean Validation (required fields for its type, dates in
 * order), and each pack then tests it (issuer a court, signer a judge, in date, in scope,
 * authenticity verified); a basis that fails says which check failed, in the decision's reasons.
 *
 * <pre>{@code
 * LegalBasis warrant = LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
 *     .issuer("United States District Court for the Southern District of New York")
 *     .signer("Hon. A. Judge", SignerRole.ARTICLE_III_JUDGE)
 *     .issued(LocalDate.of(2026, 5, 28))
 *     .expires(LocalDate.of(2026, 6, 11))
 *     .docket("26-MJ-01234")
 *     .subjects("C-2013")
 *     .categories("vehicle.dmv-record")
 *     .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the type and form only.
 *
 * @since 0.1.0
 */
@CompleteBasis
public final class LegalBasis {

  private static final LegalBasis NONE = builder(BasisType.NONE).build();

  @NotNull(message = "must be given")
  private final BasisType type;

  @Size(max = 32, message = "must be at most {max} characters")
  @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 .()/-]*", message = "must be a form number such as I-247A")
  private final @Nullable String form;

  @Size(max = 300, message = "must be at most {max} characters")
  private final @Nullable String issuer;

  @Valid private final @Nullable Signer signer;

  private final @Nullable LocalDate issued;
  private final @Nullable LocalDate expires;

  @Size(max = 100, message = "must be at most {max} characters")
  private final @Nullable String docket;

  @Size(max = 300, message = "must be at most {max} characters")
  private final @Nullable String citation;

  @Size(max = 2000, message = "must be at most {max} characters")
  private final @Nullable String description;

  @Size(max = 10_000, message = "must list at most {max} subjects")
  private final Set<
          @NotBlank(message = "must not be blank") @Size(max = 128, message = "must be at most {max} characters")
          String>
      subjects;

  private final Set<
          @Pattern(
              regexp = "[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*",
              message = "must be a category key such as location.home-address")
          String>
      categories;

  @Valid private final Authenticity authenticity;

  @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a recipient id such as ice-ero")
  private final @Nullable String recipient;

  private final @Nullable Purpose purpose;

  private volatile @Nullable List<String> problems;

  private LegalBasis(Builder b) {
    this.type = b.type;
    this.form = b.form;
    this.issuer = b.issuer;
    this.signer = b.signer;
    this.issued = b.issued;
    this.expires = b.expires;
    this.docket = b.docket;
    this.citation = b.citation;
    this.description = b.description;
    this.subjects = Set.copyOf(b.subjects);
    this.categories = Set.copyOf(b.categories);
    this.authenticity = b.authenticity;
    this.recipient = b.recipient;
    this.purpose = b.purpose;
  }

  /** Returns the basis of a request that presents nothing. */
  public static LegalBasis none() {
    return NONE;
  }

  /**
   * Returns a builder for a basis of the given type.
   *
   * @param type what the document claims to be
   * @return a new builder
   */
  public static Builder builder(BasisType type) {
    return new Builder(Objects.requireNonNull(type, "type"));
  }

  /** Returns what the document claims to be. */
  public BasisType type() {
    return type;
  }

  /** Returns the form number, for example {@code "I-247A"}, if it has one. */
  public Optional<String> form() {
    return Optional.ofNullable(form);
  }

  /** Returns the issuer as printed: a court's name or an agency's. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** Returns who signed it, and in what role. */
  public Optional<Signer> signer() {
    return Optional.ofNullable(signer);
  }

  /** Returns the date it was issued. */
  public Optional<LocalDate> issued() {
    return Optional.ofNullable(issued);
  }

  /** Returns the last day it may be executed, if it has one. */
  public Optional<LocalDate> expires() {
    return Optional.ofNullable(expires);
  }

  /** Returns the docket or reference number. */
  public Optional<String> docket() {
    return Optional.ofNullable(docket);
  }

  /** Returns the statute or regulation cited, for a basis of type {@code required-by-law}. */
  public Optional<String> citation() {
    return Optional.ofNullable(citation);
  }

  /** Returns the free-text description, for example of an emergency. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Returns the subject ids the document names; {@code "*"} stands for every subject. */
  public Set<String> subjects() {
    return subjects;
  }

  /** Returns the keys of the categories the document covers. */
  public Set<String> categories() {
    return categories;
  }

  /** Returns whether its authenticity was verified, and by whom. */
  public Authenticity authenticity() {
    return authenticity;
  }

  /** Returns the recipient id that consent is bound to, if any. */
  public Optional<String> recipient() {
    return Optional.ofNullable(recipient);
  }

  /** Returns the purpose that consent is bound to, if any. */
  public Optional<Purpose> purpose() {
    return Optional.ofNullable(purpose);
  }

  /**
   * Returns what is structurally wrong with the document, each as {@code "field: problem"}, for
   * example {@code "signer: is required for a judicial warrant"}; empty if nothing is. Checked with
   * Bean Validation once, on first call.
   */
  public List<String> problems() {
    List<String> found = problems;
    if (found == null) {
      found = BasisValidation.problems(this);
      problems = found;
    }
    return found;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LegalBasis b
        && type == b.type
        && Objects.equals(form, b.form)
        && Objects.equals(issuer, b.issuer)
        && Objects.equals(signer, b.signer)
        && Objects.equals(issued, b.issued)
        && Objects.equals(expires, b.expires)
        && Objects.equals(docket, b.docket)
        && Objects.equals(citation, b.citation)
        && Objects.equals(description, b.description)
        && subjects.equals(b.subjects)
        && categories.equals(b.categories)
        && authenticity.equals(b.authenticity)
        && Objects.equals(recipient, b.recipient)
        && purpose == b.purpose;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, form, issuer, signer, issued, expires, docket, subjects, categories);
  }

  /** Shows the type and the form number only: nothing a resident or an officer wrote. */
  @Override
  public String toString() {
    return "LegalBasis[" + type + (form == null ? "" : ", form " + form) + "]";
  }

  /**
   * Builds a {@link LegalBasis}. Not thread-safe; {@link #build()} copies.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private final BasisType type;
    private @Nullable String form;
    private @Nullable String issuer;
    private @Nullable Signer signer;
    private @Nullable LocalDate issued;
    private @Nullable LocalDate expires;
    private @Nullable String docket;
    private @Nullable String citation;
    private @Nullable String description;
    private final Set<String> subjects = new LinkedHashSet<>();
    private final Set<String> categories = new LinkedHashSet<>();
    private Authenticity authenticity = Authenticity.notVerified();
    private @Nullable String recipient;
    private @Nullable Purpose purpose;

    private Builder(BasisType type) {
      this.type = type;
    }

    /** Sets the form number, for example {@code "I-205"}. */
    public Builder form(@Nullable String form) {
      this.form = form;
      return this;
    }

    /** Sets the issuer as printed: a court's name or an agency's. */
    public Builder issuer(@Nullable String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Sets who signed the document. */
    public Builder signer(@Nullable Signer signer) {
      this.signer = signer;
      return this;
    }

    /** Sets who signed the document, by name and role. */
    public Builder signer(String name, SignerRole role) {
      return signer(Signer.of(name, role));
    }

    /** Sets the date of issue. */
    public Builder issued(@Nullable LocalDate issued) {
      this.issued = issued;
      return this;
    }

    /** Sets the last day the document may be executed. */
    public Builder expires(@Nullable LocalDate expires) {
      this.expires = expires;
      return this;
    }

    /** Sets the docket or reference number. */
    public Builder docket(@Nullable String docket) {
      this.docket = docket;
      return this;
    }

    /** Sets the statute or regulation cited. */
    public Builder citation(@Nullable String citation) {
      this.citation = citation;
      return this;
    }

    /** Sets a free-text description, for example of an emergency. */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Adds subject ids the document names; {@code "*"} stands for every subject. */
    public Builder subjects(String... subjectIds) {
      return subjects(Arrays.asList(subjectIds));
    }

    /** Adds subject ids the document names. */
    public Builder subjects(Iterable<String> subjectIds) {
      subjectIds.forEach(id -> subjects.add(Objects.requireNonNull(id, "subject id")));
      return this;
    }

    /** Adds keys of categories the document covers. */
    public Builder categories(String... keys) {
      return categories(Arrays.asList(keys));
    }

    /** Adds keys of categories the document covers. */
    public Builder categories(Iterable<String> keys) {
      keys.forEach(key -> categories.add(Objects.requireNonNull(key, "category key")));
      return this;
    }

    /** Sets whether the document's authenticity was verified, and by whom. */
    public Builder authenticity(Authenticity authenticity) {
      this.authenticity = Objects.requireNonNull(authenticity, "authenticity");
      return this;
    }

    /** Binds consent to a recipient id. */
    public Builder recipient(@Nullable String recipientId) {
      this.recipient = recipientId;
      return this;
    }

    /** Binds consent to a purpose. */
    public Builder purpose(@Nullable Purpose purpose) {
      this.purpose = purpose;
      return this;
    }

    /** Returns the basis. Never fails on content: see {@link LegalBasis#problems()}. */
    public LegalBasis build() {
      return new LegalBasis(this);
    }
  }
}
