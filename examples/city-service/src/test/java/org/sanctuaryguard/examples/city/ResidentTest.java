package org.sanctuaryguard.examples.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resident's records say nothing protected in {@code toString()}, which Spring logs at DEBUG. */
class ResidentTest {

  private final Resident resident = new Resident("C-7001", "Ines Fixture", LocalDate.of(1988, 1, 31),
      "A-000-999-001", "Refugee (fixture)", "Nowhere (fixture)", "9 Fixture Way, Bronx", "Test Shelter, room 3",
      "555-0199", "SNAP (fixture)", "Sealed (fixture)", LocalDate.of(2027, 5, 4), "Single adults intake", "Bronx",
      LocalDate.of(2026, 9, 1));

  @Test
  void toStringWhenCalledThenNoProtectedValueNorCaseNumber() {
    String[] shown = {resident.toString(), resident.contact().toString(), resident.status().toString(),
        resident.saveQuery().toString()};

    for (String text : shown) {
      assertThat(text).doesNotContain(WalkthroughTest.protectedValues(resident).values()).doesNotContain("C-7001");
    }
    assertThat(shown[0]).contains("Single adults intake", "Bronx", "2026-09-01");
  }

  @Test
  void toStringWhenFormsAndSaveQueriesAreLoggedThenNoCaseNumberNorQueryValue() {
    DocumentForm document = new DocumentForm("administrative-warrant", "I-200", "DHS ICE",
        new DocumentForm.SignerForm("R. Roe", "immigration-officer"), null, null, "26-ICE-1", null,
        List.of("C-7001"), List.of("location.home-address"), false, null);
    IntakeForm intake = new IntakeForm("phone", "ICE ERO", new IntakeForm.Officer("R. Roe", "B-1"),
        "civil-immigration-enforcement", List.of("C-7001", "C-7002"), null, document, Map.of(), null);
    String[] shown = {intake.toString(), document.toString(),
        new StaffController.Registration("26-ICE-1", "ice-ero", document).toString(),
        new SaveService.Received("POST", "/verify?alien=A-000-999-001", "{\"lastName\":\"Fixture\"}").toString()};

    for (String text : shown) {
      assertThat(text).doesNotContain("C-7001", "C-7002", "A-000-999-001", "Fixture");
    }
    assertThat(shown[0]).contains("residents=2", "ICE ERO");
    assertThat(new IntakeForm("email", "r.roe@ice.dhs.gov", intake.officer(), intake.purpose(), intake.residents(),
        null, null, null, null).toString()).contains("agency=*@ice.dhs.gov").doesNotContain("r.roe");
    assertThat(shown[3]).isEqualTo("Received[POST /verify, body of 22 chars]");
  }
}
