package org.sanctuaryguard.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;

/** Classes of a fictional shelter-intake service, tagged as a city developer would. */
final class Model {

  private Model() {}

  record Address(@Protected("location.home-address") @Nullable String street, String borough) {}

  record Person(
      @SubjectId String clientId,
      @Protected("identity.name") @Nullable String name,
      @Protected("immigration.status") @Nullable String status,
      @Protected("contact.phone") List<String> phones,
      @Protected("immigration.documents") Optional<String> aNumber,
      @Protected("health.records") String @Nullable [] diagnoses,
      @Nullable Address address,
      int householdSize) {}

  /** A mutable household, copied through its no-argument constructor. */
  static final class Household {
    @SubjectId @Nullable String caseId;
    @Protected("location.shelter") @Nullable String shelter;
    List<Person> members = new ArrayList<>();
    Map<String, Person> byRole = new LinkedHashMap<>();
    @Nullable Person head;
    @Nullable Household previous;
    @Nullable String note;

    Household() {}
  }

  /** No no-argument constructor: released as a tree. */
  static final class Referral {
    @Protected("immigration.status") private final String status;
    private final String agency;

    Referral(String status, String agency) {
      this.status = status;
      this.agency = agency;
    }

    String agency() {
      return agency;
    }

    String status() {
      return status;
    }
  }

