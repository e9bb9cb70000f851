package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.Model.person;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.EventObject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.ProtectedProperties;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.redaction.Model.Address;
import org.sanctuaryguard.redaction.Model.GeneratedClientDto;
import org.sanctuaryguard.redaction.Model.Household;
import org.sanctuaryguard.redaction.Model.Person;
import org.sanctuaryguard.redaction.Model.Referral;

class RedactionTest {

  private final Guards guards = new Guards();

  @Test
  void releaseWhenRecordHasWithheldComponentsThenTheyAreAbsentAndTheOriginalIsUntouched() {
    Person original = person("C-1", "Ana Diaz");

    Release<Person> release = guards.guard.release(original,
        guards.hiding("hide-status", "hide-phone", "hide-documents", "hide-health", "hide-address"));

    Person copy = release.copy();
    assertThat(release.isCopy()).isTrue();
    assertThat(copy).isNotSameAs(original);
    assertThat(copy.name()).isEqualTo("Ana Diaz");
    assertThat(copy.clientId()).isEqualTo("C-1");
    assertThat(copy.householdSize()).isEqualTo(3);
    assertThat(copy.status()).isNull();
    assertThat(copy.phones()).isEmpty();
    assertThat(copy.aNumber()).isEmpty();
    assertThat(copy.diagnoses()).isEmpty();
    assertThat(copy.address()).isEqualTo(new Address(null, "Manhattan"));
    assertThat(original).usingRecursiveComparison().isEqualTo(person("C-1", "Ana Diaz"));
    assertThat(release.decision()).hasValueSatisfying(decision -> assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED));
  }

  @Test
  void releaseWhenAllowedThenTheCopyEqualsTheOriginalButSharesNothingMutable() {
    Person original = person("C-1", "Ana Diaz");

    Person copy = guards.guard.release(original, guards.hiding()).copy();

    assertThat(copy).usingRecursiveComparison().isEqualTo(original);
    assertThat(copy.diagnoses()).isNotSameAs(original.diagnoses());
  }

  @Test
  void releaseWhenHouseholdHasListsMapsASharedPersonAndACycleThenTheCopyKeepsTheShape() {
    Household household = new Household();
    household.caseId = "H-9";
    household.shelter = "Bellevue Men's Shelter";
    Person head = person("C-1", "Ana Diaz");
    Person child = person("C-2", "Luis Diaz");
    household.members.add(head);
    household.members.add(child);
    household.byRole.put("head", head);
    household.head = head;
    household.previous = household;
    household.note = "intake by phone";

    Household copy = guards.guard.release(household, guards.hiding("hide-shelter", "hide-name")).copy();

    assertThat(copy).isNotSameAs(household);
    assertThat(copy.shelter).isNull();
    assertThat(copy.note).isEqualTo("intake by phone");
    assertThat(copy.previous).isSameAs(copy);
    assertThat(copy.head).isSameAs(copy.members.get(0)).isSameAs(copy.byRole.get("head")).isNotSameAs(head);
    assertThat(copy.members).extracting(Person::name).containsOnlyNulls();
    assertThat(copy.members).extracting(Person::status).containsExactly("asylum-pending", "asylum-pending");
    assertThat(household.shelter).isEqualTo("Bellevue Men's Shelter");
    assertThat(household.members.get(1).name()).isEqualTo("Luis Diaz");
  }

  @Test
  void releaseWhenPayloadIsACollectionThenEachElementIsRedacted() {
    List<Person> people = List.of(person("C-1", "Ana"), person("C-2", "Luis"));

    Release<List<Person>> release = guards.guard.release(people, guards.hiding("hide-name"));

    assertThat(release.copy()).extracting(Person::name).containsOnlyNulls();
    assertThat(release.copy()).extracting(Person::clientId).containsExactly("C-1", "C-2");
  }

  @Test
  void releaseWhenNothingProtectedIsPresentThenThePayloadItselfWithoutDecisionOrEvent() {
    Model.Unprotected hours = new Model.Unprotected("Intake office", List.of("9-5"));

    Release<Model.Unprotected> release = guards.guard.release(hours, guards.guard.request()
        .recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT));

    assertThat(release.copy()).isSameAs(hours);
    assertThat(release.decision()).isEmpty();
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenTheDecisionDeniesThenRefusesWithTheDecisionAndNoProtectedValue() {
    Person person = person("C-SECRET-77", "Ana Secreta");

    assertThatThrownBy(() -> guards.guard.release(person, guards.hiding(Guards.HIDE.keySet().toArray(String[]::new))))
        .isInstanceOf(DisclosureRefusedException.class)
        .satisfies(e -> {
          Decision decision = ((DisclosureRefusedException) e).decision();
          assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
          assertThat(e.getMessage()).startsWith("disclosure refused: deny; rules [hiding.")
              .contains("; event ").doesNotContain("SECRET").doesNotContain("Secreta");
        });
  }

  @Test
  void releaseWhenMonitoringThenEverythingIsReleasedAndTheVerdictRecorded() {
    Guards monitoring = new Guards(Mode.MONITOR, ProtectedProperties.none());
    Person person = person("C-1", "Ana Diaz");

    Release<Person> release = monitoring.guard.release(person, monitoring.hiding("hide-name", "hide-status"));

    assertThat(release.copy()).usingRecursiveComparison().isEqualTo(person);
    assertThat(release.decision().orElseThrow().outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
    assertThat(monitoring.events.get(0).fields()).containsEntry("sanctuary.mode", "monitor");
  }

  @Test
  void releaseWhenOnlyWithheldCategoriesArePresentThenDeniedAndNothingReleased() {
    assertThatThrownBy(() -> guards.guard.release(new Model.Referral("TPS", "HRA"), guards.hiding("hide-status")))
        .isInstanceOf(DisclosureRefusedException.class)
        .satisfies(e -> assertThat(((DisclosureRefusedException) e).decision().withheld()).extracting(Category::key)
            .containsExactly("immigration.status"));
  }

  @Test
  void releaseWhenThePayloadIsOrHoldsAStreamAnIteratorOrAHolderThenRefusedNamingItAndNothingDecided() {
    Stream<Person> people = Stream.of(person("C-1", "Ana Diaz"));
    Roster roster = new Roster(List.of(person("C-2", "Luis Ortiz")).iterator());
    Ranked ranked = new Ranked(Map.entry("first", person("C-3", "Rosa Vega")));

    InvalidProtectionException stream = catchInvalid(() -> guards.guard.release(people, guards.hiding("hide-name")));
    InvalidProtectionException iterator = catchInvalid(() -> guards.guard.release(roster, guards.hiding("hide-name")));
    InvalidProtectionException holder = catchInvalid(() -> guards.guard.release(ranked, guards.hiding("hide-name")));

    assertThat(stream).hasMessageContaining("a stream or an iterator, which the guard cannot look into without"
        + " consuming it; collect it into a list first").hasMessageNotContaining("Ana Diaz");
    assertThat(iterator).hasMessageContaining("a stream or an iterator").hasMessageNotContaining("Luis Ortiz");
    assertThat(holder).hasMessageContaining("a Map.Entry or an AtomicReference, which the guard does not look into")
        .hasMessageNotContaining("Rosa Vega");
    assertThat(guards.guard.mayHoldProtected(Roster.class)).isTrue();
    assertThat(guards.guard.mayHoldProtected(Ranked.class)).isTrue();
    assertThat(guards.events).isEmpty();
  }

  /**
   * Before, a holder at the payload's top was refused with "It is held at the payload itself.": a
   * way that says nothing, which the refusal of a stream at the top does not give either.
   */
  @Test
  void releaseWhenThePayloadIsAHolderThenRefusedWithoutAWay() {
    AtomicReference<Person> latest = new AtomicReference<>(person("C-5", "Rosa Vega"));

    InvalidProtectionException holder = catchInvalid(() -> guards.guard.release(latest, guards.hiding("hide-name")));

    assertThat(holder).hasMessageContaining("a Map.Entry or an AtomicReference, which the guard does not look into")
        .hasMessageNotContaining("held at").hasMessageNotContaining("Rosa Vega");
  }

  /** An application's list and map of people. */
  static final class Residents extends ArrayList<Person> {
    private static final long serialVersionUID = 1L;
  }

  static final class ResidentsById extends java.util.TreeMap<String, Person> {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void releaseWhenThePayloadIsAnApplicationsListOrMapThenTheCopyIsOfItsClassWithItsElementsRedacted() {
    Residents residents = new Residents();
    residents.add(person("C-6", "Ana Diaz"));
    ResidentsById byId = new ResidentsById();
    byId.put("C-7", person("C-7", "Luis Ortiz"));

    Residents listCopy = guards.guard.release(residents, guards.hiding("hide-name")).copy();
    ResidentsById mapCopy = guards.guard.release(byId, guards.hiding("hide-name")).copy();

    assertThat(listCopy).isExactlyInstanceOf(Residents.class).isNotSameAs(residents).extracting(Person::name)
        .containsOnlyNulls();
    assertThat(mapCopy).isExactlyInstanceOf(ResidentsById.class).containsOnlyKeys("C-7");
    assertThat(mapCopy.get("C-7").name()).isNull();
    assertThat(residents.get(0).name()).isEqualTo("Ana Diaz");
  }

  /** An application's page of people. */
  static final class PageOfResidents extends ArrayList<Person> {
    private static final long serialVersionUID = 1L;

    PageOfResidents() {}
  }

  /** People by client id. */
  static final class ResidentsOfOffice extends java.util.LinkedHashMap<String, Person> {
    private static final long serialVersionUID = 1L;

    ResidentsOfOffice() {}
  }

  /** An application's generic map of people by a key of any type: its type argument is not what it holds. */
  static final class PeopleBy<K> extends java.util.HashMap<K, Person> {
    private static final long serialVersionUID = 1L;

    PeopleBy() {}
  }

  /** An application's generic holder and cursor of people, used with an argument that is not what they hold. */
  static final class PinnedPerson<X> extends AtomicReference<Person> {
    private static final long serialVersionUID = 1L;

    PinnedPerson(Person person) {
      super(person);
    }
  }

  static final class PersonCursor<X> implements Iterator<Person> {
    private final Iterator<Person> people;

    PersonCursor(List<Person> people) {
      this.people = people.iterator();
    }

    @Override
    public boolean hasNext() {
      return people.hasNext();
    }

    @Override
    public Person next() {
      return people.next();
    }
  }

  /** What a record declares them as: a map by office, a pinned person and a feed, each used with String. */
  record Directory(PeopleBy<String> byOffice) {}

  record Pinboard(PinnedPerson<String> pinned) {}

  record Feed(PersonCursor<String> people) {}

  @Test
  void releaseWhenAnApplicationsGenericListMapHolderOrCursorIsUsedWithAnotherArgumentThenWhatItHoldsIsStillFound() {
    PeopleBy<String> byOffice = new PeopleBy<>();
    byOffice.put("Queens", person("C-12", "Ana Diaz"));
    Directory directory = new Directory(byOffice);
    Pinboard pinboard = new Pinboard(new PinnedPerson<>(person("C-13", "Luis Ortiz")));
    Feed feed = new Feed(new PersonCursor<>(List.of(person("C-14", "Rosa Vega"))));

    Release<Directory> release = guards.guard.release(directory, guards.hiding("hide-name"));

    assertThat(release.value()).isNotSameAs(directory);
    assertThat(release.copy().byOffice().get("Queens").name()).isNull();
    assertThat(guards.guard.mayHoldProtected(Directory.class)).isTrue();
    assertThat(guards.guard.declaredCategories(Directory.class)).extracting(Category::key).contains("identity.name");
    assertThat(guards.guard.declaredCategories(Pinboard.class)).extracting(Category::key).contains("identity.name");
    assertThat(guards.guard.declaredCategories(Feed.class)).extracting(Category::key).contains("identity.name");
    assertThat(catchInvalid(() -> guards.guard.release(pinboard, guards.hiding("hide-name"))))
        .hasMessageContaining("a Map.Entry or an AtomicReference, which the guard does not look into")
        .hasMessageNotContaining("Luis Ortiz");
    assertThat(catchInvalid(() -> guards.guard.release(feed, guards.hiding("hide-name"))))
        .hasMessageContaining("a stream or an iterator").hasMessageNotContaining("Rosa Vega");
    assertThat(byOffice.get("Queens").name()).isEqualTo("Ana Diaz");
  }
  /** People by client id, in natural order unless made with another. */
  static final class ResidentsOrdered extends java.util.TreeMap<String, Person> {
    private static final long serialVersionUID = 1L;

    ResidentsOrdered() {}

    ResidentsOrdered(java.util.Comparator<String> order) {
      super(order);
    }
  }

  @Test
  void releaseWhenTheApplicationsSortedMapIsOrderedOtherwiseThanItsConstructorOrdersThenNoEntryIsLostOrReordered() {
    // case-insensitive, "c-10" comes before "C-2"; in the natural order the no-argument constructor sets, after it
    ResidentsOrdered byId = new ResidentsOrdered(String.CASE_INSENSITIVE_ORDER);
    byId.put("C-2", person("C-2", "Ana Diaz"));
    byId.put("c-10", person("c-10", "Luis Ortiz"));

    @SuppressWarnings("unchecked")
    java.util.SortedMap<String, Person> copy = (java.util.SortedMap<String, Person>) guards.guard
        .release(byId, guards.hiding("hide-name")).value();

    assertThat(copy.comparator()).isSameAs(String.CASE_INSENSITIVE_ORDER);
    assertThat(copy.keySet()).containsExactly("c-10", "C-2");
    assertThat(copy.values()).extracting(Person::name).containsOnlyNulls();
  }

  /** An application's read-only page of people, which takes no element after it is made. */
  static final class ReadOnlyPeople extends java.util.AbstractList<Person> {
    private final List<Person> people;

    ReadOnlyPeople() {
      this(List.of());
    }

    ReadOnlyPeople(List<Person> people) {
      this.people = List.copyOf(people);
    }

    @Override
    public Person get(int index) {
      return people.get(index);
    }

    @Override
    public int size() {
      return people.size();
    }
  }

  @Test
  void releaseWhenTheApplicationsListTakesNoElementThenItIsReleasedRedactedInsteadOfRefused() {
    ReadOnlyPeople page = new ReadOnlyPeople(List.of(person("C-6", "Ana Diaz")));

    Release<ReadOnlyPeople> release = guards.guard.release(page, guards.hiding("hide-name"));

    assertThat(release.isCopy()).isFalse();
    assertThat((List<?>) release.value()).singleElement()
        .satisfies(resident -> assertThat(resident.toString()).doesNotContain("Ana Diaz"));
    assertThat(page.get(0).name()).isEqualTo("Ana Diaz");
  }

  /** An application's holder of one value, as the JDK's holder holds it. */
  static final class Latest extends AtomicReference<Person> {
    private static final long serialVersionUID = 1L;

    Latest(Person person) {
      super(person);
    }
  }

  @Test
  void releaseWhenThePayloadIsAnApplicationsAtomicReferenceOfARecordThenRefusedAsTheJdksHolderIs() {
    Latest latest = new Latest(person("C-4", "Rosa Vega"));

    InvalidProtectionException holder = catchInvalid(() -> guards.guard.release(latest, guards.hiding("hide-name")));

    assertThat(holder).hasMessageContaining("a Map.Entry or an AtomicReference, which the guard does not look into")
        .hasMessageNotContaining("Rosa Vega");
    assertThatThrownBy(() -> guards.guard.mayHoldProtected(Latest.class))
        .isInstanceOf(InvalidProtectionException.class);
    assertThat(guards.events).isEmpty();
  }

  /** An application's holder of the outcome of a status check, which also keeps whose name it is, tagged. */
  static final class LatestCheck extends AtomicReference<String> {
    private static final long serialVersionUID = 1L;

    @Protected("identity.name")
    final @Nullable String name;

    LatestCheck(String outcome, @Nullable String name) {
      super(outcome);
      this.name = name;
    }
  }

  /** The same, whose client id is tagged on its getter. */
  static final class LatestForClient extends AtomicReference<String> {
    private static final long serialVersionUID = 1L;

    private final String clientId;

    LatestForClient(String outcome, String clientId) {
      super(outcome);
      this.clientId = clientId;
    }

    @SubjectId
    String getClientId() {
      return clientId;
    }
  }

  /** The same, whose untagged field holds a whole record beside the outcome it holds. */
  @SuppressWarnings("serial") // never serialized: a payload
  static final class LatestWithPerson extends AtomicReference<String> {
    private static final long serialVersionUID = 1L;

    final @Nullable Person person;

    LatestWithPerson(String outcome, @Nullable Person person) {
      super(outcome);
      this.person = person;
    }
  }

  /** An application's holder that also counts its reads: a plain value of its own. */
  static final class CountedLatest extends AtomicReference<String> {
    private static final long serialVersionUID = 1L;

    long reads;

    CountedLatest(String outcome) {
      super(outcome);
    }
  }

  @Test
  void releaseWhenAnApplicationsAtomicReferenceIsTaggedOrRegisteredThenNamesTheClassAndPropertyInsteadOfIgnoringTheTag() {
    LatestCheck check = new LatestCheck("verified", "Ana Diaz");

    InvalidProtectionException tagged = catchInvalid(() -> guards.guard.release(check, guards.hiding("hide-name")));
    InvalidProtectionException registered = catchInvalid(() -> ProtectedProperties.builder()
        .subjectId(CountedLatest.class, "reads"));

    assertThat(tagged).hasMessage(LatestCheck.class.getName() + ".name: is protected or a subject id (by a tag or a"
        + " registration), but the guard reads only what a Map.Entry or an AtomicReference holds (as Jackson writes"
        + " only that), never a field of its class: hold the value in a record or a class of its own and tag it there")
        .hasMessageNotContaining("Ana Diaz");
    assertThat(tagged.type()).isEqualTo(LatestCheck.class.getName());
    assertThat(tagged.property()).isEqualTo("name");
    assertThat(catchInvalid(() -> guards.guard.release(new Untyped("latest", new LatestForClient("verified", "C-8")),
        guards.hiding()))).hasMessageStartingWith(LatestForClient.class.getName() + ".getClientId(): is protected or a"
            + " subject id").hasMessageNotContaining("C-8");
    assertThat(catchInvalid(() -> guards.guard.mayHoldProtected(LatestCheck.class)))
        .hasMessageStartingWith(LatestCheck.class.getName() + ".name: ");
    assertThat(registered).hasMessageStartingWith(CountedLatest.class.getName() + ".reads: is registered as the"
        + " subject id, but the guard reads only what a Map.Entry or an AtomicReference holds");
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenAnApplicationsAtomicReferenceHasAFieldThatMayHoldMoreThanPlainValuesThenNamesItInsteadOfLeavingItUnscanned() {
    LatestWithPerson latest = new LatestWithPerson("verified", person("C-5", "Luis Ortiz"));
    CountedLatest counted = new CountedLatest("verified");
    counted.reads = 3;
    Untyped plain = new Untyped("latest", counted);

    InvalidProtectionException unscanned = catchInvalid(() -> guards.guard.release(latest, guards.hiding("hide-name")));
    Release<Untyped> release = guards.guard.release(plain, guards.hiding("hide-name"));

    assertThat(unscanned).hasMessage(LatestWithPerson.class.getName() + ".person: may hold more than a plain value,"
        + " but the guard reads an AtomicReference only for the value it holds (as Jackson writes only that), so what"
        + " this field holds would go out unscanned: hold it in a record or a class of its own, beside the"
        + " AtomicReference")
        .hasMessageNotContaining("Luis Ortiz").hasMessageNotContaining("C-5");
    assertThat(unscanned.property()).isEqualTo("person");
    assertThat(release.value()).as("a holder of plain values, with a plain field of its own").isSameAs(plain);
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenARecordAlsoHoldsAStreamOrAHolderOfPlainValuesThenRedactedAndTheyAreLeftAsTheyAre() {
    Stream<String> tags = Stream.of("urgent");
    Tagged tagged = new Tagged(person("C-5", "Ada Ruiz"), tags, Map.entry("office", "Canal St"));

    Tagged copy = guards.guard.release(tagged, guards.hiding("hide-name")).copy();

    assertThat(copy.person().name()).isNull();
    assertThat(copy.tags()).as("not consumed by the guard").isSameAs(tags);
    assertThat(copy.note()).isEqualTo(Map.entry("office", "Canal St"));
  }

  @Test
  void releaseWhenAnObjectPropertyHoldsAnEntryOfPlainValuesThenNothingToDecideAndNoRefusal() {
    Untyped stats = new Untyped("top offices", List.of(Map.entry("Manhattan", 3L)));

    Release<Untyped> release = guards.guard.release(stats, guards.hiding("hide-name"));

    assertThat(release.value()).isSameAs(stats);
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenAPropertyIsDeclaredIterableThenItsElementsAreRedactedLikeACollectionsAre() {
    Team team = new Team(List.of(person("C-3", "Rosa Vega")));

    Team copy = guards.guard.release(team, guards.hiding("hide-name")).copy();

    assertThat(guards.guard.mayHoldProtected(Team.class)).isTrue();
    assertThat(copy.members()).singleElement().satisfies(member -> {
      assertThat(member.name()).isNull();
      assertThat(member.clientId()).isEqualTo("C-3");
    });
  }

  @Test
  void releaseWhenARecordIsHeldAsAnObjectThenFoundAndRedactedLikeOneDeclaredAsItself() {
    Untyped envelope = new Untyped("found", person("C-4", "Eva Cruz"));

    Untyped copy = guards.guard.release(envelope, guards.hiding("hide-name")).copy();

    assertThat(guards.guard.mayHoldProtected(Untyped.class)).isTrue();
    assertThat(guards.guard.mayHoldProtected(Sorted.class)).as("a JDK interface an application's class implements")
        .isTrue();
    assertThat(guards.guard.mayHoldProtected(Amount.class)).as("the JDK's concrete classes are what they are declared")
        .isFalse();
    assertThat(copy.data()).isInstanceOfSatisfying(Person.class, member -> {
      assertThat(member.name()).isNull();
      assertThat(member.clientId()).isEqualTo("C-4");
    });
    assertThat(guards.events).singleElement().satisfies(event -> assertThat(event.subjectCount()).isOne());
  }

  @Test
  void releaseWhenAClassHasNoNoArgumentConstructorThenAReadOnlyTree() {
    Model.Referral referral = new Model.Referral("TPS", "HRA");
    Decision decision = guards.guard.decide(guards.hiding("hide-status").payload(referral).categories("identity.name").build());

    Release<Model.Referral> release = guards.guard.redact(referral, decision);

    assertThat(release.isCopy()).isFalse();
    assertThat(release.value()).isEqualTo(Map.of("agency", "HRA"));
    assertThatThrownBy(release::copy).isInstanceOf(IllegalStateException.class).hasMessageContaining("use value()");
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) release.value();
    assertThatThrownBy(() -> tree.put("status", "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void releaseWhenARecordRefusesTheAbsentValueThenATreeInstead() {
    Model.Strict strict = new Model.Strict("Ana", "Queens");
    Release<Model.Strict> release = guards.guard.release(strict, guards.hiding("hide-name").categories("contact.phone"));

    assertThat(release.isCopy()).isFalse();
    assertThat(release.value()).isEqualTo(Map.of("office", "Queens"));
  }

  @Test
  void payloadWhenDecidedThenCategoriesAndSubjectsComeFromTheGraph() {
    Household household = new Household();
    household.caseId = "H-1";
    household.members.add(person("C-1", "Ana"));

    Decision decision = guards.guard.decide(guards.hiding("hide-shelter").payload(household).build());

    assertThat(decision.released()).extracting(Category::key).containsExactlyInAnyOrder("identity.name",
        "immigration.status", "contact.phone", "immigration.documents", "health.records", "location.home-address");
    assertThat(guards.events.get(0).subjectCount()).isEqualTo(2);
    assertThat(guards.events.get(0).subjectPseudonyms()).noneMatch(p -> p.contains("C-1") || p.contains("H-1"));
  }

  @Test
  void hasCategoriesWhenThePayloadHoldsNoProtectedValueThenFalseUntilACategoryIsAdded() {
    Map<String, String> nothingProtected = Map.of("office", "Queens");

    DisclosureRequest.Builder request = guards.hiding().payload(nothingProtected);

    assertThat(request.hasCategories()).isFalse();
    assertThat(request.categories("identity.name").hasCategories()).isTrue();
    assertThat(guards.hiding().payload(person("C-1", "Ana")).hasCategories()).isTrue();
  }

  @Test
  void payloadWhenTheBuilderComesFromAPolicyThenSaysToUseTheGuard() {
    Policy policy = guards.guard.policy();

    assertThatThrownBy(() -> policy.request().payload(person("C-1", "Ana")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Guard.request()");
  }

  @Test
  void redactWhenGivenADecisionThenReleasesEachPayloadOfItsSubjectsToIt() {
    Decision decision = guards.guard.decide(guards.hiding("hide-name").subjects("C-1", "C-2")
        .categories("identity.name", "contact.phone").build());

    Person first = guards.guard.redact(person("C-1", "Ana"), decision).copy();
    Person second = guards.guard.redact(person("C-2", "Luis"), decision).copy();

    assertThat(first.name()).isNull();
    assertThat(first.phones()).containsExactly("+1-212-555-0100");
    assertThat(first.status()).as("a category the decision did not release is withheld").isNull();
    assertThat(second.clientId()).isEqualTo("C-2");
    assertThat(second.phones()).containsExactly("+1-212-555-0100");
  }

  @Test
  void redactWhenThePayloadHoldsSomeoneTheDecisionWasNotAboutThenNothingOfItIsReleased() {
    Decision decision = guards.guard.decide(guards.hiding().subjects("C-1").categories("identity.name").build());
    Household household = new Household();
    household.caseId = "C-1";
    household.members.add(person("C-1", "Ana"));
    household.members.add(person("C-7", "Rosa"));

    assertThatThrownBy(() -> guards.guard.redact(person("C-7", "Rosa"), decision))
        .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
          assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY);
          assertThat(refused.decision().rules()).containsExactly("guard.subject-not-decided");
          assertThat(refused.decision().released()).isEmpty();
        })
        .message().doesNotContain("C-7").doesNotContain("Rosa");
    assertThatThrownBy(() -> guards.guard.redact(household, decision))
        .as("a member of the household the decision was not about refuses the household, not only the member")
        .isInstanceOf(DisclosureRefusedException.class);
    assertThatThrownBy(() -> guards.guard.redact(List.of(person("C-1", "Ana"), person("C-7", "Rosa")), decision))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThat(guards.guard.redact(person("C-1", "Ana"), decision).copy().name()).isEqualTo("Ana");
  }

  @Test
  void redactWhenTheDecisionWasMadeWithThePayloadOrForEveryoneThenEachOfItsPeopleIsCovered() {
    Household household = new Household();
    household.caseId = "H-1";
    household.members.add(person("C-1", "Ana"));
    household.members.add(person("C-7", "Rosa"));
    Decision decided = guards.guard.decide(guards.hiding().payload(household).build());
    Decision bulk = guards.guard.decide(guards.hiding().subjects(DisclosureRequest.ALL_SUBJECTS).fact("bulk", true)
        .categories("identity.name").build());

    Household released = guards.guard.redact(household, decided).copy();
    Person anyone = guards.guard.redact(person("C-9", "Marta"), bulk).copy();

    assertThat(released.members).extracting(Person::name).containsExactly("Ana", "Rosa");
    assertThat(anyone.name()).isEqualTo("Marta");
  }

  @Test
  void redactWhenAPolicyDecidedAloneThenNoObjectAboutSomeoneIsReleased() {
    Decision unrecorded = guards.guard.policy().decide(guards.guard.policy().request().recipient("city-agency")
        .purpose(Purpose.SERVICE_DELIVERY).subjects("C-1").categories("identity.name").build());

    assertThatThrownBy(() -> guards.guard.redact(person("C-1", "Ana"), unrecorded))
        .isInstanceOf(DisclosureRefusedException.class);
  }

  @Test
  void redactWhenInMonitorModeThenThePayloadOfAnyoneIsReleased() {
    Guards monitoring = new Guards(Mode.MONITOR, ProtectedProperties.none());
    Decision decision = monitoring.guard.decide(monitoring.hiding().subjects("C-1").categories("identity.name").build());

    assertThat(monitoring.guard.redact(person("C-7", "Rosa"), decision).copy().name()).isEqualTo("Rosa");
  }

  /** An application's event, a subclass of the JDK's with tagged fields of its own. */
  public static final class StatusChanged extends EventObject {
    private static final long serialVersionUID = 1L;
    @SubjectId final String clientId;
    @Protected("immigration.status") final @Nullable String status;

    StatusChanged(Object source, String clientId, @Nullable String status) {
      super(source);
      this.clientId = clientId;
      this.status = status;
    }
  }

  /** An application's exception, with a tagged field of its own. */
  public static final class EligibilityException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @Protected("immigration.status") final @Nullable String status;

    EligibilityException(@Nullable String status) {
      this.status = status;
    }
  }

  /** A notice, holding the application's event and exception in properties declared as the JDK's classes. */
  record Notice(String office, EventObject cause, RuntimeException error) {}

  /**
   * Before, a value declared as a concrete JDK class was taken as it is, whatever its class: the
   * application's event and exception went out with the status, with no decision at all.
   */
  @Test
  void releaseWhenAnApplicationsEventOrExceptionIsDeclaredAsTheJdksClassThenItIsDecidedAndRedacted() {
    Notice notice = new Notice("Canal St", new StatusChanged("intake", "C-1", "undocumented"),
        new EligibilityException("undocumented"));

    assertThatThrownBy(() -> guards.guard.release(notice, guards.hiding("hide-status")))
        .as("the status is found, and withholding it leaves nothing protected to release")
        .isInstanceOf(DisclosureRefusedException.class).hasMessageNotContaining("undocumented");
    Release<Notice> staff = guards.guard.release(notice, guards.hiding());

    assertThat(staff.decision().orElseThrow().released()).extracting(Category::key).contains("immigration.status");
    assertThat(guards.guard.mayHoldProtected(Notice.class)).isTrue();
  }

  /** Before, an enforcing guard released everything of anyone under a monitoring guard's decision about someone else. */
  @Test
  void redactWhenAnotherGuardMadeTheDecisionThenRefusedNamingIt() {
    Guards monitoring = new Guards(Mode.MONITOR, ProtectedProperties.none());
    Guards enforcing = new Guards(Mode.ENFORCE, ProtectedProperties.none());
    Decision monitored = monitoring.guard.decide(monitoring.hiding().subjects("C-1").categories("identity.name")
        .build());
    Decision enforced = enforcing.guard.decide(enforcing.hiding().subjects("C-1").categories("identity.name").build());

    for (Decision decision : new Decision[] {monitored, enforced}) {
      Guards other = decision == monitored ? guards : monitoring;
      assertThatThrownBy(() -> other.guard.redact(person("C-7", "Rosa"), decision))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made and recorded by another guard")
          .hasMessageContaining(decision.auditEventId().orElseThrow()).hasMessageNotContaining("Rosa");
    }
    assertThat(enforcing.guard.redact(person("C-1", "Ana"), enforced).copy().clientId()).isEqualTo("C-1");
  }

  @Test
  void releaseWhenAGeneratedDtoIsRegisteredThenItsPropertiesAreProtected() {
    ProtectedProperties registry = ProtectedProperties.builder()
        .protect(GeneratedClientDto.class, "homeAddress", "location.home-address")
        .protect(GeneratedClientDto.class, "countryOfBirth", "immigration.place-of-birth")
        .subjectId(GeneratedClientDto.class, "clientNumber")
        .build();
    Guards registered = new Guards(Mode.ENFORCE, registry);
    GeneratedClientDto dto = new GeneratedClientDto("N-44", "3 Pearl St", "Honduras", "caseworker-2");

    Release<GeneratedClientDto> release = registered.guard.release(dto, registered.hiding("hide-address"));

    assertThat(release.copy().homeAddress()).isNull();
    assertThat(release.copy().countryOfBirth()).isEqualTo("Honduras");
    assertThat(release.copy().caseworker()).isEqualTo("caseworker-2");
    assertThat(registered.events.get(0).subjectCount()).isEqualTo(1);
    assertThat(release.decision().orElseThrow().withheld()).extracting(Category::key)
        .containsExactly("location.home-address");
  }

  @Test
  void releaseWhenTaggedWronglyThenNamesTheClassAndPropertyAtFirstUseAndOnlyOnce() {
    ProtectedProperties typo = ProtectedProperties.builder()
        .protect(GeneratedClientDto.class, "homeAdress", "location.home-address").build();
    Guards registered = new Guards(Mode.ENFORCE, typo);
    GeneratedClientDto dto = new GeneratedClientDto("N-1", "x", "y", "z");

    InvalidProtectionException first = catchInvalid(() -> registered.guard.release(dto, registered.hiding()));
    InvalidProtectionException second = catchInvalid(() -> registered.guard.release(dto, registered.hiding()));

    assertThat(first).hasMessage(GeneratedClientDto.class.getName()
        + ".homeAdress: is registered as protected, but the class has no such property; did you mean 'homeAddress'?");
    assertThat(first.type()).isEqualTo(GeneratedClientDto.class.getName());
    assertThat(first.property()).isEqualTo("homeAdress");
    assertThat(second).isSameAs(first);
  }

  @Test
  void releaseWhenAProtectedPropertyIsPrimitiveOrItsCategoryUnknownThenSaysWhy() {
    assertThat(catchInvalid(() -> guards.guard.release(new Model.ProtectedPrimitive(true), guards.hiding())))
        .hasMessageEndingWith("receivesBenefits: is protected but of primitive type boolean: a withheld value would read"
            + " as false; use Boolean");
    assertThat(catchInvalid(() -> guards.guard.release(new Model.UnknownCategory("x"), guards.hiding())))
        .hasMessageEndingWith("status: unknown category 'immigration.stauts'; did you mean 'immigration.status'?");
    assertThat(catchInvalid(() -> guards.guard.release(new Model.TaggedGetterWithoutField(), guards.hiding())))
        .hasMessageEndingWith("getFullName(): is tagged, but there is no field 'fullName' to withhold; tag the field it reads");
  }

  @Test
  void releaseWhenATagWouldProtectNothingThenSaysWhereToPutItInsteadOfReleasingTheValue() {
    assertThat(catchInvalid(() -> guards.guard.release(new Model.HidingChild(), guards.hiding())))
        .hasMessageEndingWith("status: hides the field 'status' of " + Model.TaggedParent.class.getName()
            + ", and one of them is protected or a subject id (by a tag on it or its getter, or a registration): the"
            + " guard reads only the first; rename one");
    assertThat(catchInvalid(() -> guards.guard.release(new Model.HidingChildOfATaggedGetter(), guards.hiding())))
        .hasMessageContaining("status: hides the field 'status' of " + Model.TaggedGetterParent.class.getName());
    assertThat(catchInvalid(() -> guards.guard.release(new Model.StatusFromInterface("C-1", "undocumented"),
        guards.hiding()))).hasMessageContaining("status(): is tagged in interface " + Model.HasStatus.class.getName());
    assertThat(catchInvalid(() -> guards.guard.release(new Model.TaggedRecordGetter("A", "undocumented"),
        guards.hiding()))).hasMessageEndingWith("getStatus(): is tagged, but a record's protected values are its"
            + " components: tag the component it reads");
  }

  @Test
  void releaseWhenAnAccessorReturnsAWithheldComponentThenTheCopyHoldsTheOriginalsFieldsWithoutIt() {
    Model.Case original = new Model.Case("C-1", "undocumented", "Ana Diaz", "intake");

    Model.Case copy = guards.guard.release(original, guards.hiding("hide-status")).copy();

    assertThat(copy).isEqualTo(new Model.Case("C-1", null, "Ana Diaz", "intake"));
    assertThat(copy.toString()).doesNotContain("undocumented");
    assertThat(copy.label()).as("what Jackson writes").isNull();
  }

  @Test
  void releaseWhenARecordIsCopiedByMethodHandlesThenItsFieldsAreReadAsByTheGeneratedCopier() {
    Model.CaseWithPhones original = new Model.CaseWithPhones("C-1", "undocumented",
        new ArrayList<>(List.of("+1-212-555-0100")), "intake");

    Model.CaseWithPhones copy = guards.guard.release(original, guards.hiding("hide-status")).copy();

    assertThat(copy).isEqualTo(new Model.CaseWithPhones("C-1", null, new ArrayList<>(List.of("+1-212-555-0100")),
        "intake"));
    assertThat(copy.toString()).doesNotContain("undocumented");
  }

  @Test
  void releaseWhenAnAccessorHidesAProtectedComponentThenTheScanStillFindsItsField() {
    Model.MaskedCase masked = new Model.MaskedCase("C-1", "undocumented");

    DisclosureRequest request = guards.hiding().payload(masked).build();

    assertThat(request.categories()).extracting(Category::key).containsExactly("immigration.status");
    assertThatThrownBy(() -> guards.guard.release(masked, guards.hiding("hide-status")))
        .isInstanceOf(DisclosureRefusedException.class).hasMessageNotContaining("undocumented");
  }

  @Test
  void releaseWhenAnEnumOrAListOrMapOfTheApplicationsIsTaggedThenSaysWhatToDoInsteadOfReleasingTheValue() {
    Model.Members members = new Model.Members();
    members.shelter = "Bellevue Men's Shelter";
    members.add(person("C-1", "Ana Diaz"));
    Model.MembersByRole byRole = new Model.MembersByRole();
    byRole.caseId = "H-1";

    assertThat(catchInvalid(() -> guards.guard.release(new Model.Stay("C-1", Model.Shelter.BELLEVUE),
        guards.hiding()))).hasMessage(Model.Shelter.class.getName() + ".address: is protected or a subject id (by a"
            + " tag or a registration), but the guard takes an enum's constants as they are, without reading their"
            + " fields: tag the fields and record components that hold the enum instead");
    assertThat(catchInvalid(() -> guards.guard.release(Model.Shelter.BELLEVUE, guards.hiding())))
        .hasMessageStartingWith(Model.Shelter.class.getName() + ".address: ");
    assertThat(catchInvalid(() -> guards.guard.release(members, guards.hiding())))
        .hasMessage(Model.Members.class.getName() + ".shelter: is protected or a subject id (by a tag or a"
            + " registration), but the guard reads only the elements of a collection or a map: hold the value in a"
            + " class of its own, beside the collection, and tag it there")
        .hasMessageNotContaining("Bellevue");
    assertThat(catchInvalid(() -> guards.guard.release(new Untyped("household", List.of(byRole)), guards.hiding())))
        .hasMessageStartingWith(Model.MembersByRole.class.getName() + ".caseId: ");
    assertThat(catchInvalid(() -> guards.guard.mayHoldProtected(Model.Stay.class)))
        .hasMessageStartingWith(Model.Shelter.class.getName() + ".address: ");
  }

  @Test
  void protectWhenTheClassIsAnEnumAListOrMapOrAJdkClassThenRefusesTheRegistrationNamingTheClassAndProperty() {
    InvalidProtectionException jdk = catchInvalid(() -> ProtectedProperties.builder()
        .protect(String.class, "value", "identity.name"));
    InvalidProtectionException id = catchInvalid(() -> ProtectedProperties.builder()
        .subjectId(java.util.Locale.class, "country"));

    assertThat(jdk).hasMessage("java.lang.String.value: is registered as protected, but the guard takes values of the"
        + " JDK's classes as they are: tag the fields and record components that hold them instead");
    assertThat(jdk.type()).isEqualTo("java.lang.String");
    assertThat(jdk.property()).isEqualTo("value");
    assertThat(id).hasMessageStartingWith("java.util.Locale.country: is registered as the subject id, but the guard"
        + " takes values of the JDK's classes as they are");
    assertThat(catchInvalid(() -> ProtectedProperties.builder()
        .protect(Model.Borough.class, "office", "location.home-address")))
        .hasMessageStartingWith(Model.Borough.class.getName() + ".office: is registered as protected, but the guard"
            + " takes an enum's constants as they are");
    assertThat(catchInvalid(() -> ProtectedProperties.builder().subjectId(Model.MembersByRole.class, "caseId")))
        .hasMessageStartingWith(Model.MembersByRole.class.getName() + ".caseId: is registered as the subject id, but"
            + " the guard reads only the elements of a collection or a map");
  }

  @Test
  void releaseWhenAStaticFieldIsTaggedOrRegisteredThenNamesTheClassAndPropertyInsteadOfIgnoringTheTag() {
    Model.StaticStatus bean = new Model.StaticStatus();
    bean.clientId = "C-1";
    Guards registered = new Guards(Mode.ENFORCE, ProtectedProperties.builder()
        .protect(Model.GeneratedWithStatic.class, "lastAddress", "location.home-address").build());

    InvalidProtectionException tagged = catchInvalid(() -> guards.guard.release(bean, guards.hiding("hide-status")));

    assertThat(tagged).hasMessage(Model.StaticStatus.class.getName() + ".lastStatus: is static, and the guard and"
        + " Jackson read an object's fields, never its class's: a tag or a registration on it protects nothing; hold"
        + " the value in an instance field or a record component and tag that")
        .hasMessageNotContaining("undocumented");
    assertThat(tagged.type()).isEqualTo(Model.StaticStatus.class.getName());
    assertThat(tagged.property()).isEqualTo("lastStatus");
    assertThat(catchInvalid(() -> guards.guard.release(new Model.StaticIdRecord("Ana"), guards.hiding())))
        .hasMessageStartingWith(Model.StaticIdRecord.class.getName() + ".lastClient: is static, ");
    assertThat(catchInvalid(() -> guards.guard.mayHoldProtected(Model.ChildOfStaticParent.class)))
        .hasMessageStartingWith(Model.ChildOfStaticParent.class.getName() + ".shelter: is a static field of "
            + Model.StaticParent.class.getName() + ", and the guard")
        .hasMessageNotContaining("Bellevue");
    assertThat(catchInvalid(() -> registered.guard.release(new Model.GeneratedWithStatic(), registered.hiding())))
        .hasMessageStartingWith(Model.GeneratedWithStatic.class.getName() + ".lastAddress: is static, ")
        .hasMessageNotContaining("Pearl");
  }

  @Test
  void releaseWhenAnInterfacesConstantIsTaggedOrRegisteredThenNamesTheClassAndConstantInsteadOfIgnoringTheTag() {
    Model.StatusCheck bean = new Model.StatusCheck();
    bean.clientId = "C-1";

    InvalidProtectionException tagged = catchInvalid(() -> guards.guard.release(bean, guards.hiding("hide-status")));
    InvalidProtectionException registered = catchInvalid(() -> ProtectedProperties.builder()
        .protect(Model.KnownStatuses.class, "LAST_SEEN", "immigration.status"));

    assertThat(tagged).hasMessage(Model.StatusCheck.class.getName() + ".LAST_SEEN: is a static field of interface "
        + Model.KnownStatuses.class.getName() + ", and the guard and Jackson read an object's fields, never its"
        + " class's: a tag or a registration on it protects nothing; hold the value in an instance field or a record"
        + " component and tag that")
        .hasMessageNotContaining("undocumented");
    assertThat(tagged.type()).isEqualTo(Model.StatusCheck.class.getName());
    assertThat(tagged.property()).isEqualTo("LAST_SEEN");
    assertThat(catchInvalid(() -> guards.guard.release(new Model.CheckedClient("C-2"), guards.hiding())))
        .as("a constant of an interface the record's interface extends")
        .hasMessageStartingWith(Model.CheckedClient.class.getName() + ".LAST_SEEN: is a static field of interface "
            + Model.KnownStatuses.class.getName() + ", ");
    assertThat(catchInvalid(() -> guards.guard.mayHoldProtected(Model.ClientCase.class)))
        .as("a constant of an interface a superclass implements")
        .hasMessageStartingWith(Model.ClientCase.class.getName() + ".CLIENT: is a static field of interface "
            + Model.LastClient.class.getName() + ", ")
        .hasMessageNotContaining("C-9");
    assertThat(registered).hasMessage(Model.KnownStatuses.class.getName() + ".LAST_SEEN: is registered as protected,"
        + " but an interface has no field the guard reads: its fields are constants, which neither the guard nor"
        + " Jackson reads, and its methods are implemented by classes; register the field or record component of the"
        + " class that holds the value");
    assertThat(catchInvalid(() -> ProtectedProperties.builder().subjectId(Model.LastClient.class, "CLIENT")))
        .hasMessageStartingWith(Model.LastClient.class.getName() + ".CLIENT: is registered as the subject id, but an"
            + " interface has no field the guard reads");
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenARecordImplementsAGenericInterfaceThroughATaggedComponentThenItsBridgeIsNotATagOfItsOwn() {
    DisclosureRequest request = guards.guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(new Model.IdentifiedName("C-1", "Ana")).build();

    assertThat(request.categories()).extracting(Category::key).containsExactly("identity.name");
    assertThat(request.subjects()).containsExactly("C-1");
  }

  @Test
  void releaseWhenManyThreadsReleaseAtOnceThenEachGetsTheSameRedaction() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Person>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String id = "C-" + i;
        futures.add(pool.submit(() -> guards.guard.release(person(id, "Name " + id), guards.hiding("hide-name")).copy()));
      }
      for (int i = 0; i < futures.size(); i++) {
        Person copy = futures.get(i).get(30, TimeUnit.SECONDS);
        assertThat(copy.name()).isNull();
        assertThat(copy.clientId()).isEqualTo("C-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(guards.events).hasSize(400);
  }

  @Test
  void protectedCategoriesWhenAskedThenTheSameTaggingAsRedactionUses() {
    ProtectedProperties registry = ProtectedProperties.builder()
        .protect(GeneratedClientDto.class, "homeAddress", "location.home-address").build();
    Guards registered = new Guards(Mode.ENFORCE, registry);

    assertThat(registered.guard.protectedCategories(Person.class, "status")).extracting(Category::key)
        .containsExactly("immigration.status");
    assertThat(registered.guard.protectedCategories(Person.class, "householdSize")).isEmpty();
    assertThat(registered.guard.protectedCategories(Person.class, "nosuch")).isEmpty();
    assertThat(registered.guard.protectedCategories(GeneratedClientDto.class, "homeAddress")).extracting(Category::key)
        .containsExactly("location.home-address");
    assertThat(registered.guard.mayHoldProtected(Household.class)).isTrue();
    assertThat(registered.guard.mayHoldProtected(Model.Unprotected.class)).isFalse();
    assertThat(registered.guard.mayHoldProtected(String.class)).isFalse();
    assertThat(registered.guard.mayHoldProtected(List.class)).isTrue();
  }

  @Test
  void declaredCategoriesWhenAskedThenEveryCategoryTheDeclaredTypesReachThroughContainersAndCycles() throws Exception {
    ProtectedProperties registry = ProtectedProperties.builder()
        .protect(GeneratedClientDto.class, "homeAddress", "location.home-address").build();
    Guard guard = new Guards(Mode.ENFORCE, registry).guard;
    String[] person = {"identity.name", "immigration.status", "contact.phone", "immigration.documents", "health.records",
        "location.home-address"};

    assertThat(guard.declaredCategories(Person.class)).extracting(Category::key).containsExactlyInAnyOrder(person);
    assertThat(guard.declaredCategories(Household.class)).extracting(Category::key)
        .containsExactlyInAnyOrder(concat(person, "location.shelter"));
    assertThat(guard.declaredCategories(declared("people")))
        .extracting(Category::key).containsExactlyInAnyOrder(person);
    assertThat(guard.declaredCategories(declared("byOffice")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(declared("referrals")))
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("bounded")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(GeneratedClientDto.class)).extracting(Category::key)
        .containsExactly("location.home-address");
  }

  @Test
  void declaredCategoriesWhenAGenericClassIsUsedWithArgumentsThenItsTypeVariablesMeanThem() throws Exception {
    Guard guard = new Guards().guard;

    assertThat(guard.declaredCategories(declared("reply")))
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("replies")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(Reply.class)).isEmpty();
    assertThat(guard.declaredCategories(declared("nested")))
        .as("recursive generics end").extracting(Category::key).containsExactly("location.home-address");
  }

  @Test
  void declaredCategoriesWhenATypeInheritsOrIteratesThenWhatItsSupertypesAreUsedWith() throws Exception {
    Guard guard = new Guards().guard;

    assertThat(guard.declaredCategories(declared("page")))
        .as("an interface that is iterable through its supertypes, as Spring Data's Page")
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(Addresses.class)).as("a class that is iterable")
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(declared("answer")))
        .as("a property a generic superclass declares").extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("swapped")))
        .as("a superclass used with the class's type variables in another order")
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(declared("unprotectedPage"))).isEmpty();
    assertThat(guard.declaredCategories(declared("stream")))
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("iterator")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(declared("iterable")))
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("entry")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(declared("cursor")))
        .extracting(Category::key).containsExactly("immigration.status");
    assertThat(guard.declaredCategories(declared("batches")))
        .extracting(Category::key).containsExactly("location.home-address");
    assertThat(guard.declaredCategories(Party.class)).as("what a sealed interface permits")
        .extracting(Category::key).contains("immigration.status");
    assertThat(guard.declaredCategories(PageOfResidents.class)).as("an application's list, its elements")
        .extracting(Category::key).contains("identity.name", "immigration.status");
    assertThat(guard.declaredCategories(ResidentsOfOffice.class)).as("an application's map, its values")
        .extracting(Category::key).contains("identity.name", "immigration.status");
    assertThat(guard.declaredCategories(Page.class)).as("used raw, its element is any object").isEmpty();
    assertThat(guard.declaredCategories(Answer.class)).isEmpty();
  }

  @Test
  void declaredCategoriesWhenNothingDeclaredIsProtectedThenNone() throws Exception {
    Guard guard = new Guards().guard;

    assertThat(guard.declaredCategories(Model.Unprotected.class)).isEmpty();
    assertThat(guard.declaredCategories(String.class)).isEmpty();
    assertThat(guard.declaredCategories(Object.class)).isEmpty();
    assertThat(guard.declaredCategories(List.class)).isEmpty();
    assertThat(guard.declaredCategories(declared("anything"))).isEmpty();
  }

  @Test
  void declaredCategoriesWhenAReachedClassIsTaggedWronglyThenTheTaggingError() {
    Guard guard = new Guards().guard;

    InvalidProtectionException e = catchInvalid(() -> guard.declaredCategories(Model.UnknownCategory[].class));

    assertThat(e).hasMessageContaining("immigration.stauts");
  }

  /** Generic return types to ask about. */
  private interface Declared {
    List<Person> people();

    Map<String, Optional<Address[]>> byOffice();

    Optional<? extends Referral> referrals();

    <T extends Address> Set<T> bounded();

    List<?> anything();

    Reply<Referral> reply();

    List<Reply<Optional<Address>>> replies();

    Nested<Address> nested();

    Page<Referral> page();

    Page<String> unprotectedPage();

    Answer<Referral> answer();

    Swapped<Address, String> swapped();

    Stream<Referral> stream();

    Iterator<Address> iterator();

    Iterable<Referral> iterable();

    Map.Entry<String, Address> entry();

    Cursor<Referral> cursor();

    Batches<Address> batches();
  }

  /** A person with tags and a note, which hold plain values only. */
  record Tagged(Person person, Stream<String> tags, Map.Entry<String, String> note) {}

  /** Who a case is about: a person, or an office acting for one. */
  sealed interface Party permits PersonParty, OfficeParty {}

  record PersonParty(Person person) implements Party {}

  record OfficeParty(String office) implements Party {}

  /** An answer whose data may be anything: a generic envelope without a type variable. */
  record Untyped(String status, Object data) {}

  /** A value declared as a JDK interface. */
  record Sorted(Comparable<?> first) {}

  /** Values declared as JDK classes that are not final. */
  record Amount(java.math.BigDecimal value, Thread.State state) {}

  /** An application's own iterator over records. */
  interface Cursor<T> extends Iterator<T> {}

  /** An application's own spliterator over records, which a stream is made of. */
  interface Batches<T> extends Spliterator<T> {}

  /** Members as an iterator, which yields them once. */
  record Roster(Iterator<Person> members) {}

  /** Members declared as an iterable, not a collection. */
  record Team(Iterable<Person> members) {}

  /** The first of a ranking, as a JDK pair. */
  record Ranked(Map.Entry<String, Person> first) {}

  /** Pages of records, as Spring Data declares them: iterable through the interfaces they extend. */
  interface Page<T> extends Slice<T> {
    long totalElements();
  }

  interface Slice<T> extends Streamable<T> {
    List<T> content();
  }

  interface Streamable<T> extends Iterable<T>, Supplier<Stream<T>> {}

  /** A class that yields addresses. */
  static final class Addresses implements Iterable<Address> {
    private final List<Address> all = new ArrayList<>();

    @Override
    public Iterator<Address> iterator() {
      return all.iterator();
    }
  }

  /** A generic class whose property is declared by its superclass, in terms of the superclass's variable. */
  static class Envelope<T> {
    @Nullable T payload;
  }

  static class Answer<T> extends Envelope<List<T>> {}

  /** A pair whose second element is the first type argument of its subclass. */
  static class Pair<X, Y> {
    @Nullable X first;
    @Nullable Y second;
  }

  static class Swapped<A, B> extends Pair<B, A> {}

  /** A generic envelope of an answer, whose payload is whatever it is used with. */
  record Reply<T>(T payload, List<T> more, String status) {}

  /** A generic class that uses itself with a new argument: a walk of it must end. */
  record Nested<T>(T value, @Nullable Nested<List<T>> deeper) {}

  /** The generic return type of a method of {@link Declared}. */
  private static Type declared(String method) throws NoSuchMethodException {
    return Declared.class.getDeclaredMethod(method).getGenericReturnType();
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  private static InvalidProtectionException catchInvalid(Runnable action) {
    try {
      action.run();
    } catch (InvalidProtectionException e) {
      return e;
    }
    throw new AssertionError("no InvalidProtectionException");
  }

  /** A mutable ticket, equal to another of the same rank and person, ordered by rank. */
  static final class Ticket implements Comparable<Ticket> {
    int rank;
    @Nullable Person person;

    Ticket() {}

    Ticket(int rank, Person person) {
      this.rank = rank;
      this.person = person;
    }

    @Override
    public int compareTo(Ticket other) {
      return Integer.compare(rank, other.rank);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Ticket ticket && ticket.rank == rank && java.util.Objects.equals(ticket.person, person);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(rank, person);
    }
  }

  record Tickets(java.util.SortedSet<Ticket> waiting, Set<Ticket> seen, Map<Ticket, String> desks) {}

  /**
   * A copy of a bean is filled after it is made: a set or a map of beans is filled once they are,
   * so that no two are merged for looking alike unfilled, and each is where its hash puts it.
   */
  @Test
  void releaseWhenSetsAndMapsHoldBeansThenEachBeanIsKeptAndFoundByItsFilledValues() {
    Ticket first = new Ticket(1, person("C-3", "Eva Cruz"));
    Ticket second = new Ticket(2, person("C-4", "Ivan Paz"));
    Tickets tickets = new Tickets(new java.util.TreeSet<>(List.of(first, second)),
        new java.util.HashSet<>(List.of(first, second)), new java.util.HashMap<>(Map.of(first, "A", second, "B")));

    Tickets copy = guards.guard.release(tickets, guards.hiding("hide-name")).copy();

    assertThat(copy.waiting()).extracting(ticket -> ticket.rank).containsExactly(1, 2);
    assertThat(copy.seen()).hasSize(2);
    Ticket copied = copy.waiting().first();
    assertThat(copied.person.name()).isNull();
    assertThat(copy.seen()).as("found by its filled hash").contains(copied);
    assertThat(copy.desks()).hasSize(2).containsEntry(copied, "A");
    assertThat(copy.seen().iterator().next()).as("one copy of each bean").isIn(copy.waiting());
  }

  record Pending(String caseId, java.util.concurrent.CompletableFuture<Person> person) {}

  record Cached(String caseId, java.lang.ref.WeakReference<Object> last) {}

  record Counted(String caseId, java.util.concurrent.CompletableFuture<Integer> total, Person person) {}

  /**
   * A future, a weak reference or a thread-local holds a value the guard cannot take as it is: one
   * that may hold a protected value is refused where the guard must look, as a stream is, rather
   * than shared unscanned with the copy; one declared to hold plain values passes.
   */
  @Test
  void releaseWhenARecordHoldsAFutureOrAReferenceOfWhatMayBeProtectedThenRefusedNamingIt() {
    Person person = person("C-7", "Ana Diaz");
    Pending pending = new Pending("K-7", java.util.concurrent.CompletableFuture.completedFuture(person));
    Cached cached = new Cached("K-8", new java.lang.ref.WeakReference<>(person));
    Counted counted = new Counted("K-9", java.util.concurrent.CompletableFuture.completedFuture(3), person);

    for (Object payload : List.of(pending, cached)) {
      assertThatThrownBy(() -> guards.guard.release(payload, guards.hiding("hide-name")))
          .isInstanceOf(InvalidProtectionException.class)
          .hasMessageContaining("a Future, a Reference or a ThreadLocal, whose value the guard cannot take as it is")
          .hasMessageNotContaining("Ana Diaz");
    }
    Counted copy = guards.guard.release(counted, guards.hiding("hide-name")).copy();

    assertThat(guards.guard.mayHoldProtected(Pending.class)).isTrue();
    assertThat(guards.guard.declaredCategories(Pending.class)).extracting(Category::key).contains("identity.name");
    assertThat(copy.total()).isSameAs(counted.total());
    assertThat(copy.person().name()).isNull();
  }

  /** A case whose note is a resident's record. */
  static class BaseCase {
    @Nullable Object note;

    BaseCase() {}
  }

  /** A subclass that hides the note with a note of its own, untagged both. */
  static final class ReopenedCase extends BaseCase {
    @Nullable String note;

    ReopenedCase() {}
  }

  /**
   * A field hidden by a subclass's field of the same name is a field of the object all the same:
   * what it holds is decided and copied, not left out of the scan and lost from the copy.
   */
  @Test
  void releaseWhenASubclassHidesAFieldThenBothFieldsAreScannedAndCopied() {
    ReopenedCase reopened = new ReopenedCase();
    reopened.note = "reopened on appeal";
    ((BaseCase) reopened).note = person("C-5", "Rosa Vega");

    Release<ReopenedCase> release = guards.guard.release(reopened, guards.hiding("hide-name"));
    ReopenedCase copy = release.copy();

    assertThat(release.decision()).hasValueSatisfying(decision -> assertThat(decision.outcome())
        .isEqualTo(Outcome.ALLOW_REDACTED));
    assertThat(copy.note).isEqualTo("reopened on appeal");
    assertThat(((BaseCase) copy).note).isInstanceOfSatisfying(Person.class, person -> {
      assertThat(person.clientId()).isEqualTo("C-5");
      assertThat(person.name()).isNull();
    });
    assertThat(guards.events).singleElement().satisfies(event -> assertThat(event.subjectCount()).isOne());
  }
}
