package org.sanctuaryguard.examples.city;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.SignerRole;

/**
 * A document an agency presented, as staff key it in from the paper: a warrant, a subpoena, a
 * detainer, a consent form. The guard does not believe its title: it checks who issued and signed
 * it, its dates and scope, and whether its authenticity was verified.
 *
 * @param type the legal basis: {@code judicial-warrant}, {@code administrative-warrant}, {@code
 *     detainer}, {@code court-order}, {@code required-by-law}, {@code written-consent}, ...
 * @param form the form number, for example {@code I-200}
 * @param issuer the court or agency that issued it
 * @param signer who signed it, and in which role
 * @param issued when it was issued
 * @param expires when it expires, if it says
 * @param docket its docket or reference number
 * @param citation the statute a claimed legal requirement cites
 * @param residents the case numbers it names
 * @param categories the data categories it covers
 * @param verified whether its authenticity was verified (with the court's clerk, for example); not if absent
 * @param verifiedBy who verified it, and how
 * @since 0.1.0
 */
public record DocumentForm(
    @NotBlank String type,
    @Size(max = 32) @Nullable String form,
    @Size(max = 200) @Nullable String issuer,
    @Valid @Nullable SignerForm signer,
    @Nullable LocalDate issued,
    @Nullable LocalDate expires,
    @Size(max = 64) @Nullable String docket,
    @Size(max = 200) @Nullable String citation,
    @Nullable List<@NotBlank String> residents,
    @Nullable List<@NotBlank String> categories,
    @Nullable Boolean verified,
    @Size(max = 200) @Nullable String verifiedBy) {

  /** Shows the document's type, form, issuer and docket, and how many residents it names. */
  @Override
  public String toString() {
    return "DocumentForm[type=" + type + ", form=" + form + ", issuer=" + issuer + ", docket=" + docket
        + ", residents=" + (residents == null ? 0 : residents.size()) + ", categories=" + categories
        + ", verified=" + verified + "]";
  }

  /**
   * Who signed a document.
   *
   * @param name the signer's name and title as printed
   * @param role {@code article-iii-judge}, {@code magistrate-judge}, {@code state-judge}, {@code
   *     immigration-judge}, {@code immigration-officer}, {@code clerk}, {@code attorney} or {@code other}
   * @since 0.1.0
   */
  public record SignerForm(@NotBlank @Size(max = 100) String name, @NotNull String role) {}

  /**
   * Returns the legal basis; an unknown type, role, category or an inconsistent document is
   * reported against the field at fault, under {@code field}.
   */
  LegalBasis toBasis(String field) {
    LegalBasis.Builder basis = LegalBasis.builder(Fields.parse(field + ".type", type, BasisType::of))
        .form(form).issuer(issuer).issued(issued).expires(expires).docket(docket).citation(citation);
    if (signer != null) {
      basis.signer(signer.name(), Fields.parse(field + ".signer.role", signer.role(), SignerRole::of));
    }
    if (residents != null) {
      basis.subjects(residents);
    }
    if (categories != null) {
      Fields.check(field + ".categories", () -> basis.categories(categories));
    }
    if (Boolean.TRUE.equals(verified)) {
      if (verifiedBy == null || verifiedBy.isBlank()) {
        throw new Fields.InvalidFieldException(field + ".verifiedBy",
            "say who verified the document, and how (for example 'Agency counsel, by call to the clerk')");
      }
      basis.authenticity(Authenticity.verifiedBy(verifiedBy));
    }
    return Fields.check(field, basis::build);
  }
}