  /** A record that refuses a null name: a withheld name makes the guard fall back to a tree. */
  record Strict(@Protected("identity.name") String name, String office) {
    Strict {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A generated class nobody can annotate: registered with ProtectedProperties. */
  static final class GeneratedClientDto {
    private String clientNumber = "";
    private @Nullable String homeAddress;
    private @Nullable String countryOfBirth;
    private @Nullable String caseworker;

    GeneratedClientDto() {}

    GeneratedClientDto(String clientNumber, String homeAddress, String countryOfBirth, String caseworker) {
      this.clientNumber = clientNumber;
      this.homeAddress = homeAddress;
      this.countryOfBirth = countryOfBirth;
      this.caseworker = caseworker;
    }

    String clientNumber() {
      return clientNumber;
    }

    @Nullable String homeAddress() {
      return homeAddress;
    }

    @Nullable String countryOfBirth() {
      return countryOfBirth;
    }

    @Nullable String caseworker() {
      return caseworker;
    }
  }

  record ProtectedPrimitive(@Protected("benefits.receipt") boolean receivesBenefits) {}

  record UnknownCategory(@Protected("immigration.stauts") String status) {}

  /** A class whose protected field a subclass hides with a field of the same name. */
  static class TaggedParent {
    @Protected("immigration.status")
    String status = "undocumented";

    TaggedParent() {}
  }

  static final class HidingChild extends TaggedParent {
    String status = "shown";

    HidingChild() {}
  }

  /** A parent whose protected field is tagged through its getter, which a subclass field hides. */
  static class TaggedGetterParent {
    private String status = "undocumented";

    TaggedGetterParent() {}

    @Protected("immigration.status")
    String getStatus() {
      return status;
    }
  }

  static final class HidingChildOfATaggedGetter extends TaggedGetterParent {
    private String status = "shown";

    HidingChildOfATaggedGetter() {}
  }

  interface HasId<T> {
    T id();
  }

  /** Implements generic interfaces through tagged components: javac bridges them, copying the tags. */
  record IdentifiedName(@SubjectId String id, @Protected("identity.name") String get)
      implements HasId<String>, java.util.function.Supplier<String> {}

  interface HasStatus {
    @Protected("immigration.status")
    String status();
  }

  /** Tagged in the interface it implements only, which the guard does not read. */
  record StatusFromInterface(@SubjectId String id, String status) implements HasStatus {}

  /** A record tagged on a method that is not the accessor of a component. */
  record TaggedRecordGetter(@Protected("identity.name") String name, String status) {
    @Protected("immigration.status")
    public String getStatus() {
      return status;
    }
  }

  /**
   * A case whose label is shown as its status: Jackson writes the accessor, but the record's
   * {@code toString}, {@code equals} and serialization read the field, which holds the label.
   */
  record Case(@SubjectId String id, @Protected("immigration.status") @Nullable String status,
      @Protected("identity.name") @Nullable String name, @Nullable String label) {
    @Override
    public @Nullable String label() {
      return status;
    }
  }

  /**
   * The same, with a protected mutable list: a withheld one is a new empty list each time, so the
   * guard copies the record by method handles instead of a generated copier.
   */
  record CaseWithPhones(@SubjectId String id, @Protected("immigration.status") @Nullable String status,
      @Protected("contact.phone") ArrayList<String> phones, @Nullable String label) {
    @Override
    public @Nullable String label() {
      return status;
    }
  }

  /** A case whose accessor hides its status, which its field, {@code toString} and serialization still hold. */
  record MaskedCase(@SubjectId String id, @Protected("immigration.status") @Nullable String status) {
    @Override
    public @Nullable String status() {
      return null;
    }
  }

  /** An enum whose constants' addresses are tagged: the guard takes an enum's constants as they are. */
  enum Shelter {
    BELLEVUE("400-430 E 30th St");

    @Protected("location.shelter")
    final String address;

    Shelter(String address) {
      this.address = address;
    }
  }

  /** A stay at a shelter, declared as the enum, whose values the scan never walks into. */
  record Stay(@SubjectId String clientId, Shelter shelter) {}

  /** An enum tagged through a registration only. */
  enum Borough {
    QUEENS("Jamaica");

    final String office;

    Borough(String office) {
      this.office = office;
    }
  }

  /** Members as a list that also holds a tagged field: the guard reads the elements of a list only. */
  static final class Members extends ArrayList<Person> {
    private static final long serialVersionUID = 1L;

    @Protected("location.shelter")
    @Nullable String shelter;

    Members() {}
  }

  /** Members by role as a map that also holds a tagged field. */
  static final class MembersByRole extends LinkedHashMap<String, Person> {
    private static final long serialVersionUID = 1L;

    @SubjectId
    @Nullable String caseId;

    MembersByRole() {}
  }

  static final class TaggedGetterWithoutField {
    private final String first = "A";

    TaggedGetterWithoutField() {}

    @Protected("identity.name")
    String getFullName() {
      return first + " B";
    }
  }

  /** A bean whose last status seen is kept in a tagged static field, which no copy or JSON holds. */
  static final class StaticStatus {
    @Protected("immigration.status")
    static @Nullable String lastStatus = "undocumented";

    @SubjectId @Nullable String clientId;

    StaticStatus() {}
  }

  /** A record with a static field tagged as the subject id. */
  record StaticIdRecord(@Protected("identity.name") @Nullable String name) {
    @SubjectId
    static String lastClient = "C-9";
  }

  /** A parent whose static field is tagged, met through its subclass. */
  static class StaticParent {
    @Protected("location.shelter")
    static String shelter = "Bellevue Men's Shelter";

    StaticParent() {}
  }

  static final class ChildOfStaticParent extends StaticParent {
    @Nullable String office;

    ChildOfStaticParent() {}
  }

  /** A generated class nobody can annotate, whose static field a registration names. */
  static final class GeneratedWithStatic {
    static @Nullable String lastAddress = "3 Pearl St";
    @Nullable String caseworker;

    GeneratedWithStatic() {}
  }

  /** An interface whose constant is tagged: a constant is static, and neither the guard nor Jackson reads it. */
  interface KnownStatuses {
    @Protected("immigration.status")
    String LAST_SEEN = "undocumented";
  }

  /** A bean that inherits the tagged constant of the interface it implements. */
  static final class StatusCheck implements KnownStatuses {
    @SubjectId @Nullable String clientId;
    @Nullable String office;

    StatusCheck() {}
  }

  /** An interface that inherits the tagged constant, and a record that implements it. */
  interface CheckedStatuses extends KnownStatuses {}

  record CheckedClient(@SubjectId String clientId) implements CheckedStatuses {}

  /** An interface whose constant names a subject id, implemented by a bean's superclass. */
  interface LastClient {
    @SubjectId
    String CLIENT = "C-9";
  }

  static class ClientBase implements LastClient {
    @Nullable String office;

    ClientBase() {}
  }

  static final class ClientCase extends ClientBase {
    @Nullable String caseId;

    ClientCase() {}
  }

  record Unprotected(String office, List<String> hours) {}

  static Person person(String id, String name) {
    return new Person(id, name, "asylum-pending", List.of("+1-212-555-0100"), Optional.of("A-123-456-789"),
        new String[] {"asthma"}, new Address("12 Canal St", "Manhattan"), 3);
  }
}
