package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecipientDirectoryTest {

  private final RecipientDirectory directory = RecipientDirectory.defaults();

  @Test
  void defaultsWhenListedThenHoldEveryRecipientOfTheVocabulary() {
    assertThat(directory.all()).extracting(Recipient::id).contains("ice-ero", "ice-hsi", "cbp", "cbp-usbp", "uscis",
        "uscis-save", "dhs", "jttf", "hsi-task-force", "fusion-center", "nlets-dhs", "lexisnexis-risk",
        "thomson-reuters-clear", "local-287g-partner", "fbi", "dea", "atf", "usao", "state-police", "nypd",
        "city-agency", "data-subject", "public");
    assertThat(directory.get("ice-hsi").parent()).isEqualTo("ice");
    assertThat(directory.get("ice-hsi").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(directory.get("thomson-reuters-clear").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ADJACENT);
    assertThat(directory.get("uscis-save").recipientClass()).isEqualTo(RecipientClass.BENEFITS_VERIFICATION);
  }

  @Test
  void withWhenAnAncestorIsFoundNowhereThenTheCauseNamesTheMissingParent() {
    Recipient unit = Recipient.of("county-unit", "Unit", RecipientClass.OTHER).withParent("county-liaison");
    Recipient desk = Recipient.of("county-desk", "Desk", RecipientClass.OTHER).withParent("county-unit");

    assertThatThrownBy(() -> directory.with(unit, desk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parent 'county-liaison' of recipient 'county-unit' is not in the directory")
        .cause()
        .isInstanceOfSatisfying(UnknownIdentifierException.class, unknown -> {
          assertThat(unknown.kind()).isEqualTo("recipient");
          assertThat(unknown.identifier()).isEqualTo("county-liaison");
        });
  }

  @Test
  void resolveHostWhenSubdomainThenLongestListedSuffixWins() {
    assertThat(directory.resolveHost("www.ice.gov").id()).isEqualTo("ice");
    assertThat(directory.resolveHost("API.SAVE.USCIS.GOV.").id()).isEqualTo("uscis-save");
    assertThat(directory.resolveHost("portal.uscis.gov").id()).isEqualTo("uscis");
    assertThat(directory.resolveHost("intranet.dhs.gov").id()).isEqualTo("dhs");
  }

  @Test
  void resolveWhenNothingMatchesThenUnknownRecipientNamingWhatWasSeen() {
    Recipient unknown = directory.resolveHost("notice.gov.example");

    assertThat(unknown.isUnknown()).isTrue();
    assertThat(unknown.id()).isEqualTo(Recipient.UNKNOWN_ID);
    assertThat(unknown.name()).isEqualTo("unresolved: notice.gov.example");
    assertThat(directory.resolveOri("NY0000000").isUnknown()).isTrue();
  }

  @Test
  void resolveEmailWhenAddressThenByItsDomain() {
    assertThat(directory.resolveEmail("agent@hsi.dhs.gov").id()).isEqualTo("ice-hsi");
    assertThat(directory.resolveEmail("Officer@NYPD.org").id()).isEqualTo("nypd");
    assertThat(directory.resolveEmail("someone@gmail.com").isUnknown()).isTrue();
  }

  @Test
  void withWhenCityAddsAndOverridesThenNewEntriesResolve() {
    RecipientDirectory city = directory.with(
        Recipient.of("nypd", "NYPD", RecipientClass.LAW_ENFORCEMENT).withOriCodes("ny0303000"),
        Recipient.of("nyc-hra", "Human Resources Administration", RecipientClass.CITY_AGENCY).withEmailDomains("hra.nyc.gov"));

    assertThat(city.resolveOri("NY0303000").id()).isEqualTo("nypd");
    assertThat(city.resolveHost("nypd.org").isUnknown()).isTrue();
    assertThat(city.resolveEmail("worker@hra.nyc.gov").id()).isEqualTo("nyc-hra");
    assertThat(directory.find("nyc-hra")).isEmpty();
  }

  @Test
  void withWhenTwoEntriesClaimAHostThenFailsNamingBoth() {
    assertThatThrownBy(() -> directory.with(Recipient.of("shadow", "Shadow", RecipientClass.OTHER).withHosts("ice.gov")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host name 'ice.gov' is claimed by both 'ice' and 'shadow'");
  }

  @Test
  void getWhenUnknownIdThenSuggestsTheNearest() {
    assertThatThrownBy(() -> directory.get("ice-eor"))
        .isInstanceOf(UnknownIdentifierException.class)
        .hasMessage("unknown recipient 'ice-eor'; did you mean 'ice-ero'?");
  }

  @Test
  void recipientWhenMalformedThenNamesTheBadValue() {
    assertThatThrownBy(() -> Recipient.of("ICE ERO", "x", RecipientClass.OTHER))
        .hasMessage("recipient id must be lower-case words joined by '-', but was 'ICE ERO'");
    assertThatThrownBy(() -> Recipient.of("x", "x", RecipientClass.OTHER).withHosts("not a host"))
        .hasMessage("host name of recipient 'x' must look like 'agency.example.gov', but was 'not a host'");
    assertThatThrownBy(() -> Recipient.of("x", "x", RecipientClass.OTHER).withOriCodes("12"))
        .hasMessage("ORI code of recipient 'x' must be 7 to 9 letters and digits, but was '12'");
    assertThatThrownBy(() -> Recipient.of("x", " ", RecipientClass.OTHER)).hasMessage("recipient 'x' needs a name");
  }

  @Test
  void withWhenADivisionOfAnImmigrationAuthorityIsDeclaredLawEnforcementThenItIsAnImmigrationAuthority() {
    RecipientDirectory withUnit = directory.with(Recipient.of("hsi-newark-gang-unit", "HSI Newark gang unit",
        RecipientClass.LAW_ENFORCEMENT).withParent("ice-hsi").withHosts("newark.hsi.ice.gov"));

    assertThat(withUnit.get("hsi-newark-gang-unit").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(withUnit.resolveHost("newark.hsi.ice.gov").recipientClass())
        .isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(withUnit.get("hsi-newark-gang-unit").parent()).isEqualTo("ice-hsi");
  }

  @Test
  void withWhenAnImmigrationClassSitsUnderAStricterOrEqualTierThenItKeepsItsOwn() {
    assertThat(directory.get("hsi-task-force").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ADJACENT);
    assertThat(directory.get("uscis-save").recipientClass()).isEqualTo(RecipientClass.BENEFITS_VERIFICATION);
    assertThat(directory.get("jttf").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ADJACENT);
    RecipientDirectory precinct = directory.with(
        Recipient.of("nypd-precinct", "A precinct", RecipientClass.CITY_AGENCY).withParent("nypd"));
    assertThat(precinct.get("nypd-precinct").recipientClass()).isEqualTo(RecipientClass.LAW_ENFORCEMENT);
  }

  @Test
  void withWhenAParentIsReplacedThenItsChildrenAreClassifiedAgain() {
    RecipientDirectory partner = directory.with(Recipient.of("partner", "Partner", RecipientClass.OTHER),
        Recipient.of("desk", "Desk", RecipientClass.CITY_AGENCY).withParent("partner"));
    assertThat(partner.get("desk").recipientClass()).isEqualTo(RecipientClass.OTHER);

    RecipientDirectory relabelled = partner.with(Recipient.of("partner", "Partner", RecipientClass.IMMIGRATION_ADJACENT));

    assertThat(relabelled.get("desk").recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ADJACENT);
  }

  @Test
  void withWhenAParentIsMissingOrLoopsThenRefusesNamingIt() {
    assertThatThrownBy(() -> directory.with(Recipient.of("desk", "Desk", RecipientClass.CITY_AGENCY).withParent("nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'").hasMessageContaining("'desk'");
    assertThatThrownBy(() -> directory.with(
            Recipient.of("loop-a", "A", RecipientClass.OTHER).withParent("loop-b"),
            Recipient.of("loop-b", "B", RecipientClass.OTHER).withParent("loop-a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("own ancestor");
  }

  @Test
  void requestWhenGivenARecipientOutsideTheDirectoryThenItTakesItsEffectiveClass() {
    Policy policy = TestPacks.shipped();

    DisclosureRequest request = policy.request()
        .recipient(Recipient.of("hsi-unit", "HSI unit", RecipientClass.LAW_ENFORCEMENT).withParent("ice-hsi"))
        .purpose(Purpose.CRIMINAL_INVESTIGATION).categories("location.home-address").subjects("S-1").build();

    assertThat(request.recipient().recipientClass()).isEqualTo(RecipientClass.IMMIGRATION_ENFORCEMENT);
    assertThat(policy.decide(request).outcome()).isEqualTo(Outcome.DENY);
  }
}
