package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.Model.person;

import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.ProtectedProperties;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.redaction.Model.Person;

/**
 * Objects of classes the JDK or a library makes at run time, which a Spring service hands out as
 * readily as its own records: JDK proxies (a Spring Data interface projection, a view over a map),
 * read through their interfaces' getters, and subclasses generated to stand for another object (a
 * Spring CGLIB proxy, a Hibernate lazy reference), refused.
 */
class RuntimeClassesTest {

  private final Guards guards = new Guards();

  /** A view of a resident's record in an interface of this package only: its proxies are classes of this package. */
  interface LocalSummary {
    String getClientId();

    Person getPerson();

    /** What Jackson writes too, computed by the interface from the view's getters. */
    default String getLabel() {
      return "case " + getClientId();
    }
  }

  /** A view of plain values only. */
  public interface OfficeView {
    String getOffice();

    boolean isOpen();
  }

  /** A generic view, whose getter returns what its type argument says. */
  public interface Item<T> {
    T getItem();
  }

  /** A view whose getter is tagged, as if the guard protected what an interface's method returns. */
  public interface TaggedView {
    @Protected("immigration.status")
    String getStatus();
  }

  /** A view that leads to another view, as a projection of a projection does. */
  public interface Chain {
    String getClientId();

    Chain getNext();
  }

  record Reply(String caseId, PublicView view) {}

