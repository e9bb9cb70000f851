package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.sanctuaryguard.redaction.Refusals.assertShowsNoCanary;

import java.beans.PropertyChangeEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.EventObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.AttributeChangeNotification;
import javax.management.Notification;
import javax.naming.Binding;
import javax.naming.NamingException;
import javax.naming.event.EventContext;
import javax.naming.event.NamingEvent;
import javax.naming.event.NamingExceptionEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.ProtectedProperties;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.SubjectId;

/**
 * What the JDK's events and exceptions hold in fields of their own, which the guard cannot rebuild
 * in a copy: an event's source, a property change's old and new values, an exception's cause and
 * suppressed exceptions. They are scanned through their getters and decided; what they hold goes
 * out as it is when the decision releases all of it, and refuses the release otherwise, never in
 * the copy, its {@code toString} or its stack trace.
 */
class JdkHeldValuesTest {

  static final String SUBJECT = "C-1001";
  static final String NAME = "CANARY-NAME-Ana Diaz";
  static final String STATUS = "CANARY-STATUS-undocumented";
  static final List<String> CANARIES = List.of(SUBJECT, NAME, STATUS, "CANARY");

  private final Guards guards = new Guards();

  record Resident(@SubjectId String clientId, @Protected("identity.name") @Nullable String name,
      @Protected("immigration.status") @Nullable String status) {}

  /** A notice that holds the JDK's event, whose source is a resident. */
  record Notice(String id, EventObject event) {}

  /** An incident that holds the JDK's exception, whose cause or suppressed exception is the application's. */
  record Incident(String id, RuntimeException error) {}

  /** The application's exception, with tagged fields of its own, which its {@code toString} prints. */
  static final class EligibilityException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @SubjectId final String clientId;
    @Protected("identity.name") final @Nullable String name;
    @Protected("immigration.status") final @Nullable String status;

    EligibilityException(String clientId, @Nullable String name, @Nullable String status) {
      super("not eligible");
      this.clientId = clientId;
      this.name = name;
      this.status = status;
    }

