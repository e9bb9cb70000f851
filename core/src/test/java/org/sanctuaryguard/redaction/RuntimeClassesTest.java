package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.Model.person;

import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.InstanceOfAssertFactories;
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
 * lambdas and other hidden classes, and the subclasses Spring's CGLIB and Hibernate generate to
 * proxy an application's class ({@link CaseFile}).
 */
class RuntimeClassesTest {

  private final Guards guards = new Guards();

  /** A view of a resident's record in an interface of this package only: its proxies are classes of this package. */
  interface LocalSummary {
    String getClientId();

    Person getPerson();
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

  record Reply(String caseId, PublicView view) {}

  record Deferred(String caseId, Supplier<Person> later) {}

  record Scheduled(String caseId, Runnable reminder) {}

  /**
   * A JDK proxy of an interface whose getters answer from a map, as Spring Data backs a projection
   * of a native query; {@code toString} names the view and nothing it holds.
   */
  @SuppressWarnings("unchecked")
  static <T> T view(Class<T> type, Map<String, ?> values) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) ->
        switch (method.getName()) {
          case "toString" -> type.getSimpleName() + " view";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == arguments[0];
          default -> {
            String name = method.getName().replaceFirst("^(get|is)", "");
            Object value = values.get(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
            if (value == null) {
              throw new IllegalStateException("no " + name + " among " + values);
            }
            yield value;
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  /** What a tree holds of {@code person(clientId, name)} or a {@link PublicView.Resident} when its name is withheld. */
  private static void assertNameless(Object value, String clientId, String status) {
    assertThat(tree(value)).containsEntry("clientId", clientId).containsEntry("status", status)
        .doesNotContainKey("name");
  }

  @Test
  void releaseWhenAJdkProxyReturnsAResidentsRecordThenItIsDecidedAndReleasedAsATreeOfItsGetters() {
    PublicView view = view(PublicView.class,
        Map.of("clientId", "C-1", "resident", new PublicView.Resident("C-1", "Ana Diaz", "tps", "Canal St")));
    LocalSummary local = view(LocalSummary.class, Map.of("clientId", "C-2", "person", person("C-2", "Luis Ortiz")));

    Release<PublicView> release = guards.guard.release(view, guards.hiding("hide-name"));
    Release<LocalSummary> localRelease = guards.guard.release(local, guards.hiding("hide-name"));
    Release<Reply> inRecord = guards.guard.release(new Reply("K-1", view), guards.hiding("hide-name"));
    Release<List<PublicView>> inList = guards.guard.release(List.of(view), guards.hiding("hide-name"));

    assertThat(view.getClass().getName()).as("a class of the JDK's package").startsWith("jdk.proxy");
    assertThat(local.getClass().getPackageName()).isEqualTo(RuntimeClassesTest.class.getPackageName());
    assertThat(guards.guard.mayHoldProtected(view.getClass())).isTrue();
    assertThat(guards.guard.mayHoldProtected(local.getClass())).isTrue();
    assertThat(release.isCopy()).isFalse();
    assertThat(tree(release.value())).containsOnlyKeys("clientId", "resident").containsEntry("clientId", "C-1");
    assertNameless(tree(release.value()).get("resident"), "C-1", "tps");
    assertNameless(tree(localRelease.value()).get("person"), "C-2", "asylum-pending");
    assertThat(tree(inRecord.value())).containsEntry("caseId", "K-1");
    assertNameless(tree(tree(inRecord.value()).get("view")).get("resident"), "C-1", "tps");
    assertThat(inList.value()).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
        .satisfies(element -> assertNameless(tree(element).get("resident"), "C-1", "tps"));
    assertThat(guards.events).hasSize(4).allSatisfy(event -> {
      assertThat(event.outcome()).hasValue(Outcome.ALLOW_REDACTED);
      assertThat(event.withheld()).containsExactly("identity.name");
      assertThat(event.subjectCount()).isOne();
    });
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
  void releaseWhenAJdkProxysGetterFailsThenRefusedNamingTheFailureButNotItsMessage() {
    PublicView broken = view(PublicView.class, Map.of("clientId", "C-3"));

    assertThatThrownBy(() -> guards.guard.release(broken, guards.hiding("hide-name")))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining(IllegalStateException.class.getName())
        .hasMessageNotContaining("C-3");
    assertThat(guards.events).isEmpty();
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
        .hasMessageContaining("return a record")
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

  @Test
  void releaseWhenALambdaCapturesAResidentsRecordThenWhatItCapturedIsDecidedLikeAFieldsValue() {
    Person person = person("C-5", "Rosa Vega");
    Supplier<Person> later = () -> person;
    Runnable reminder = () -> { };

    Release<Deferred> release = guards.guard.release(new Deferred("K-5", later), guards.hiding("hide-name"));
    Scheduled scheduled = new Scheduled("K-6", reminder);
    Release<Scheduled> nothing = guards.guard.release(scheduled, guards.hiding("hide-name"));

    assertThat(later.getClass().isHidden()).as("a lambda's class is a hidden class").isTrue();
    assertThat(guards.guard.mayHoldProtected(later.getClass())).isTrue();
    assertThat(release.isCopy()).isFalse();
    assertThat(tree(release.value())).containsEntry("caseId", "K-5");
    assertThat(tree(tree(release.value()).get("later")).values()).singleElement()
        .satisfies(captured -> assertNameless(captured, "C-5", "asylum-pending"));
    assertThat(nothing.value()).isSameAs(scheduled);
    assertThat(nothing.decision()).isEmpty();
    assertThat(guards.events).singleElement().satisfies(event -> {
      assertThat(event.outcome()).hasValue(Outcome.ALLOW_REDACTED);
      assertThat(event.withheld()).containsExactly("identity.name");
    });
  }

  @Test
  void releaseWhenALazyReferenceHasNotLoadedItsRecordThenItsGettersLoadItAndItIsDecided() {
    CaseFile reference = CaseFile.lazyReference("C-9");

    Release<CaseFile> release = guards.guard.release(reference, guards.hiding("hide-name"));

    assertThat(release.decision()).hasValueSatisfying(decision ->
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED));
    assertThat(release.copy()).isExactlyInstanceOf(CaseFile.class).satisfies(copy -> {
      assertThat(copy.getClientId()).isEqualTo("C-9");
      assertThat(copy.getName()).isNull();
      assertThat(copy.getStatus()).isEqualTo("tps");
      assertThat(copy.getOffice()).isEqualTo("Jamaica");
    });
    assertThat(guards.events).singleElement().satisfies(event -> {
      assertThat(event.withheld()).containsExactly("identity.name");
      assertThat(event.released()).containsExactly("immigration.status");
      assertThat(event.subjectCount()).isOne();
    });
  }

  @Test
  void releaseWhenALazyReferencesRecordIsGoneThenRefusedNamingTheFailureButNotItsMessage() {
    CaseFile gone = CaseFile.lazyReference("C-GONE-4");

    assertThatThrownBy(() -> guards.guard.release(gone, guards.hiding("hide-name")))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining(IllegalStateException.class.getName())
        .hasMessageNotContaining("C-GONE-4");
    assertThat(guards.events).isEmpty();
  }

  @Test
  void releaseWhenASpringClassProxyHoldsTheRecordBehindItsCallbackThenTheCopyIsOfTheApplicationsClassWithoutItsMachinery() {
    CaseFile proxy = CaseFile.springProxy(new CaseFile("C-8", "Eva Cruz", "asylum-pending", "Canal St"));

    Release<CaseFile> release = guards.guard.release(proxy, guards.hiding("hide-status"));

    assertThat(release.copy()).isExactlyInstanceOf(CaseFile.class).satisfies(copy -> {
      assertThat(copy.getClientId()).isEqualTo("C-8");
      assertThat(copy.getName()).isEqualTo("Eva Cruz");
      assertThat(copy.getStatus()).isNull();
      assertThat(copy.getOffice()).isEqualTo("Canal St");
    });
    assertThat(guards.events).singleElement().satisfies(event ->
        assertThat(event.withheld()).containsExactly("immigration.status"));
  }

  @Test
  void protectedCategoriesWhenASubclassIsGeneratedThenTheTagsOfTheClassItExtendsApply() {
    Class<?> spring = CaseFile.springProxy(new CaseFile()).getClass();
    Class<?> hibernate = CaseFile.lazyReference("C-9").getClass();

    for (Class<?> generated : List.of(spring, hibernate)) {
      assertThat(guards.guard.mayHoldProtected(generated)).isTrue();
      assertThat(guards.guard.protectedCategories(generated, "status")).extracting(Category::key)
          .containsExactly("immigration.status");
      assertThat(guards.guard.protectedCategories(generated, "office")).isEmpty();
    }
  }

  @Test
  void releaseWhenAnApplicationsOwnSubclassOverridesAGetterThenItIsStillCopiedAsItselfThroughItsFields() {
    CaseFile.Draft draft = new CaseFile.Draft("C-10", "Ana Diaz", "supervisor");

    Release<CaseFile.Draft> release = guards.guard.release(draft, guards.hiding("hide-status"));

    assertThat(release.copy()).isExactlyInstanceOf(CaseFile.Draft.class).isNotSameAs(draft).satisfies(copy -> {
      assertThat(copy.getStatus()).isNull();
      assertThat(copy.getOffice()).isEqualTo("Canal St");
      assertThat(copy.getName()).isEqualTo("draft of supervisor");
    });
    assertThat(guards.events).singleElement().satisfies(event ->
        assertThat(event.released()).contains("identity.name"));
  }
}