  /**
   * A JDK proxy of an interface whose getters answer from a map, as Spring Data backs a projection
   * of a native query; {@code toString} names the view and nothing it holds. Counts the getters'
   * calls.
   */
  @SuppressWarnings("unchecked")
  static <T> T view(Class<T> type, Map<String, ?> values, AtomicInteger calls) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
      switch (method.getName()) {
        case "toString":
          return type.getSimpleName() + " view";
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == arguments[0];
        default:
          if (method.isDefault()) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, arguments);
          }
          calls.incrementAndGet();
          String name = method.getName().replaceFirst("^(get|is)", "");
          Object value = values.get(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
          if (value == null) {
            throw new IllegalStateException("no " + name + " among " + values);
          }
          return value;
      }
    });
  }

  static <T> T view(Class<T> type, Map<String, ?> values) {
    return view(type, values, new AtomicInteger());
  }

  private static final PublicView.Resident ANA = new PublicView.Resident("C-1", "Ana Diaz", "tps", "Canal St");

  @Test
  void releaseWhenAJdkProxyReturnsAResidentsRecordThenItIsDecidedAndCopiedAsANewViewOfItsInterfaces() {
    AtomicInteger calls = new AtomicInteger();
    PublicView view = view(PublicView.class, Map.of("clientId", "C-1", "resident", ANA), calls);
    LocalSummary local = view(LocalSummary.class, Map.of("clientId", "C-2", "person", person("C-2", "Luis Ortiz")));

    Release<PublicView> release = guards.guard.release(view, guards.hiding("hide-name"));
    Release<LocalSummary> localRelease = guards.guard.release(local, guards.hiding("hide-name"));
    Release<Reply> inRecord = guards.guard.release(new Reply("K-1", view), guards.hiding("hide-name"));
    Release<List<PublicView>> inList = guards.guard.release(List.of(view, view), guards.hiding("hide-name"));

    assertThat(view.getClass().getName()).as("a class of the JDK's package").startsWith("jdk.proxy");
    assertThat(local.getClass().getPackageName()).isEqualTo(RuntimeClassesTest.class.getPackageName());
    assertThat(guards.guard.mayHoldProtected(view.getClass())).isTrue();
    PublicView copy = release.copy();
    assertThat(copy).isNotSameAs(view);
    assertThat(copy.getClientId()).isEqualTo("C-1");
    assertThat(copy.getResident()).isEqualTo(new PublicView.Resident("C-1", null, "tps", "Canal St"));
    assertThat(copy.toString()).isEqualTo("redacted copy of a view of " + PublicView.class.getName());
    assertThat(copy.equals(copy)).isTrue();
    assertThat(copy.equals(view)).as("equal to itself alone").isFalse();
    assertThat(copy.hashCode()).isEqualTo(System.identityHashCode(copy));
    LocalSummary localCopy = localRelease.copy();
    assertThat(localCopy.getPerson().name()).isNull();
    assertThat(localCopy.getPerson().status()).isEqualTo("asylum-pending");
    assertThat(localCopy.getLabel()).as("a default getter answers what the view gave").isEqualTo("case C-2");
    assertThat(inRecord.copy().view().getResident().name()).isNull();
    assertThat(inList.copy()).hasSize(2).allSatisfy(element -> assertThat(element.getResident().name()).isNull());
    assertThat(inList.copy().get(0)).as("one view met twice is copied once").isSameAs(inList.copy().get(1));
    assertThat(calls).as("each getter of each view called once per release: the copy is of what was decided on")
        .hasValue(2 * 3);
    assertThat(guards.events).hasSize(4).allSatisfy(event -> {
      assertThat(event.outcome()).hasValue(Outcome.ALLOW_REDACTED);
      assertThat(event.withheld()).containsExactly("identity.name");
      assertThat(event.subjectCount()).isOne();
    });
  }

  @Test
  void releaseWhenAViewsCopyIsAskedForSomethingButItsGettersThenRefusedNamingTheMethod() {
    Release<PublicView> release = guards.guard.release(
        view(PublicView.class, Map.of("clientId", "C-1", "resident", ANA)), guards.hiding());

    assertThat(release.copy().getResident()).as("nothing withheld").isEqualTo(ANA);
    assertThatThrownBy(() -> ((Chain) Proxy.newProxyInstance(Chain.class.getClassLoader(),
        new Class<?>[] {Chain.class}, Proxy.getInvocationHandler(release.copy()))).getNext())
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("a redacted copy of a view of " + PublicView.class.getName() + " answers its getters, not getNext()");
  }

  @Test
  void releaseWhenAJdkProxyReturnsOnlyPlainValuesThenItIsReleasedAsItIsLikeAnyObjectWithoutProtectedValues() {
    OfficeView office = view(OfficeView.class, Map.of("office", "Canal St", "open", true));

    Release<OfficeView> release = guards.guard.release(office, guards.hiding("hide-name"));

    assertThat(guards.guard.mayHoldProtected(office.getClass())).isFalse();
    assertThat(release.value()).isSameAs(office);
    assertThat(release.decision()).isEmpty();
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenAJdkProxysGetterFailsEvenWithAnErrorThenRefusedNamingTheGetterAndFailureButNotItsMessage() {
    PublicView broken = view(PublicView.class, Map.of("clientId", "C-3"));
    PublicView erring = (PublicView) Proxy.newProxyInstance(PublicView.class.getClassLoader(),
        new Class<?>[] {PublicView.class}, (proxy, method, arguments) -> {
          throw new AssertionError("status TPS-SECRET of C-4");
        });

    assertThatThrownBy(() -> guards.guard.release(broken, guards.hiding("hide-name")))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessage("the guard could not read the view of " + PublicView.class.getName() + ": its getter of 'resident'"
            + " threw java.lang.IllegalStateException (its message is not repeated, as it may hold a protected value)");
    assertThatThrownBy(() -> guards.guard.release(erring, guards.hiding("hide-name")))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("threw java.lang.AssertionError")
        .hasMessageNotContaining("TPS-SECRET")
        .hasNoCause();
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenAViewsGetterMakesANewViewAtEachCallThenRefusedAtTheBoundInsteadOfReadingForever() {
    Chain endless = endless(new AtomicInteger());
    Chain finite = (Chain) Proxy.newProxyInstance(Chain.class.getClassLoader(), new Class<?>[] {Chain.class},
        (proxy, method, arguments) -> method.getName().equals("getClientId") ? "C-7" : proxy);
    record Holder(Chain chain, Person person) {}

    assertThatThrownBy(() -> guards.guard.release(new Holder(endless, person("C-6", "Eva Cruz")),
        guards.hiding("hide-name")))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageStartingWith("the payload holds more than 100000 views (JDK proxies of " + Chain.class.getName());
    Holder released = guards.guard.release(new Holder(finite, person("C-6", "Eva Cruz")), guards.hiding("hide-name"))
        .copy();
    assertThat(released.chain().getNext()).as("a view that returns itself is copied as one that does").isSameAs(
        released.chain());
    assertThat(released.person().name()).isNull();
  }

  private static Chain endless(AtomicInteger made) {
    made.incrementAndGet();
    return (Chain) Proxy.newProxyInstance(Chain.class.getClassLoader(), new Class<?>[] {Chain.class},
        (proxy, method, arguments) -> method.getName().equals("getClientId") ? "C-" + made.get() : endless(made));
  }

  @Test
  void releaseWhenAJdkProxysInterfaceIsTaggedOrItsClassRegisteredThenNamesTheClassAndPropertyInsteadOfIgnoringIt() {
    TaggedView tagged = view(TaggedView.class, Map.of("status", "TPS-SECRET"));
    OfficeView office = view(OfficeView.class, Map.of("office", "Canal St", "open", true));

    assertThatThrownBy(() -> ProtectedProperties.builder().protect(office.getClass(), "office", "location.shelter"))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageStartingWith(office.getClass().getName() + ".office: is registered as protected, but a JDK proxy"
            + " has no field the guard reads");
    assertThatThrownBy(() -> guards.guard.release(tagged, guards.hiding("hide-name")))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageContaining(tagged.getClass().getName())
        .hasMessageContaining("getStatus()")
        .hasMessageContaining("is tagged in interface " + TaggedView.class.getName())
        .hasMessageNotContaining("TPS-SECRET");
    assertThat(guards.events).isEmpty();
  }

  Item<Person> personItem() {
    throw new AssertionError("only its declared type is read");
  }

  Item<String> textItem() {
    throw new AssertionError("only its declared type is read");
  }

  @Test
  void declaredCategoriesWhenAnInterfaceDeclaresGettersThenWhatTheyReturnSinceItsProxiesAreReadThroughThem()
      throws Exception {
    Type personItem = getClass().getDeclaredMethod("personItem").getGenericReturnType();
    Type textItem = getClass().getDeclaredMethod("textItem").getGenericReturnType();

    assertThat(guards.guard.declaredCategories(PublicView.class)).extracting(Category::key)
        .containsExactlyInAnyOrder("identity.name", "immigration.status");
    assertThat(guards.guard.declaredCategories(LocalSummary.class)).extracting(Category::key)
        .contains("identity.name", "immigration.status", "location.home-address");
    assertThat(guards.guard.declaredCategories(personItem)).extracting(Category::key)
        .contains("identity.name", "immigration.status");
    assertThat(guards.guard.declaredCategories(textItem)).isEmpty();
    assertThat(guards.guard.declaredCategories(OfficeView.class)).isEmpty();
  }

  /** A case file, as an application writes it. */
  static class CaseFile {
    @Protected("identity.name") @Nullable String name;
    @Nullable String office;
  }

  /** Named as Spring's CGLIB names the subclass it generates to proxy a class. */
  static class CaseFile$$SpringCGLIB$$0 extends CaseFile {}

  /** Named as Hibernate names a lazy reference's class. */
  static class CaseFile$HibernateProxy$Xy12 extends CaseFile {}

  /** The application's own subclass, named with a '$' as a code generator may name one. */
  static class CaseFile$Private extends CaseFile {
    @Protected("immigration.status") @Nullable String status;
  }

  @Test
  void releaseWhenALibraryGeneratedTheSubclassToStandForAnotherObjectThenRefusedSayingToReleaseThatObject() {
    for (CaseFile proxy : List.of(new CaseFile$$SpringCGLIB$$0(), new CaseFile$HibernateProxy$Xy12())) {
      assertThatThrownBy(() -> guards.guard.release(List.of(proxy), guards.hiding("hide-name")))
          .isInstanceOf(InvalidProtectionException.class)
          .hasMessageStartingWith(proxy.getClass().getName() + ": is a subclass that ")
          .hasMessageContaining("release the object itself (unproxied, loaded), or a record of its values")
          .hasMessageEndingWith(". It is held at an element of a collection.");
    }
    CaseFile$Private own = new CaseFile$Private();
    own.name = "Ana Diaz";
    own.status = "tps";
    own.office = "Canal St";

    CaseFile$Private copy = guards.guard.release(own, guards.hiding("hide-status")).copy();

    assertThat(copy.name).isEqualTo("Ana Diaz");
    assertThat(copy.status).isNull();
    assertThat(copy.office).isEqualTo("Canal St");
    assertThat(guards.events).singleElement().satisfies(event ->
        assertThat(event.withheld()).containsExactly("immigration.status"));
  }

  /** A view whose default getter computes from a protected value, as a record's method may. */
  interface CaseView {
    Person getPerson();

    default String getHeadline() {
      return getPerson().clientId() + ": " + getPerson().status();
    }
  }

  /** A view whose default method is not a getter, in an interface of this package only. */
  interface PersonItem extends Item<Person> {
    @Override
    Person getItem();

    default String describe() {
      return "item " + getItem().clientId() + " " + getItem().name();
    }
  }

  /** Two getters of one property, and a getter of a primitive. */
  interface Flagged {
    Boolean getActive();

    Boolean isActive();

    int getRank();

    Person getPerson();
  }

  record Queue(java.util.SortedSet<Flagged> waiting) {}

  @Test
  void releaseWhenTheCopysDefaultMethodsRunThenTheyComputeFromTheRedactedValuesAsARecordsMethodsDo() {
    CaseView view = view(CaseView.class, Map.of("person", person("C-2", "Luis Ortiz")));
    PersonItem item = view(PersonItem.class, Map.of("item", person("C-6", "Eva Cruz")));

    CaseView copy = guards.guard.release(view, guards.hiding("hide-status")).copy();
    PersonItem itemCopy = guards.guard.release(item, guards.hiding("hide-name")).copy();

    assertThat(view.getHeadline()).isEqualTo("C-2: asylum-pending");
    assertThat(copy.getHeadline()).as("the withheld status does not come back through a default getter")
        .isEqualTo("C-2: null");
    assertThat(itemCopy.describe()).as("a default method of an interface of a package only").isEqualTo("item C-6 null");
  }

  @Test
  void releaseWhenViewsAreInASortedSetThenEachIsCopiedWithAllItsGettersAnswering() {
    java.util.TreeSet<Flagged> waiting = new java.util.TreeSet<>(java.util.Comparator.comparingInt(Flagged::getRank));
    waiting.add(view(Flagged.class, Map.of("active", true, "rank", 1, "person", person("C-3", "Eva Cruz"))));
    waiting.add(view(Flagged.class, Map.of("active", false, "rank", 2, "person", person("C-4", "Ivan Paz"))));

    Queue copy = guards.guard.release(new Queue(waiting), guards.hiding("hide-name")).copy();

    assertThat(copy.waiting()).extracting(Flagged::getRank).containsExactly(1, 2);
    assertThat(copy.waiting()).extracting(Flagged::getActive).containsExactly(true, false);
    assertThat(copy.waiting()).extracting(Flagged::isActive).containsExactly(true, false);
    assertThat(copy.waiting()).allSatisfy(flagged -> assertThat(flagged.getPerson().name()).isNull());
  }

  @Test
  void releaseWhenAViewsGetterThrowsAnErrorOfTheVirtualMachineThenItIsPassedOnWithoutItsMessage() {
    CaseView erring = (CaseView) Proxy.newProxyInstance(CaseView.class.getClassLoader(),
        new Class<?>[] {CaseView.class}, (proxy, method, arguments) -> {
          throw new InternalError("status TPS-SECRET of C-4");
        });

    assertThatThrownBy(() -> guards.guard.release(erring, guards.hiding("hide-name")))
        .isExactlyInstanceOf(InternalError.class)
        .hasMessage(null);
  }

  /** An application's interface that is a pair, or that iterates residents. */
  public interface ResidentEntry extends Map.Entry<String, Person> {}

  public interface Residents extends Iterable<Person> {}

  @Test
  void releaseWhenAViewIsAlsoAnEntryOrAnIterableThenRefusedAsJacksonWritesWhatItHoldsNotItsGetters() {
    ResidentEntry entry = view(ResidentEntry.class, Map.of("key", "C-9", "value", person("C-9", "Luis Ortiz")));
    Residents residents = view(Residents.class, Map.of());

    assertThatThrownBy(() -> guards.guard.release(entry, guards.hiding("hide-name")))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageContaining("a Map.Entry or an AtomicReference, which the guard does not look into");
    assertThatThrownBy(() -> guards.guard.release(residents, guards.hiding("hide-name")))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageContaining("is a JDK proxy of an Iterable, which Jackson writes as the elements it iterates");
    assertThat(guards.events).isEmpty();
  }
}
