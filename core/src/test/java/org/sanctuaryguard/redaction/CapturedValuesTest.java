package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.CANARIES;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.resident;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.SUBJECT;
import static org.sanctuaryguard.redaction.Refusals.assertShowsNoCanary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.redaction.JdkHeldValuesTest.Resident;

/**
 * What the compiler holds for an anonymous, local or inner class in fields of its own, the
 * variables it captures ({@code val$x}) and its outer instance ({@code this$0}): no field the
 * guard copies, but what its getters, which Jackson writes, return. They are scanned and decided;
 * the object goes out as it is when the decision releases all they hold, and refuses the release
 * otherwise.
 */
class CapturedValuesTest {

  private final Guards guards = new Guards();

  /** A case note whose detail is whatever the application made: Jackson writes it by its getters. */
  record Note(String id, Object detail) {}

  /** What a detail shows: Jackson writes a detail's {@code getStatus()}. */
  interface Detail {
    @Nullable String getStatus();
  }

  /** A caseload whose inner entries read the resident of their outer instance. */
  static final class Caseload {
    private final Resident resident;

    Caseload(Resident resident) {
      this.resident = resident;
    }

    /** An inner class: its only field is the outer instance, {@code this$0}. */
    final class Entry implements Detail {
      @Override
      public @Nullable String getStatus() {
        return resident.status();
      }
    }
  }

  /** An anonymous class that captures the resident, {@code val$resident}. */
  private static Detail anonymous(Resident resident) {
    return new Detail() {
      @Override
      public @Nullable String getStatus() {
        return resident.status();
      }
    };
  }

  /** A local class that captures the resident. */
  private static Detail local(Resident resident) {
    final class Summary implements Detail {
      @Override
      public @Nullable String getStatus() {
        return resident.status();
      }
    }
    return new Summary();
  }

  /** The three ways a class holds a resident in a field the compiler made. */
  private static List<Supplier<Note>> notes() {
    return List.of(
        () -> new Note("N-1", anonymous(resident())),
        () -> new Note("N-2", local(resident())),
        () -> new Note("N-3", new Caseload(resident()).new Entry()));
  }

  /**
   * Before, the compiler's fields were not read: the scan found no category, the decision never
   * considered the status, and the note went out whole, its detail's getter returning the status.
   */
  @Test
  void releaseWhenACapturedVariableOrOuterInstanceHoldsAWithheldValueThenRefused() {
    for (Supplier<Note> made : notes()) {
      Note note = made.get();
      assertThatThrownBy(() -> ((Detail) guards.guard.release(note, guards.hiding("hide-status")).copy().detail())
          .getStatus())
          .as("%s", note.id())
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
            assertThat(refused.decision().released()).isEmpty();
            assertThat(refused.decision().reasons().get(0).details()).singleElement().asString()
                .containsAnyOf("val$resident", "this$0");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
    assertThat(guards.events.get(0).withheld()).contains("immigration.status");
  }

  @Test
  void releaseWhenTheDecisionReleasesEverythingCapturedThenKeptAsItIs() {
    for (Supplier<Note> made : notes()) {
      Note note = made.get();

      Release<Note> release = guards.guard.release(note, guards.hiding());

      assertThat(release.decision()).hasValueSatisfying(decision -> assertThat(decision.released())
          .extracting(Category::key).contains("immigration.status", "identity.name"));
      assertThat(release.copy().detail()).isSameAs(note.detail());
    }
  }

  @Test
  void redactWhenACapturedResidentIsNotTheDecisionsSubjectThenRefused() {
    Decision aboutSomeoneElse = guards.guard.decide(guards.hiding().subjects("C-2002")
        .categories("identity.name", "immigration.status").build());
    Decision hidingStatus = guards.guard.decide(guards.hiding("hide-status").subjects(SUBJECT)
        .categories("identity.name", "immigration.status").build());

    for (Supplier<Note> made : notes()) {
      Note note = made.get();
      assertThatThrownBy(() -> guards.guard.redact(note, aboutSomeoneElse))
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.subject-not-decided");
            assertShowsNoCanary(refused, CANARIES);
          });
      assertThatThrownBy(() -> guards.guard.redact(note, hidingStatus))
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
  }

  /** An envelope whose computed getter reads the resident its body, declared Object, holds. */
  record Envelope(String id, Object body) {
    public @Nullable String getStatus() {
      return body instanceof Resident resident ? resident.status() : null;
    }
  }

  /** The same in a bean the guard cannot copy: it has no constructor without arguments. */
  static final class Sealed {
    private final Object body;

    Sealed(Object body) {
      this.body = body;
    }

    public @Nullable String getStatus() {
      return body instanceof Resident resident ? resident.status() : null;
    }
  }

