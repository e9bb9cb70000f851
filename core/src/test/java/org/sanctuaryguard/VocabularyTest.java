package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identifiers of VOCABULARY.md are a public contract: these tests pin their spelling. */
class VocabularyTest {

  @Test
  void idsWhenListedThenSpelledAsTheVocabularySays() {
    assertThat(ids(RecipientClass.values())).containsExactly("immigration-enforcement", "immigration-adjacent",
        "law-enforcement", "benefits-verification", "city-agency", "data-subject", "public", "other", "unknown");
    assertThat(ids(Purpose.values())).containsExactly("civil-immigration-enforcement", "criminal-immigration-enforcement",
        "criminal-investigation", "counterterrorism", "benefits-verification", "subject-request", "service-delivery",
        "exigent-safety", "litigation", "statistics", "other");
    assertThat(ids(BasisType.values())).containsExactly("judicial-warrant", "court-order", "judicial-subpoena",
        "clerk-subpoena", "administrative-warrant", "detainer", "administrative-subpoena", "written-consent",
        "required-by-law", "exigent-circumstances", "none");
    assertThat(ids(SignerRole.values())).containsExactly("article-iii-judge", "magistrate-judge", "state-judge",
        "immigration-judge", "immigration-officer", "clerk", "attorney", "other");
    assertThat(ids(Holder.values())).containsExactly("city-agency", "correction", "police", "probation",
        "motor-vehicles", "school", "health", "shelter", "social-services", "children-services", "court", "library", "labor");
    assertThat(ids(ObligationKind.values())).containsExactly("log-request", "report-periodic", "notify-subject",
        "notify-privacy-officer", "notify-chief-privacy-officer", "require-recipient-certification",
        "escalate-to-counsel", "capture-documents", "breach-review", "strip-non-status-fields");
    assertThat(ids(Outcome.values())).containsExactly("allow", "allow-redacted", "escalate", "deny");
    assertThat(Facts.standard()).containsOnlyKeys("violent-or-serious-conviction", "terrorist-watchlist-match",
        "publicly-available", "subject-is-minor", "consent-confirmed-with-subject", "bulk");
  }

  @Test
  void ofWhenCaseDiffersThenParses() {
    assertThat(Outcome.of("ALLOW_REDACTED")).isEqualTo(Outcome.ALLOW_REDACTED);
    assertThat(Purpose.of("Exigent-Safety")).isEqualTo(Purpose.EXIGENT_SAFETY);
    assertThat(Confidence.of("u")).isEqualTo(Confidence.UNCONFIRMED);
  }

  @Test
  void ofWhenUnknownThenNamesTheIdAndTheNearestKnownOnes() {
    assertThatThrownBy(() -> RecipientClass.of("immigration-enforcment"))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessage("unknown recipient class 'immigration-enforcment'; did you mean 'immigration-enforcement'?")
        .satisfies(e -> {
          UnknownIdentifierException unknown = (UnknownIdentifierException) e;
          assertThat(unknown.kind()).isEqualTo("recipient class");
          assertThat(unknown.identifier()).isEqualTo("immigration-enforcment");
          assertThat(unknown.suggestions()).containsExactly("immigration-enforcement");
        });
    assertThatThrownBy(() -> Mode.of("audit")).hasMessage("unknown mode 'audit'; known: 'enforce', 'monitor'");
  }

  @Test
  void dispositionWhenComparedThenWithheldIsStrictest() {
    assertThat(Disposition.RELEASED.stricter(Disposition.ESCALATED)).isEqualTo(Disposition.ESCALATED);
    assertThat(Disposition.WITHHELD.stricter(Disposition.ESCALATED)).isEqualTo(Disposition.WITHHELD);
  }

  @Test
  void basisTypeWhenAskedThenKnowsWhichAreJudicial() {
    assertThat(Arrays.stream(BasisType.values()).filter(BasisType::isJudicial))
        .containsExactly(BasisType.JUDICIAL_WARRANT, BasisType.COURT_ORDER, BasisType.JUDICIAL_SUBPOENA);
    assertThat(SignerRole.IMMIGRATION_JUDGE.isJudge()).isFalse();
    assertThat(SignerRole.MAGISTRATE_JUDGE.isJudge()).isTrue();
  }

  private static List<String> ids(Enum<?>[] values) {
    return Arrays.stream(values).map(Object::toString).toList();
  }
}
