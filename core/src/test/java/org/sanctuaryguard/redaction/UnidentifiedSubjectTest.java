package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.Refusals.assertShowsNoCanary;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EventObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.TestPacks;

/**
 * {@code redact} and protected values of no identified person: those of an object that has no
 * subject id and is in no object that has one, at the top of the payload or reached from there
 * through containers only. {@code release} counts them as a person the request does not name, whom
 * a warrant naming particular people does not cover; {@code redact} releases them only under a
 * decision made with such values, a bulk one, or in monitor mode, and otherwise refuses the payload
 * whole, as it does one holding another person's record.
 */
class UnidentifiedSubjectTest {

  private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");
  private static final String SUBJECT = "C-1001";
  private static final String NAME = "CANARY-NAME-Ana Diaz";
  private static final String STREET = "CANARY-STREET-12 Canal St";
  private static final List<String> CANARIES = List.of(SUBJECT, NAME, STREET, "CANARY", "Canal");
  private static final String UNDECIDED = "guard.subject-not-decided";

  private final List<GuardEvent> events = new CopyOnWriteArrayList<>();
  private final Guard guard = guard(Mode.ENFORCE);

  /** Public, as a view's default getter returns one. */
  public record Address(@Protected("location.home-address") @Nullable String street, String borough) {}

  record Resident(@SubjectId String clientId, @Protected("identity.name") @Nullable String name,
      @Nullable Address address) {}

  /** A record without a subject id or a protected value of its own, holding addresses. */
  record Mailing(String office, List<Address> addresses) {}

  /** A record without a subject id holding residents, who have theirs. */
  record Roster(String office, List<Resident> residents) {}

  /** A bean without a subject id: copied field by field, filled after it is made. */
  static final class Card {
    @Protected("location.home-address") @Nullable String street;
    @Nullable Card next;
    List<Address> previous = new ArrayList<>();

    Card() {}
  }

  /** A bean with a subject id holding addresses in a list, both filled after they are made. */
  static final class Case {
    @SubjectId @Nullable String clientId;
    List<Address> addresses = new ArrayList<>();

    Case() {}
  }

  /** Neither a record nor a bean: released as a tree. */
  static final class Ledger {
    @Protected("location.home-address") private final String street;

    Ledger(String street) {
      this.street = street;
    }
  }

  /** A notice about a resident, holding the JDK's event whose source is an address. */
  record Notice(@SubjectId String clientId, EventObject event) {}

  /** A projection whose address a default getter computes: on the copy, it computes it again. */
  public interface Located {
    String getBorough();

    default Address getAddress() {
      return new Address(STREET, getBorough());
    }
  }

  /** A resident's file holding a projection, whose computed address is the resident's. */
  record Filed(@SubjectId String clientId, Located located) {}