  /**
   * A computed getter that reads a resident held as Object: the copy holds
   * the resident redacted, so the getter of the copy returns no withheld value; a class the guard
   * cannot copy (no record, no constructor without arguments) is released as a tree of its fields,
   * which has no computed path.
   */
  @Test
  void releaseWhenAComputedGetterReadsAResidentHeldAsAnyTypeThenTheCopysGetterReturnsNoWithheldValue() {
    Release<Envelope> envelope = guards.guard.release(new Envelope("E-1", resident()), guards.hiding("hide-status"));
    Release<Sealed> sealed = guards.guard.release(new Sealed(resident()), guards.hiding("hide-status"));

    assertThat(envelope.copy().getStatus()).isNull();
    assertThat(((Resident) envelope.copy().body()).name()).isEqualTo(resident().name());
    assertThat(sealed.value()).as("a tree of its fields, without the getter's computed path")
        .isEqualTo(Map.of("body", Map.of("clientId", SUBJECT, "name", resident().name())));
  }

  /** Made in a static method, so that it holds no outer object. */
  private static Detail plain(String desk) {
    return new Detail() {
      @Override
      public String getStatus() {
        return desk;
      }
    };
  }

  @Test
  void releaseWhenAnAnonymousClassCapturesOnlyPlainValuesThenNothingToDecide() {
    Note note = new Note("N-4", plain("intake desk"));

    Release<Note> release = guards.guard.release(note, guards.hiding("hide-status"));

    assertThat(release.copy()).isSameAs(note);
    assertThat(release.decision()).isEmpty();
  }

  /** A service of the application's, which makes its lists and maps with double braces. */
  static final class Service {
    private final ThreadLocal<String> session = ThreadLocal.withInitial(() -> "session");

    @SuppressWarnings("serial")
    List<Resident> caseload(Resident resident) {
      session.get();
      return new ArrayList<>() {
        {
          add(resident);
        }
      };
    }

    @SuppressWarnings("serial")
    Map<String, Resident> byId(Resident resident) {
      return new HashMap<>() {
        {
          put(resident.clientId(), resident);
        }
      };
    }
  }

  /**
   * An anonymous collection or map (double-brace initialization) captures its elements and the
   * object that made it, a service holding what the guard refuses (a {@code ThreadLocal}); Jackson
   * writes it as its elements and the copy holds them alone, so only they are decided.
   */
  @Test
  void releaseWhenAnAnonymousCollectionOrMapCapturesItsElementsAndItsMakerThenOnlyTheElementsAreDecided() {
    Service service = new Service();

    List<Resident> list = guards.guard.release(service.caseload(resident()), guards.hiding("hide-status")).copy();
    Map<String, Resident> map = guards.guard.release(service.byId(resident()), guards.hiding("hide-status")).copy();

    assertThat(list).singleElement().satisfies(copy -> {
      assertThat(copy.status()).isNull();
      assertThat(copy.name()).isNotNull();
    });
    assertThat(map.get(SUBJECT).status()).isNull();
  }

  /** A repository, as a Spring service holds one. */
  interface Repository {
    String office();
  }

  /** Named as Spring's CGLIB names the subclass it generates to proxy a class. */
  static class Repository$$SpringCGLIB$$0 implements Repository {
    @Override
    public String office() {
      return "Canal St";
    }
  }

  /** A controller of the application's, holding a proxy as Spring injects one. */
  static final class Controller {
    private final Repository repository = new Repository$$SpringCGLIB$$0();
    private final String desk = "intake desk";

    /** Reads the controller's desk, so that every compiler keeps the controller for it. */
    Detail detail() {
      return new Detail() {
        @Override
        public String getStatus() {
          return desk;
        }
      };
    }
  }

  /**
   * An anonymous class made in a controller holds the controller, and the controller a proxy,
   * which the guard does not look into: the refusal says where the payload holds the proxy, through
   * the outer object, and how to make a class that holds none; before, it named the proxy's class
   * alone, which the payload does not seem to hold.
   */
  @Test
  void releaseWhenAnOuterObjectHoldsAProxyThenRefusedNamingTheWayToItAndHowToHoldNoOuterObject() {
    Note note = new Note("N-5", new Controller().detail());

    assertThatThrownBy(() -> guards.guard.release(note, guards.hiding("hide-status")))
        .isInstanceOfSatisfying(InvalidProtectionException.class, refused -> {
          assertThat(refused.type()).isEqualTo(Repository$$SpringCGLIB$$0.class.getName());
          assertThat(refused).hasMessageContaining("release the object itself (unproxied, loaded)")
              .hasMessageContaining(". It is held at CapturedValuesTest$Note.detail, then"
                  + " CapturedValuesTest$Controller$1.this$0, then CapturedValuesTest$Controller.repository.")
              .hasMessageEndingWith("make such a class a record or a static nested class, or make it in a static"
                  + " method, so that it holds no outer object.");
        });
  }
}
