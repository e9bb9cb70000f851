package org.sanctuaryguard.spring.city;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.SubjectId;

/** What the city service holds: canary values that must never reach a requester who is refused them. */
public final class Model {

  public static final String NAME = "CANARY-NAME-7F3A";
  public static final String STATUS = "CANARY-STATUS-91C2";
  public static final String ADDRESS = "CANARY-ADDRESS-5D0E";
  public static final String PHONE = "CANARY-PHONE-22B8";
  public static final String SUBJECT = "C-1001";

  private Model() {}

  /** A resident's record, with immigration status. */
  public record Resident(
      @SubjectId String clientId,
      @Protected("identity.name") String name,
      @Protected("immigration.status") String status,
      @Protected("location.home-address") String homeAddress,
      String office) {}

  /** How to reach a resident: no immigration status. */
  public record Contact(
      @SubjectId String clientId,
      @Protected("identity.name") String name,
      @Protected("location.home-address") String homeAddress,
      String office) {}

  /**
   * Who called about a resident: their own name, and the resident's record through a getter with no
   * field behind it.
   */
  public record Caller(@SubjectId String clientId, @Protected("identity.name") String name) {

    @JsonProperty("resident")
    public Resident resident() {
      return Model.resident();
    }
  }

  /**
   * A resident's contact details and, through a getter with no field behind it, those of the
   * resident's neighbour: another resident, looked up elsewhere, whom the guard does not see when it
   * decides the response.
   */
  public record Neighbours(Contact contact) {

    public static final String NEIGHBOUR = "C-1002";
    public static final String NEIGHBOUR_NAME = "CANARY-NEIGHBOUR-NAME-3B1D";
    public static final String NEIGHBOUR_ADDRESS = "CANARY-NEIGHBOUR-ADDRESS-8E47";

    @JsonProperty("nextDoor")
    public Contact nextDoor() {
      return new Contact(NEIGHBOUR, NEIGHBOUR_NAME, NEIGHBOUR_ADDRESS, "Canal St");
    }
  }

  /**
   * A referral to a partner's intake: no protected value of its own, and the resident it is about
   * through a getter with no field behind it, which the guard does not see when it decides a body.
   */
  public record Referral(String office) {

    @JsonProperty("resident")
    public Resident resident() {
      return Model.resident();
    }
  }

  /** Nothing protected. */
  public record Office(String name, String borough) {}

  /** A generated class that cannot be annotated: its protection is registered by properties. */
  public static class ClientDto {
    private String clientNumber = SUBJECT;
    private String phone = PHONE;
    private String borough = "Queens";

    public String getClientNumber() {
      return clientNumber;
    }

    public void setClientNumber(String clientNumber) {
      this.clientNumber = clientNumber;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String phone) {
      this.phone = phone;
    }

    public String getBorough() {
      return borough;
    }

    public void setBorough(String borough) {
      this.borough = borough;
    }
  }

  public static Resident resident() {
    return new Resident(SUBJECT, NAME, STATUS, ADDRESS, "Canal St");
  }

  public static Contact contact() {
    return new Contact(SUBJECT, NAME, ADDRESS, "Canal St");
  }

  /** An Article III judge's warrant under that docket, in date today, naming no one and nothing yet; not verified. */
  public static LegalBasis.Builder judgesWarrant(String docket) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the Southern District of New York")
        .signer("Hon. Miriam Okafor", SignerRole.ARTICLE_III_JUDGE)
        .issued(today.minusDays(2))
        .expires(today.plusDays(12))
        .docket(docket);
  }

  /** An Article III judge's warrant for the subject's name and home address, in date today; not verified. */
  public static LegalBasis.Builder warrant() {
    return judgesWarrant("26 Cr. 3120 (MO)").subjects(SUBJECT).categories("identity.name", "location.home-address");
  }

  /** The same warrant, verified by counsel. */
  public static LegalBasis verifiedWarrant() {
    return warrant().authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk")).build();
  }

  /**
   * The subject's written consent to disclose their whole record ({@link Resident}'s categories) to a
   * recipient for a purpose, signed three days ago.
   */
  public static LegalBasis consent(String recipientId, Purpose purpose) {
    return LegalBasis.builder(BasisType.WRITTEN_CONSENT)
        .signer("Resident " + SUBJECT, SignerRole.OTHER)
        .issued(LocalDate.now(ZoneOffset.UTC).minusDays(3))
        .recipient(recipientId)
        .purpose(purpose)
        .subjects(SUBJECT)
        .categories("identity.name", "immigration.status", "location.home-address")
        .build();
  }
}
