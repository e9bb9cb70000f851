package org.sanctuaryguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientClass;

class GeneratedPacksTest {

  private static final GeneratedPacks THOUSAND =
      GeneratedPacks.generate(1000, GeneratedPacks.SEED, Disclosures.CATEGORIES);

  @Test
  void generateWhenGivenTheSameSeedThenWritesTheSameDocuments() {
    GeneratedPacks again = GeneratedPacks.generate(1000, GeneratedPacks.SEED, Disclosures.CATEGORIES);

    assertThat(again.documents()).isEqualTo(THOUSAND.documents());
  }

  @Test
  void packsWhenAThousandRulesThenReadsThemIntoValidPacksOfAtMostTwoHundredFifty() {
    List<PolicyPack> packs = THOUSAND.packs();

    assertThat(packs).hasSize(4);
    assertThat(packs).allSatisfy(pack -> assertThat(pack.ruleIds()).hasSize(GeneratedPacks.RULES_PER_PACK));
  }

  @Test
  void rulesInContextWhenAThousandRulesThenEveryBenchmarkRequestMeetsSomeOfThem() {
    long unrestricted = THOUSAND.rulesInContext(
        Holder.CITY_AGENCY, RecipientClass.CITY_AGENCY, Purpose.SERVICE_DELIVERY, BasisType.NONE);
    long administrative = THOUSAND.rulesInContext(Holder.SHELTER, RecipientClass.IMMIGRATION_ENFORCEMENT,
        Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, BasisType.ADMINISTRATIVE_WARRANT);
    long judicial = THOUSAND.rulesInContext(Holder.MOTOR_VEHICLES, RecipientClass.IMMIGRATION_ENFORCEMENT,
        Purpose.CRIMINAL_INVESTIGATION, BasisType.JUDICIAL_WARRANT);

    assertThat(List.of(unrestricted, administrative, judicial)).allSatisfy(count -> assertThat(count).isPositive());
  }

  @Test
  void generateWhenNoRulesThenRejectsTheCount() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> GeneratedPacks.generate(0, GeneratedPacks.SEED, Disclosures.CATEGORIES))
        .withMessageContaining("was 0");
  }
}
