package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which citations a rule's citation test takes for the statute it names. */
class CitationsTest {

  private static final List<String> SECTION_1373 = List.of(Citations.normalize("8 U.S.C. § 1373"));

  @Test
  void anyMatchWhenTheStatuteIsCitedInAnyUsualFormThenMatches() {
    assertThat(List.of("8 U.S.C. § 1373", "8 USC 1373(a)", "Section 1373 of Title 8, United States Code",
        "section 1373 of title 8 of the United States Code", "8 U.S.C. §§ 1357, 1373", "8 U.S.C. §§ 1357; 1373",
        "INA § 287; 8 U.S.C. § 1357, § 1373"))
        .allSatisfy(citation -> assertThat(Citations.anyMatch(citation, SECTION_1373)).as(citation).isTrue());
  }

  @Test
  void anyMatchWhenAnotherStatuteOrSectionIsCitedThenNot() {
    assertThat(List.of("8 U.S.C. § 13731", "8 U.S.C. § 1357", "18 U.S.C. §§ 1357, 1373", "42 U.S.C. § 1373",
        "Section 1373 of Title 18, United States Code", "Pub. L. 104-208, 1373"))
        .allSatisfy(citation -> assertThat(Citations.anyMatch(citation, SECTION_1373)).as(citation).isFalse());
  }
}
