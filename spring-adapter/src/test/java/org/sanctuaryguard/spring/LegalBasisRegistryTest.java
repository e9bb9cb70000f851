package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.UnknownIdentifierException;

/** Documents are registered for the agency that presented them, and found only for it. */
class LegalBasisRegistryTest {

  private final RecipientDirectory directory = RecipientDirectory.defaults();
  private final LegalBasisRegistry registry = new LegalBasisRegistry(directory);
  private final LegalBasis warrant = LegalBasis.builder(BasisType.JUDICIAL_WARRANT).docket("26 Cr. 3120").build();

  @Test
  void findPresentedByWhenTheRequesterPresentedItOrIsAComponentOfWhoDidThenFound() {
    registry.register("26-CR-3120", "ice", warrant);

    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice"))).contains(warrant);
    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice-hsi"))).contains(warrant);
    assertThat(registry.find("26-CR-3120")).contains(warrant);
  }

  @Test
  void findPresentedByWhenAnotherAgencyOrNobodyKnownNamesItThenEmpty() {
    registry.register("26-CR-3120", "ice-hsi", warrant);

    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice"))).as("the parent of the presenter").isEmpty();
    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice-ero"))).as("a sibling").isEmpty();
    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("nypd"))).isEmpty();
    assertThat(registry.findPresentedBy("26-CR-3120", Recipient.unknown("an unidentified request"))).isEmpty();
    assertThat(registry.findPresentedBy("26-CR-9999", directory.get("ice-hsi"))).isEmpty();
  }

  @Test
  void registerWhenThePresenterIsUnknownOrNotInTheDirectoryThenRefused() {
    assertThatThrownBy(() -> registry.register("26-CR-3120", "unknown", warrant))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not identify");
    assertThatThrownBy(() -> registry.register("26-CR-3120", "ice-hs", warrant))
        .isInstanceOf(UnknownIdentifierException.class).hasMessageContaining("ice-hsi");
    assertThatThrownBy(() -> registry.register("26 CR 3120", "ice", warrant))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document id");
    assertThat(registry.find("26-CR-3120")).isEmpty();
  }

  @Test
  void removeWhenRegisteredThenNoLongerFound() {
    registry.register("26-CR-3120", "ice", warrant);

    assertThat(registry.remove("26-CR-3120")).isTrue();
    assertThat(registry.remove("26-CR-3120")).isFalse();
    assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice"))).isEmpty();
  }
}
