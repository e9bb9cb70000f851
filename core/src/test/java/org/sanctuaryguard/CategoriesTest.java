package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoriesTest {

  private final Categories standard = Categories.standard();

  @Test
  void standardWhenListedThenHoldsEveryKeyOfTheVocabulary() {
    assertThat(standard.all()).hasSize(58);
    assertThat(standard.all()).extracting(Category::key).contains("identity.government-id", "immigration.place-of-birth",
        "location.shelter", "custody.release-date", "court.appearance", "justice.sealed-record", "victim.status",
        "family.members", "demographic.gender-identity", "vehicle.license-plate");
  }

  @Test
  void coversWhenParentThenCoversChildrenButNotSiblingsOrLookalikes() {
    Category immigration = standard.get("immigration");
    Category status = standard.get("immigration.status");

    assertThat(immigration.covers(status)).isTrue();
    assertThat(status.covers(immigration)).isFalse();
    assertThat(status.overlaps(immigration)).isTrue();
    assertThat(status.covers(standard.get("immigration.citizenship"))).isFalse();
    assertThat(status.parent()).contains(immigration);
    assertThat(immigration.parent()).isEmpty();
  }

  @Test
  void withWhenCityAddsKeysThenTheyJoinTheHierarchy() {
    Categories city = standard.with("housing", "Housing").with("housing.voucher", "Vouchers").with("benefits.snap", "SNAP");

    assertThat(city.get("housing").covers(city.get("housing.voucher"))).isTrue();
    assertThat(city.get("benefits").covers(city.get("benefits.snap"))).isTrue();
    assertThat(standard.find("housing")).isEmpty();
  }

  @Test
  void withWhenKeyIsMalformedDuplicateOrOrphanThenSaysWhy() {
    assertThatThrownBy(() -> standard.with("Housing Voucher", "x"))
        .hasMessage("category key must be lower-case words joined by '-' and levels by '.', but was 'Housing Voucher'");
    assertThatThrownBy(() -> standard.with("identity.name", "x")).hasMessage("category 'identity.name' is already defined");
    assertThatThrownBy(() -> standard.with("housing.voucher", "x"))
        .hasMessage("category 'housing.voucher' needs its parent 'housing' to be defined first");
  }

  @Test
  void getWhenUnknownThenSuggestsTheNearestKey() {
    assertThatThrownBy(() -> standard.get("immigration.stauts"))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessageContaining("unknown category 'immigration.stauts'; did you mean 'immigration.status'");
  }

  @Test
  void setOfWhenBuiltThenBehavesAsASetInTaxonomyOrder() {
    Set<Category> set = standard.setOf(List.of("location.home-address", "identity.name"));

    assertThat(set).extracting(Category::key).containsExactly("identity.name", "location.home-address");
    assertThat(set).contains(standard.get("identity.name")).doesNotContain(standard.get("identity"));
    assertThat(set).isEqualTo(Set.of(standard.get("identity.name"), standard.get("location.home-address")));
    assertThat(set.hashCode()).isEqualTo(Set.of(standard.get("identity.name"), standard.get("location.home-address")).hashCode());
  }
}
