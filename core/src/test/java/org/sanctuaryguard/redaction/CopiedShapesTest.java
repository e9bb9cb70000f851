package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.redaction.Model.Person;

/**
 * Copies of the shapes a payload may take around sets and maps: a cycle through a set, enum and
 * sorted maps, queues, optionals and arrays, an application's set, a priority queue ordered by a
 * comparator, a tree of maps keyed by maps; and a view whose getter throws an error of the virtual
 * machine that carries a value in its cause.
 */
class CopiedShapesTest {

  private final Guards guards = new Guards();

  record Note(@Protected("identity.name") String author, @Protected("immigration.status") String status) {}

  /** A bean holding a set that holds the bean. */
  static final class Member {
    @Protected("identity.name") @Nullable String name;
    Set<Member> circle = new HashSet<>();

    Member() {}
  }

  @Test
  void aCycleThroughASetIsCopied() {
    Member ana = new Member();
    ana.name = "Ana";
    Member eva = new Member();
    eva.name = "Eva";
    ana.circle.add(ana);
    ana.circle.add(eva);
    eva.circle.add(ana);

    Member copy = guards.guard.release(ana, guards.hiding("hide-status")).copy();

    assertThat(copy.circle).hasSize(2).contains(copy);
    assertThat(copy.circle.stream().filter(m -> m != copy).findFirst().orElseThrow().circle).containsExactly(copy);
  }

  enum Shift { DAY, NIGHT }

  record Rota(EnumMap<Shift, Note> byShift, TreeMap<String, Note> byName, TreeSet<Note> sorted,
      ArrayDeque<Note> queue, Optional<Set<Note>> maybe, Note[] array) {}

  @Test
  void enumMapsSortedMapsQueuesOptionalsAndArraysKeepEverythingInOrder() {
    Note a = new Note("a", "s1");
    Note b = new Note("b", "s2");
    Note c = new Note("c", "s3");
    EnumMap<Shift, Note> byShift = new EnumMap<>(Shift.class);
    byShift.put(Shift.NIGHT, b);
    byShift.put(Shift.DAY, a);
    TreeMap<String, Note> byName = new TreeMap<>(Comparator.reverseOrder());
    byName.put("a", a);
    byName.put("c", c);
    byName.put("b", b);
    TreeSet<Note> sorted = new TreeSet<>(Comparator.comparing(Note::author).reversed());
    sorted.addAll(List.of(a, b, c));
    Rota rota = new Rota(byShift, byName, sorted, new ArrayDeque<>(List.of(c, a, b)),
        Optional.of(new LinkedHashSet<>(List.of(b, a))), new Note[] {c, b});

    Rota copy = guards.guard.release(rota, guards.hiding("hide-status")).copy();

    assertThat(copy.byShift().keySet()).containsExactly(Shift.DAY, Shift.NIGHT);
    assertThat(copy.byName().keySet()).containsExactly("c", "b", "a");
    assertThat(copy.sorted()).extracting(Note::author).containsExactly("c", "b", "a");
    assertThat(copy.queue()).extracting(Note::author).containsExactly("c", "a", "b");
    assertThat(copy.maybe().orElseThrow()).extracting(Note::author).containsExactly("b", "a");
    assertThat(copy.array()).extracting(Note::author).containsExactly("c", "b");
    assertThat(copy.sorted()).allSatisfy(note -> assertThat(note.status()).isNull());
  }

  /** An application's set class, filled through its own add. */
  static final class Roster extends LinkedHashSet<Note> {
    private static final long serialVersionUID = 1L;
    int adds;

    public Roster() {}

    @Override
    public boolean add(Note note) {
      adds++;
      return super.add(note);
    }
  }

  record Team(Roster roster) {}

  @Test
  void anApplicationsSetIsFilledThroughItsOwnAddInOrder() {
    Roster roster = new Roster();
    roster.add(new Note("z", "s"));
    roster.add(new Note("a", "s"));

    Team copy = guards.guard.release(new Team(roster), guards.hiding("hide-status")).copy();

    assertThat(copy.roster()).isInstanceOf(Roster.class).extracting(Note::author).containsExactly("z", "a");
  }

  /** A priority queue ordered by a comparator (its elements are not Comparable). */
  record Waiting(PriorityQueue<Note> queue) {}

  @Test
  void aPriorityQueueWithAComparatorIsCopied() {
    PriorityQueue<Note> queue = new PriorityQueue<>(Comparator.comparing(Note::author));
    queue.add(new Note("b", "s"));
    queue.add(new Note("a", "s"));

    assertThatCode(() -> {
      Object released = guards.guard.release(new Waiting(queue), guards.hiding("hide-status")).value();
    }).doesNotThrowAnyException();
  }

  /** Released as a tree (no no-argument constructor): maps keyed by maps that were met before. */
  static final class Ledger {
    final Map<String, Note> day;
    final Map<Map<String, Note>, String> desks;

    Ledger(Map<String, Note> day, Map<Map<String, Note>, String> desks) {
      this.day = day;
      this.desks = desks;
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTreeKeepsEveryKeyOfAMapKeyedByMapsMetBefore() {
    Map<String, Note> day = new LinkedHashMap<>(Map.of("a", new Note("Eva", "TPS")));
    Map<Map<String, Note>, String> desks = new LinkedHashMap<>();
    desks.put(day, "A");
    desks.put(new LinkedHashMap<>(), "B");

    Object tree = guards.guard.release(new Ledger(day, desks), guards.hiding("hide-status")).value();
    assertThat(((Map<String, Map<?, ?>>) tree).get("desks")).hasSize(2);
  }

  // ------------------------------------------------------------------ views

  interface CaseView {
    Person getPerson();
  }

  /** An error of the virtual machine whose cause carries the value: the message is dropped, not the cause. */
  @Test
  void aVirtualMachineErrorsCauseDoesNotCarryTheValueOut() {
    CaseView erring = (CaseView) Proxy.newProxyInstance(CaseView.class.getClassLoader(),
        new Class<?>[] {CaseView.class}, (self, method, args) -> {
          throw new InternalError(null, new IllegalStateException("status TPS-SECRET of C-4"));
        });

    Throwable thrown = null;
    try {
      guards.guard.release(erring, guards.hiding("hide-name"));
    } catch (Throwable e) {
      thrown = e;
    }
    assertThat(thrown).isInstanceOf(InternalError.class);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("TPS-SECRET");
    }
  }
}
