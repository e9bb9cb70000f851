package org.sanctuaryguard;

import static org.sanctuaryguard.RecipientClass.BENEFITS_VERIFICATION;
import static org.sanctuaryguard.RecipientClass.CITY_AGENCY;
import static org.sanctuaryguard.RecipientClass.DATA_SUBJECT;
import static org.sanctuaryguard.RecipientClass.IMMIGRATION_ADJACENT;
import static org.sanctuaryguard.RecipientClass.IMMIGRATION_ENFORCEMENT;
import static org.sanctuaryguard.RecipientClass.LAW_ENFORCEMENT;
import static org.sanctuaryguard.RecipientClass.PUBLIC;

import java.util.List;

/**
 * The entries of the default directory. Host names and e-mail domains are listed only where the
 * agency's own are well known; a city adds the rest (and every ORI code) for its own partners.
 */
final class DefaultRecipients {

  private DefaultRecipients() {}

  static List<Recipient> all() {
    return List.of(
        Recipient.of("dhs", "U.S. Department of Homeland Security", IMMIGRATION_ENFORCEMENT)
            .withHosts("dhs.gov")
            .withEmailDomains("dhs.gov"),
        Recipient.of("ice", "U.S. Immigration and Customs Enforcement", IMMIGRATION_ENFORCEMENT)
            .withParent("dhs")
            .withHosts("ice.gov", "ice.dhs.gov")
            .withEmailDomains("ice.dhs.gov"),
        Recipient.of("ice-ero", "ICE Enforcement and Removal Operations", IMMIGRATION_ENFORCEMENT)
            .withParent("ice"),
        Recipient.of("ice-hsi", "ICE Homeland Security Investigations", IMMIGRATION_ENFORCEMENT)
            .withParent("ice")
            .withEmailDomains("hsi.dhs.gov"),
        Recipient.of("cbp", "U.S. Customs and Border Protection", IMMIGRATION_ENFORCEMENT)
            .withParent("dhs")
            .withHosts("cbp.gov", "cbp.dhs.gov")
            .withEmailDomains("cbp.dhs.gov"),
        Recipient.of("cbp-usbp", "U.S. Border Patrol", IMMIGRATION_ENFORCEMENT).withParent("cbp"),
        Recipient.of("uscis", "U.S. Citizenship and Immigration Services", IMMIGRATION_ENFORCEMENT)
            .withParent("dhs")
            .withHosts("uscis.gov", "uscis.dhs.gov")
            .withEmailDomains("uscis.dhs.gov"),
        Recipient.of(
                "uscis-save",
                "USCIS Systematic Alien Verification for Entitlements (SAVE)",
                BENEFITS_VERIFICATION)
            .withParent("uscis")
            .withHosts("save.uscis.gov"),
        Recipient.of("jttf", "Joint Terrorism Task Force", IMMIGRATION_ADJACENT).withParent("fbi"),
        Recipient.of("hsi-task-force", "HSI-led task force", IMMIGRATION_ADJACENT).withParent("ice-hsi"),
        Recipient.of("fusion-center", "Fusion center", IMMIGRATION_ADJACENT),
        Recipient.of("nlets-dhs", "Nlets query under a DHS originating agency", IMMIGRATION_ADJACENT),
        Recipient.of("lexisnexis-risk", "LexisNexis Risk Solutions (Accurint)", IMMIGRATION_ADJACENT)
            .withHosts("risk.lexisnexis.com", "accurint.com"),
        Recipient.of("thomson-reuters-clear", "Thomson Reuters CLEAR", IMMIGRATION_ADJACENT)
            .withHosts("clear.thomsonreuters.com"),
        Recipient.of("local-287g-partner", "Local agency with a 287(g) agreement", IMMIGRATION_ADJACENT),
        Recipient.of("fbi", "Federal Bureau of Investigation", LAW_ENFORCEMENT)
            .withHosts("fbi.gov")
            .withEmailDomains("fbi.gov"),
        Recipient.of("dea", "Drug Enforcement Administration", LAW_ENFORCEMENT)
            .withHosts("dea.gov")
            .withEmailDomains("dea.gov"),
        Recipient.of("atf", "Bureau of Alcohol, Tobacco, Firearms and Explosives", LAW_ENFORCEMENT)
            .withHosts("atf.gov")
            .withEmailDomains("atf.gov"),
        Recipient.of("usao", "United States Attorney's Office", LAW_ENFORCEMENT),
        Recipient.of("state-police", "State police", LAW_ENFORCEMENT),
        Recipient.of("nypd", "New York City Police Department", LAW_ENFORCEMENT)
            .withHosts("nypd.org")
            .withEmailDomains("nypd.org"),
        Recipient.of("city-agency", "Another agency of the city", CITY_AGENCY),
        Recipient.of("data-subject", "The data subject or an authorized representative", DATA_SUBJECT),
        Recipient.of("public", "Publication or open-data release", PUBLIC));
  }
}
