package org.sanctuaryguard.examples.city;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;

/**
 * A resident's record as the shelter agency holds it: every personal field is tagged with its data
 * categories, so that the guard releases it only to those the law allows; the case's program,
 * borough and opening date are not personal and always travel.
 *
 * <p>The records of this file show no protected value and no case number in {@code toString()}:
 * Spring MVC and {@code RestClient} log a body at DEBUG, before the adapter redacts it as it writes
 * the JSON, and a log line is no place for a resident's data.
 *
 * @param id the case number, for example {@code C-1001}; the subject of every disclosure
 * @param name the resident's name
 * @param dateOfBirth the date of birth
 * @param alienNumber the A-number, if the resident has one
 * @param immigrationStatus the immigration status the resident reported
 * @param placeOfBirth the place of birth
 * @param homeAddress the last home address
 * @param shelter the shelter and room the resident stays in
 * @param phone a telephone number
 * @param benefits the public benefits the resident receives
 * @param sealedRecord a sealed arrest record (N.Y. CPL 160.50) the agency learned of, if any
 * @param nextCourtDate the resident's next court appearance, if any
 * @param program the intake program
 * @param borough the borough of the case
 * @param caseOpened when the case was opened
 * @since 0.1.0
 */
public record Resident(
    @SubjectId String id,
    @Protected("identity.name") String name,
    @Protected("identity.date-of-birth") LocalDate dateOfBirth,
    @Protected("identity.government-id") @Nullable String alienNumber,
    @Protected("immigration.status") @Nullable String immigrationStatus,
    @Protected("immigration.place-of-birth") @Nullable String placeOfBirth,
    @Protected("location.home-address") @Nullable String homeAddress,
    @Protected("location.shelter") @Nullable String shelter,
    @Protected("contact.phone") @Nullable String phone,
    @Protected("benefits.receipt") @Nullable String benefits,
    @Protected("justice.sealed-record") @Nullable String sealedRecord,
    @Protected("court.appearance") @Nullable LocalDate nextCourtDate,
    String program,
    String borough,
    LocalDate caseOpened) {

  /** Names the case's program, borough and opening date only: the rest is protected. */
  @Override
  public String toString() {
    return "Resident[program=" + program + ", borough=" + borough + ", caseOpened=" + caseOpened
        + ", protected values left out]";
  }

  /** How to reach the resident: what a warrant for a person's whereabouts asks for. */
  public Contact contact() {
    return new Contact(id, name, homeAddress, shelter, phone, borough);
  }

  /** The resident's immigration status and nothing else. */
  public Status status() {
    return new Status(id, immigrationStatus);
  }

  /** What the city's SAVE check sends for the resident (see {@code FederalCalls}). */
  SaveQuery saveQuery() {
    return new SaveQuery(id, name, dateOfBirth, alienNumber, homeAddress);
  }

  /**
   * How to reach a resident.
   *
   * @param id the case number
   * @param name the name
   * @param homeAddress the home address
   * @param shelter the shelter and room
   * @param phone a telephone number
   * @param borough the borough of the case
   * @since 0.1.0
   */
  public record Contact(
      @SubjectId String id,
      @Protected("identity.name") String name,
      @Protected("location.home-address") @Nullable String homeAddress,
      @Protected("location.shelter") @Nullable String shelter,
      @Protected("contact.phone") @Nullable String phone,
      String borough) {

    /** Names the borough only: the rest is protected. */
    @Override
    public String toString() {
      return "Contact[borough=" + borough + ", protected values left out]";
    }
  }

  /**
   * A resident's immigration status alone: what 8 U.S.C. § 1373 is about.
   *
   * @param id the case number
   * @param immigrationStatus the status the resident reported
   * @since 0.1.0
   */
  public record Status(@SubjectId String id, @Protected("immigration.status") @Nullable String immigrationStatus) {

    /** Shows nothing of the record: all of it is protected. */
    @Override
    public String toString() {
      return "Status[protected values left out]";
    }
  }

  /**
   * The query of a status verification. The application form's home address rides along, as it
   * does in many real integrations; the guard strips it, since verification does not need it.
   *
   * @param caseNumber the case number, as the query's reference
   * @param name the name
   * @param dateOfBirth the date of birth
   * @param alienNumber the A-number
   * @param homeAddress the home address, which the guard withholds from SAVE
   * @since 0.1.0
   */
  public record SaveQuery(
      @SubjectId String caseNumber,
      @Protected("identity.name") String name,
      @Protected("identity.date-of-birth") LocalDate dateOfBirth,
      @Protected("identity.government-id") @Nullable String alienNumber,
      @Protected("location.home-address") @Nullable String homeAddress) {

    /** Shows nothing of the query: all of it is protected. */
    @Override
    public String toString() {
      return "SaveQuery[protected values left out]";
    }
  }
}