    @Override
    public String toString() {
      return super.toString() + " [" + clientId + ", " + name + ", " + status + "]";
    }
  }

  /** An exception whose cause cannot be read: the application's getter throws. */
  static final class UnreadableCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableCause() {
      super("unreadable");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("failed for " + STATUS);
    }
  }

  static Resident resident() {
    return new Resident(SUBJECT, NAME, STATUS);
  }

  private static EligibilityException eligibility() {
    return new EligibilityException(SUBJECT, NAME, STATUS);
  }

  /** The four ways a JDK value holds a resident's data in a field of its own. */
  private static List<Object> payloads() {
    IllegalStateException suppressing = new IllegalStateException("batch failed");
    suppressing.addSuppressed(eligibility());
    Notification notification = new Notification("intake", "intake-service", 1L);
    notification.setUserData(resident());
    NamingException naming = new NamingException("resident found");
    naming.setResolvedObj(resident());
    return List.of(
        new Notice("N-1", new EventObject(resident())),
        new Notice("N-2", new PropertyChangeEvent("intake", "resident", null, resident())),
        new Incident("I-1", new IllegalStateException("lookup failed", eligibility())),
        new Incident("I-2", suppressing),
        new Notice("N-3", notification),
        new Notice("N-4", new AttributeChangeNotification("intake-service", 2L, 0L, "changed", "resident",
            Resident.class.getName(), null, resident())),
        new Incident("I-3", new IllegalStateException("lookup failed", naming)),
        new Notice("N-5", new NamingEvent(context(), NamingEvent.OBJECT_ADDED,
            new Binding("residents/C-1001", resident()), null, null)),
        new Notice("N-6", new NamingEvent(context(), NamingEvent.OBJECT_CHANGED,
            new Binding("residents/C-1001", "moved"), new Binding("residents/C-1001", "intake"), resident())),
        new Notice("N-7", new NamingExceptionEvent(context(), naming)));
  }

  /** A naming context, the source of a naming event: a proxy that answers nothing. */
  private static EventContext context() {
    return (EventContext) Proxy.newProxyInstance(EventContext.class.getClassLoader(),
        new Class<?>[] {EventContext.class}, (proxy, method, arguments) -> {
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** What a released value shows: its {@code toString}, and an exception's stack trace with its causes. */
  private static String rendered(Object released) {
    StringWriter out = new StringWriter();
    out.append(String.valueOf(released));
    if (released instanceof Incident incident) {
      incident.error().printStackTrace(new PrintWriter(out));
    }
    if (released instanceof Notice notice && notice.event() instanceof PropertyChangeEvent change) {
      out.append(String.valueOf(change.getNewValue()));
    }
    return out.toString();
  }

  /**
   * Before, the JDK's own fields were taken as they are: the scan found no category, and the
   * payload went out whole, the resident's status in the event's source or the exception's cause.
   */
  @Test
  void releaseWhenAJdkEventOrExceptionHoldsAWithheldValueThenRefusedAndNothingReleased() {
    for (Object payload : payloads()) {
      assertThatThrownBy(() -> rendered(guards.guard.release(payload, guards.hiding("hide-status")).copy()))
          .as("%s", payload.getClass().getSimpleName())
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
            assertThat(refused.decision().released()).isEmpty();
            assertThat(refused.decision().reasons().get(0).details()).singleElement().asString()
                .containsAnyOf("EventObject.getSource()", "PropertyChangeEvent.getNewValue()",
                    "Throwable.getCause()", "Throwable.getSuppressed()", "Notification.getUserData()",
                    "AttributeChangeNotification.getNewValue()", "NamingException.getResolvedObj()",
                    "NamingEvent.getNewBinding()", "NamingEvent.getChangeInfo()",
                    "NamingExceptionEvent.getException()");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
    // each decision, then the denial that withdraws it, since nothing of the payload was released
    assertThat(guards.events).hasSize(2 * payloads().size());
    for (int i = 0; i < guards.events.size(); i += 2) {
      GuardEvent decided = guards.events.get(i);
      GuardEvent withdrawn = guards.events.get(i + 1);
      assertThat(decided.withheld()).contains("immigration.status");
      assertThat(decided.released()).contains("identity.name");
      assertThat(withdrawn.supersedes()).contains(decided.id());
      assertThat(withdrawn.failure()).contains("release");
      assertThat(withdrawn.released()).isEmpty();
      assertThat(withdrawn.fields().toString()).doesNotContain(CANARIES);
    }
  }

  /**
   * Before, the exception carried the redaction's refusal, which no event recorded (it had no event
   * id), while the guard log held a denial of another rule ({@code guard.release-failed}) under an
   * id the caller never saw.
   */
  @Test
  void releaseWhenTheRedactionRefusesThenTheExceptionCarriesTheDenialTheGuardLogRecords() {
    // given
    Notice notice = new Notice("N-1", new EventObject(resident()));

    // when
    Throwable thrown = catchThrowable(() -> guards.guard.release(notice, guards.hiding("hide-status")));

    // then
    assertThat(guards.events).hasSize(2);
    GuardEvent decided = guards.events.get(0);
    GuardEvent withdrawn = guards.events.get(1);
    assertThat(withdrawn.supersedes()).contains(decided.id());
    assertThat(withdrawn.failure()).contains("release");
    assertThat(thrown).isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
      Decision denial = refused.decision();
      assertThat(denial.auditEventId()).contains(withdrawn.id());
      assertThat(refused.getMessage()).contains("event " + withdrawn.id());
      assertThat(denial.rules()).containsExactly("guard.redaction-failed").isEqualTo(withdrawn.rules());
      assertThat(denial.outcome()).isEqualTo(Outcome.DENY).isEqualTo(withdrawn.outcome().orElseThrow());
      assertThat(denial.withheld()).extracting(Category::key)
          .containsExactlyInAnyOrderElementsOf(withdrawn.withheld())
          .contains("identity.name", "immigration.status");
      assertThat(denial.reasons()).singleElement().satisfies(reason -> {
        assertThat(reason.rule()).isEqualTo("guard.redaction-failed");
        assertThat(reason.details()).singleElement().asString().contains("EventObject.getSource()");
      });
      // where the redaction refused, for whoever reads the stack trace
      assertThat(refused.getCause()).isInstanceOfSatisfying(DisclosureRefusedException.class, cause -> {
        assertThat(cause.decision().rules()).containsExactly("guard.redaction-failed");
        assertShowsNoCanary(cause, CANARIES);
      });
      assertShowsNoCanary(refused, CANARIES);
    });
  }

  @Test
  void releaseWhenAJdkEventOrExceptionHoldsOnlyWithheldValuesThenTheDecisionDenies() {
    for (Object payload : payloads()) {
      assertThatThrownBy(() -> guards.guard.release(payload, guards.hiding("hide-status", "hide-name")))
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().outcome()).isEqualTo(Outcome.DENY);
            assertThat(refused.decision().withheld()).extracting(Category::key)
                .contains("immigration.status", "identity.name");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
  }

  @Test
  void releaseWhenTheDecisionReleasesEverythingAJdkEventOrExceptionHoldsThenItIsKeptAsItIs() {
    for (Object payload : payloads()) {
      Release<Object> release = guards.guard.release(payload, guards.hiding());

      assertThat(release.decision()).hasValueSatisfying(decision -> assertThat(decision.released())
          .extracting(Category::key).contains("immigration.status", "identity.name"));
      assertThat(guards.events.get(guards.events.size() - 1).subjectCount()).as("the resident found").isEqualTo(1);
      Object copy = release.copy();
      Object held = copy instanceof Notice notice ? notice.event() : ((Incident) copy).error();
      Object original = payload instanceof Notice notice ? notice.event() : ((Incident) payload).error();
      assertThat(held).as("the JDK's value, which the guard cannot copy").isSameAs(original);
    }
  }

  @Test
  void releaseWhenMonitoringThenAJdkEventOrExceptionIsKeptAsItIs() {
    Guards monitoring = new Guards(Mode.MONITOR, ProtectedProperties.none());
    Notice notice = new Notice("N-1", new EventObject(resident()));

    Release<Notice> release = monitoring.guard.release(notice, monitoring.hiding("hide-status"));

    assertThat(release.copy().event()).isSameAs(notice.event());
    assertThat(release.decision().orElseThrow().withheld()).extracting(Category::key).contains("immigration.status");
  }

  @Test
  void redactWhenAJdkEventOrExceptionHoldsAWithheldValueThenRefused() {
    Decision hidingStatus = guards.guard.decide(guards.hiding("hide-status").subjects(SUBJECT)
        .categories("identity.name", "immigration.status").build());

    assertEachPayloadRefusedByRedact(hidingStatus, "guard.redaction-failed");
  }

  @Test
  void redactWhenAJdkEventOrExceptionHoldsSomeoneTheDecisionWasNotAboutThenRefused() {
    Decision aboutSomeoneElse = guards.guard.decide(guards.hiding().subjects("C-2002")
        .categories("identity.name", "immigration.status").build());

    assertEachPayloadRefusedByRedact(aboutSomeoneElse, "guard.subject-not-decided");
  }

  private void assertEachPayloadRefusedByRedact(Decision decision, String rule) {
    for (Object payload : payloads()) {
      assertThatThrownBy(() -> rendered(guards.guard.redact(payload, decision).copy()))
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly(rule);
            assertShowsNoCanary(refused, CANARIES);
          });
    }
  }

  @Test
  void redactWhenTheDecisionReleasesEverythingOfItsSubjectThenAJdkEventOrExceptionIsKeptAsItIs() {
    Decision releasing = guards.guard.decide(guards.hiding().subjects(SUBJECT)
        .categories("identity.name", "immigration.status").build());

    for (Object payload : payloads()) {
      Object copy = guards.guard.redact(payload, releasing).copy();

      // the JDK's event or exception itself, with all it holds
      assertThat(copy instanceof Notice notice ? notice.event() : ((Incident) copy).error())
          .isSameAs(payload instanceof Notice notice ? notice.event() : ((Incident) payload).error());
    }
  }

  @Test
  void releaseWhenAnEventsSourceIsPlainThenNothingToDecideAndNoRefusal() {
    Notice notice = new Notice("N-3", new EventObject("intake desk"));
    Decision decision = guards.guard.decide(guards.hiding("hide-status").subjects(SUBJECT)
        .categories("identity.name", "immigration.status").build());

    Release<Notice> released = guards.guard.release(notice, guards.hiding("hide-status"));
    Release<Notice> redacted = guards.guard.redact(notice, decision);

    assertThat(released.copy()).isSameAs(notice);
    assertThat(released.decision()).isEmpty();
    assertThat(redacted.copy().event()).isSameAs(notice.event());
  }

  /** A resident beside the event is redacted as always; the event of plain values goes with it as it is. */
  @Test
  void releaseWhenAPlainEventIsBesideAResidentThenTheResidentIsRedactedAndTheEventKept() {
    record Intake(Resident resident, EventObject event) {}
    Intake intake = new Intake(resident(), new EventObject("intake desk"));

    Intake copy = guards.guard.release(intake, guards.hiding("hide-status")).copy();

    assertThat(copy.resident().status()).isNull();
    assertThat(copy.resident().name()).isEqualTo(NAME);
    assertThat(copy.event()).isSameAs(intake.event());
  }

  /** The application's event of plain values only: the JDK's source is what may hold a resident. */
  static final class Viewed extends EventObject {
    private static final long serialVersionUID = 1L;
    final String desk;

    Viewed(Object source, String desk) {
      super(source);
      this.desk = desk;
    }
  }

  /** A notice beside a class the guard cannot copy, released as a tree. */
  record TreeNotice(Model.Referral referral, EventObject event) {}

  /**
   * An application's event whose own fields hold nothing protected goes out as it is, like the
   * JDK's, and its source is decided the same way; so is a JDK event in a payload released as a tree.
   */
  @Test
  void releaseWhenAnApplicationsPlainEventOrATreeHoldsAWithheldSourceThenRefused() {
    Notice viewed = new Notice("N-4", new Viewed(resident(), "intake"));
    TreeNotice tree = new TreeNotice(new Model.Referral("TPS", "HRA"), new EventObject(resident()));

    for (Object payload : List.of(viewed, tree)) {
      assertThatThrownBy(() -> guards.guard.release(payload, guards.hiding("hide-status")))
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
    Release<Notice> kept = guards.guard.release(viewed, guards.hiding());
    Release<TreeNotice> asTree = guards.guard.release(tree, guards.hiding());

    assertThat(kept.copy().event()).isSameAs(viewed.event());
    assertThat(asTree.isCopy()).isFalse();
    assertThat(asTree.value()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .extractingByKey("event").isSameAs(tree.event());
  }

  @Test
  void releaseWhenAnExceptionsCauseChainIsCyclicThenItEnds() {
    RuntimeException first = new RuntimeException("first");
    EligibilityException second = eligibility();
    second.initCause(first);
    first.initCause(second);
    Incident incident = new Incident("I-3", first);

    assertThatThrownBy(() -> guards.guard.release(incident, guards.hiding("hide-status")))
        .isInstanceOf(DisclosureRefusedException.class);
    assertThat(guards.guard.release(incident, guards.hiding()).copy().error()).isSameAs(first);
  }

  @Test
  void releaseWhenAnExceptionsGetterFailsThenRefusedNamingTheGetterNotItsMessage() {
    Incident incident = new Incident("I-4", new IllegalStateException("wrapped", new UnreadableCause()));

    assertThatThrownBy(() -> guards.guard.release(incident, guards.hiding()))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining(UnreadableCause.class.getName()).hasMessageContaining("Throwable.getCause()")
        .hasMessageContaining(IllegalStateException.class.getName()).hasMessageNotContaining("CANARY");
  }

  @Test
  void mayHoldProtectedWhenAJdkEventOrExceptionThenTrueForWhatItsGettersMayReturn() {
    assertThat(guards.guard.mayHoldProtected(EventObject.class)).isTrue();
    assertThat(guards.guard.mayHoldProtected(PropertyChangeEvent.class)).isTrue();
    assertThat(guards.guard.mayHoldProtected(IllegalStateException.class)).isTrue();
    assertThat(guards.guard.mayHoldProtected(String.class)).isFalse();
  }

  /** A naming entry: what a binding holds is decided like an event's source, whatever the field declares. */
  record Entry(String id, Binding binding) {}

  /**
   * Before, a binding was taken as it is, the JDK's class, and a record declaring one was taken to
   * hold nothing protected: the resident bound in it went out whole.
   */
  @Test
  void releaseWhenABindingHoldsAWithheldValueThenRefusedAndKeptWhenReleased() {
    Entry entry = new Entry("E-1", new Binding("residents/C-1001", resident()));

    assertThatThrownBy(() -> guards.guard.release(entry, guards.hiding("hide-status")).copy().binding().getObject())
        .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
          assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
          assertThat(refused.decision().reasons().get(0).details()).singleElement().asString()
              .contains("Binding.getObject()");
          assertShowsNoCanary(refused, CANARIES);
        });
    assertThat(guards.guard.release(entry, guards.hiding()).copy().binding()).isSameAs(entry.binding());
    assertThat(guards.guard.mayHoldProtected(Entry.class)).isTrue();
  }

  /** A holder of an event or an exception, which Jackson writes by what it holds. */
  record Held(String id, Object holder) {}

  /**
   * The guard does not read through a holder to an event or an exception (it copies no holder, and
   * what it holds would have to go out as it is): the payload is refused whole before anything is
   * decided, naming the holder's class, never a value.
   */
  @Test
  void releaseWhenAHolderHoldsAnEventOrAnExceptionThenRefusedWhole() {
    for (Held held : List.of(new Held("H-1", new AtomicReference<>(
        new EventObject(resident()))), new Held("H-2", Map.entry("lookup", eligibility())))) {
      assertThatThrownBy(() -> guards.guard.release(held, guards.hiding()))
          .isInstanceOf(InvalidProtectionException.class)
          .hasMessageContainingAll("Map.Entry or an AtomicReference").hasMessageNotContaining("CANARY");
    }
    assertThat(guards.events).isEmpty();
  }
}