  private static Located located() {
    return (Located) Proxy.newProxyInstance(Located.class.getClassLoader(), new Class<?>[] {Located.class},
        (self, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(self, method, args);
          }
          return switch (method.getName()) {
            case "getBorough" -> "Manhattan";
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> "Located";
          };
        });
  }

  private Guard guard(Mode mode) {
    Policy policy = Policy.builder()
        .packs(List.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .clock(Clock.fixed(AT, ZoneOffset.UTC))
        .build();
    return Guard.of(GuardConfig.custom().policy(policy).mode(mode).holder(Holder.SHELTER).auditSinks(events::add)
        .build());
  }

  /** A verified warrant of an Article III judge naming {@link #SUBJECT}, for names and home addresses. */
  private static LegalBasis warrant() {
    return TestPacks.article3Warrant(SUBJECT, "identity.name", "location.home-address").build();
  }

  /** ICE's criminal investigators, with the warrant. */
  private static DisclosureRequest.Builder ice(Guard guard) {
    return guard.request().recipient("ice-hsi").purpose(Purpose.CRIMINAL_INVESTIGATION).basis(warrant());
  }

  private static DisclosureRequest.Builder staff(Guard guard) {
    return guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY);
  }

  private static Address address() {
    return new Address(STREET, "Manhattan");
  }

  private static Resident resident() {
    return new Resident(SUBJECT, NAME, address());
  }

  /** The warrant's decision, made with the resident's record: it releases the resident's name and address. */
  private Decision warranted() {
    Decision decision = guard.decide(ice(guard).payload(resident()).build());
    assertThat(decision.released()).extracting(Category::key).contains("identity.name", "location.home-address");
    return decision;
  }

  /** Payloads whose address is of no identified person: at the top, or reached from there through containers only. */
  private static Map<String, Object> withoutSubject() {
    Card card = new Card();
    card.street = STREET;
    Card holdingOne = new Card();
    holdingOne.previous.add(address());
    Map<String, Object> payloads = new LinkedHashMap<>();
    payloads.put("a record", address());
    payloads.put("a list", List.of(address()));
    payloads.put("a map's values", Map.of("home", address()));
    payloads.put("a map's keys", Map.of(address(), "home"));
    payloads.put("an optional", Optional.of(address()));
    payloads.put("an array", new Address[] {address()});
    payloads.put("a list in a list", List.of(List.of(address())));
    payloads.put("a record without a subject id", new Mailing("Intake", List.of(address())));
    payloads.put("a bean", card);
    payloads.put("a list in a bean", holdingOne);
    payloads.put("a tree", new Ledger(STREET));
    payloads.put("a JDK event's source", new EventObject(address()));
    payloads.put("a list beside a resident", List.of(resident(), address()));
    return payloads;
  }

  private static void assertRefused(Runnable redaction, String as) {
    assertThatThrownBy(redaction::run).as(as).isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
      assertThat(refused.decision().rules()).containsExactly(UNDECIDED);
      assertThat(refused.decision().released()).isEmpty();
      assertShowsNoCanary(refused, CANARIES);
    });
  }

  /**
   * Before, {@code redact} looked at the subject ids of the objects it copied, and an object with
   * none at the top was about no one it could check: the address went out to ICE under a warrant
   * that names C-1001, which {@code release} of the same address with the same request refuses.
   */
  @Test
  void redactWhenARecordWithoutSubjectIdIsAtTheTopThenRefusedAsReleaseIsUnderTheSameWarrant() {
    DisclosureRequest.Builder request = ice(guard).payload(resident());
    Decision decision = guard.decide(request.build());
    assertThat(decision.released()).extracting(Category::key).contains("identity.name", "location.home-address");

    assertThatThrownBy(() -> guard.release(address(), request))
        .as("release counts the address as a person the warrant does not name")
        .isInstanceOf(DisclosureRefusedException.class);
    assertRefused(() -> guard.redact(address(), decision), "redact");
  }

  @Test
  void redactWhenAnObjectWithoutSubjectIdIsReachedFromTheTopThroughContainersThenRefusedWhole() {
    Decision decision = warranted();

    withoutSubject().forEach((shape, payload) -> {
      assertRefused(() -> guard.redact(payload, decision), shape);
      assertThatThrownBy(() -> guard.release(payload, ice(guard)))
          .as("release of %s under the same warrant", shape).isInstanceOf(DisclosureRefusedException.class);
    });
  }

  @Test
  void redactWhenAnObjectWithoutSubjectIdIsInOneWithASubjectIdThenItIsThatPersonsAndReleased() {
    Decision decision = warranted();
    Case file = new Case();
    file.clientId = SUBJECT;
    file.addresses.add(address());

    Resident copy = guard.redact(resident(), decision).copy();
    Case filed = guard.redact(file, decision).copy();
    List<Resident> listed = guard.redact(List.of(resident()), decision).copy();
    Roster roster = guard.redact(new Roster("Intake", List.of(resident())), decision).copy();
    Notice notice = guard.redact(new Notice(SUBJECT, new EventObject(address())), decision).copy();

    assertThat(copy.address()).isEqualTo(address());
    assertThat(copy.name()).isEqualTo(NAME);
    assertThat(filed.addresses).as("filled after the case, still under its subject id").containsExactly(address());
    assertThat(listed).containsExactly(resident());
    assertThat(roster.residents()).containsExactly(resident());
    assertThat(notice.event().getSource()).isEqualTo(address());
  }

  @Test
  void redactWhenTheDecisionWasMadeWithThePayloadItselfThenReleasedAsDecided() {
    List<Address> addresses = List.of(address());
    Decision forStaff = guard.decide(staff(guard).payload(addresses).build());
    Decision forIce = guard.decide(ice(guard).subjects(SUBJECT).payload(address()).build());

    assertThat(guard.redact(addresses, forStaff).copy()).containsExactly(address());
    assertThat(guard.redact(new Mailing("Intake", List.of(address())), forStaff).copy().addresses())
        .as("values of no identified person, as the decided payload held").containsExactly(address());
    assertThat(forIce.released()).as("the request named the address's person itself").extracting(Category::key)
        .contains("location.home-address");
    assertThat(guard.redact(address(), forIce).copy()).isEqualTo(address());
  }

  @Test
  void redactWhenTheRequestNamedTheSubjectWithoutThePayloadThenAnAddressAtTheTopIsNotCovered() {
    Decision named = guard.decide(ice(guard).subjects(SUBJECT).categories("location.home-address").build());
    assertThat(named.released()).extracting(Category::key).contains("location.home-address");

    assertRefused(() -> guard.redact(address(), named), "decided without values of no identified person");
  }

  @Test
  void redactWhenInMonitorModeThenReleasedAsMonitorReleasesEverything() {
    Guard monitoring = guard(Mode.MONITOR);
    Decision decision = monitoring.decide(monitoring.request().recipient("ice-ero")
        .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).payload(resident()).build());

    withoutSubject().forEach((shape, payload) ->
        assertThat(monitoring.redact(payload, decision).value()).as(shape).isNotNull());
    assertThat(monitoring.redact(address(), decision).copy()).isEqualTo(address());
  }

  @Test
  void redactWhenTheDecisionIsBulkThenEveryonesIncludingNoOnesIsCovered() {
    Decision bulk = guard.decide(staff(guard).subjects(DisclosureRequest.ALL_SUBJECTS).fact("bulk", true)
        .categories("location.home-address").build());
    assertThat(bulk.released()).extracting(Category::key).contains("location.home-address");

    assertThat(guard.redact(address(), bulk).copy()).isEqualTo(address());
    assertThat(guard.redact(List.of(address()), bulk).copy()).containsExactly(address());
  }

  @Test
  void redactWhenAPolicyDecidedAloneThenNoProtectedValueOfNoOneIsReleased() {
    Policy policy = guard.policy();
    Decision unrecorded = policy.decide(policy.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("location.home-address").build());

    assertRefused(() -> guard.redact(address(), unrecorded), "a policy's decision is about no one");
  }

  @Test
  void redactWhenNoProtectedValueIsPresentUnderNoSubjectIdThenReleased() {
    Decision decision = warranted();
    Card cycle = new Card();
    cycle.next = cycle;

    assertThat(guard.redact(new Address(null, "Manhattan"), decision).copy()).isEqualTo(new Address(null, "Manhattan"));
    assertThat(guard.redact(new Mailing("Intake", List.of()), decision).copy().office()).isEqualTo("Intake");
    assertThat(guard.redact(cycle, decision).copy().next).as("a cycle without a value ends").isNotNull();
    assertThat(guard.redact(Map.of("office", "Intake"), decision).copy()).containsEntry("office", "Intake");
  }

  /**
   * An object held both in a resident's record and at the top of the payload (or in a list there)
   * is taken to be no one's, whichever the walk meets first: {@code release} counts it so too.
   */
  @Test
  void redactWhenAnObjectIsSharedBetweenAResidentAndTheTopThenRefusedWhicheverComesFirst() {
    Decision decision = warranted();
    Resident resident = resident();
    Address shared = resident.address();
    Case file = new Case();
    file.clientId = SUBJECT;
    file.addresses.add(address());

    List<List<Object>> payloads = List.of(List.of(resident, shared), List.of(shared, resident),
        List.of(file, file.addresses), List.of(file.addresses, file), List.of(file, file.addresses.get(0)),
        List.of(Map.of("r", resident, "a", shared)), List.of(Optional.of(List.of(resident)), Optional.of(shared)));
    for (List<Object> payload : payloads) {
      assertRefused(() -> guard.redact(payload, decision), "redact of " + payload.size() + " values");
      assertThatThrownBy(() -> guard.release(payload, ice(guard))).as("release of the same")
          .isInstanceOf(DisclosureRefusedException.class);
    }
  }

  @Test
  void redactWhenASharedObjectWasDecidedWithThePayloadThenReleasedAsDecided() {
    Resident resident = resident();
    List<Object> payload = List.of(resident, resident.address());
    List<Object> reversed = List.of(resident.address(), resident);
    Decision decided = guard.decide(staff(guard).payload(reversed).build());

    Release<List<Object>> release = guard.redact(reversed, decided);

    assertThat(release.copy()).containsExactly(address(), resident);
    assertThat(guard.redact(payload, decided).copy()).containsExactly(resident, address());
    assertThat(((Resident) release.copy().get(1)).address()).as("shared references stay shared")
        .isSameAs(release.copy().get(0));
  }

  @Test
  void redactWhenAViewsDefaultGetterComputesAnAddressThenItIsOfTheViewsPlace() {
    Decision decision = warranted();

    Filed filed = guard.redact(new Filed(SUBJECT, located()), decision).copy();

    assertThat(filed.located().getAddress()).as("computed on the copy, in the resident's file").isEqualTo(address());
    assertRefused(() -> guard.redact(located(), decision), "a view at the top");
  }
}
