package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegalBasisTest {

  private static final String IMMIGRATION_FORM = "names a form of immigration enforcement (I-200, I-203, I-205, I-286,"
      + " I-247), which an officer signs, not a court: its type is administrative-warrant or detainer";

  @Test
  void problemsWhenJudicialWarrantLacksIssuerSignerAndDateThenNamesEachField() {
    LegalBasis basis = LegalBasis.builder(BasisType.JUDICIAL_WARRANT).build();

    assertThat(basis.problems()).containsExactly(
        "issued: is required for a judicial warrant",
        "issuer: is required for a judicial warrant",
        "signer: is required for a judicial warrant");
  }

  @Test
  void problemsWhenExpiryBeforeIssueThenSaysDatesAreOutOfOrder() {
    LegalBasis basis = TestPacks.article3Warrant("S-1", "contact")
        .issued(LocalDate.of(2026, 6, 1)).expires(LocalDate.of(2026, 5, 1)).build();

    assertThat(basis.problems()).containsExactly("expires: must not be before issued");
  }

  @Test
  void problemsWhenTypeNeedsItsOwnFieldsThenNamesThem() {
    assertThat(LegalBasis.builder(BasisType.REQUIRED_BY_LAW).build().problems())
        .containsExactly("citation: is required for a legal requirement");
    assertThat(LegalBasis.builder(BasisType.EXIGENT_CIRCUMSTANCES).description(" ").build().problems())
        .containsExactly("description: is required for exigent circumstances");
    assertThat(LegalBasis.builder(BasisType.WRITTEN_CONSENT).build().problems()).containsExactly(
        "categories: is required for written consent",
        "signer: is required for written consent",
        "subjects: is required for written consent");
  }

  @Test
  void problemsWhenFieldsAreMalformedThenNamesFieldAndRule() {
    LegalBasis basis = TestPacks.article3Warrant(" ", "Bad Key")
        .form("I-200\nforged line")
        .signer(" ", SignerRole.ARTICLE_III_JUDGE)
        .docket("x".repeat(101))
        .build();

    assertThat(basis.problems()).containsExactly(
        "categories: must be a category key such as location.home-address",
        "docket: must be at most 100 characters",
        "form: must be a form number such as I-247A",
        "form: " + IMMIGRATION_FORM,
        "signer.name: must not be blank",
        "subjects: must not be blank");
  }

  @Test
  void problemsWhenACourtDocumentNamesAFormOfImmigrationEnforcementThenSaysWhatItIs() {
    for (String form : List.of("I-205", "i205", "Form I-200", "I 247A", "I-286")) {
      assertThat(TestPacks.article3Warrant("S-1", "location.home-address").form(form).build().problems())
          .as(form).containsExactly("form: " + IMMIGRATION_FORM);
    }
    for (String form : List.of("AO 93", "I-2050", "SI-205")) {
      assertThat(TestPacks.article3Warrant("S-1", "location.home-address").form(form).build().problems())
          .as(form).isEmpty();
    }
    assertThat(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT).form("I-205").build().problems()).isEmpty();
  }

  @Test
  void problemsWhenCompleteThenNoneAndTheListIsComputedOnce() {
    LegalBasis basis = TestPacks.article3Warrant("S-1", "vehicle.dmv-record").build();

    assertThat(basis.problems()).isEmpty();
    assertThat(basis.problems()).isSameAs(basis.problems());
  }

  @Test
  void noneWhenAskedThenHasNoProblemsAndTypeNone() {
    assertThat(LegalBasis.none().type()).isEqualTo(BasisType.NONE);
    assertThat(LegalBasis.none().problems()).isEmpty();
  }

  @Test
  void toStringWhenFullOfNamesThenShowsOnlyTypeAndForm() {
    LegalBasis basis = TestPacks.article3Warrant("S-SECRET", "contact").form("AO-93").build();

    assertThat(basis).hasToString("LegalBasis[judicial-warrant, form AO-93]");
    assertThat(basis.authenticity()).hasToString("Authenticity[verified]");
    assertThat(basis.signer().orElseThrow()).hasToString("Signer[role=article-iii-judge]");
  }

  @Test
  void authenticityWhenClaimedVerifiedWithoutSayingByWhomThenDoesNotCount() {
    assertThat(Authenticity.of(true, null).verified()).isFalse();
    assertThat(Authenticity.of(true, " ").verified()).isFalse();
    assertThat(Authenticity.of(true, "Counsel").verified()).isTrue();
    assertThat(Authenticity.of(false, null)).isSameAs(Authenticity.notVerified());
  }

  @Test
  void equalsWhenSameContentThenEqual() {
    assertThat(TestPacks.article3Warrant("S-1", "contact").build())
        .isEqualTo(TestPacks.article3Warrant("S-1", "contact").build())
        .isNotEqualTo(TestPacks.article3Warrant("S-2", "contact").build());
  }
}
