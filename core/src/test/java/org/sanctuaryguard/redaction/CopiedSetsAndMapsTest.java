package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Protected;

/**
 * Sets and maps whose elements or keys are copies, placed by their hash or order once filled:
 * every element kept, each found by its filled hash, and linked ones in their order, wherever the
 * copies in them were met first.
 */
class CopiedSetsAndMapsTest {

  private final Guards guards = new Guards();

  record Note(@Protected("identity.name") String author, @Protected("immigration.status") String status) {}

  record Ticket(String id, Set<Note> notes) {}

  /** The lead ticket is also one of all the tickets, met first through the lead component. */
  record Case(Ticket lead, Set<Ticket> all) {}

  /**
   * Two tickets of one id that differ by their notes: the lead's notes set is met before the set of
   * all tickets, which the two tickets would be merged in if placed while those notes were empty.
   */
  @Test
  void aSetOfRecordsWhoseSetWasMetEarlierKeepsEveryElement() {
    Ticket lead = new Ticket("T-1", new HashSet<>(Set.of(new Note("Eva Cruz", "TPS"))));
    Ticket other = new Ticket("T-1", new HashSet<>());
    Case original = new Case(lead, new LinkedHashSet<>(List.of(lead, other)));

    Case copy = guards.guard.release(original, guards.hiding("hide-status")).copy();

    assertThat(copy.lead().notes()).hasSize(1);
    assertThat(copy.all()).as("both tickets of the case").hasSize(2);
    assertThat(copy.all()).as("the lead, found by its filled hash").contains(copy.lead());
  }

  /** Sets of sets: the inner sets are components of the record too, met before the outer set. */
  record Groups(Set<Note> day, Set<Note> night, Set<Set<Note>> shifts) {}

  @Test
  void aSetOfSetsMetEarlierKeepsEverySet() {
    Set<Note> day = new HashSet<>(Set.of(new Note("Eva Cruz", "TPS")));
    Set<Note> night = new HashSet<>(Set.of(new Note("Ivan Paz", "asylee")));
    Groups original = new Groups(day, night, new LinkedHashSet<>(List.of(day, night)));

    Groups copy = guards.guard.release(original, guards.hiding("hide-status")).copy();

    assertThat(copy.day()).hasSize(1);
    assertThat(copy.shifts()).as("both shifts").hasSize(2);
    assertThat(copy.shifts()).contains(copy.day(), copy.night());
  }

  /** The same through a map's keys. */
  record Desks(Set<Note> day, Map<Set<Note>, String> desks) {}

  @Test
  void aMapKeyedBySetsMetEarlierKeepsEveryKey() {
    Set<Note> day = new HashSet<>(Set.of(new Note("Eva Cruz", "TPS")));
    Map<Set<Note>, String> desks = new LinkedHashMap<>();
    desks.put(day, "A");
    desks.put(new HashSet<>(), "B");
    Desks original = new Desks(day, desks);

    Desks copy = guards.guard.release(original, guards.hiding("hide-status")).copy();

    assertThat(copy.desks()).as("both desks").hasSize(2).containsEntry(copy.day(), "A");
  }

  /** Insertion order of linked sets and maps is kept. */
  record Ordered(LinkedHashSet<Note> notes, LinkedHashMap<String, Note> byName) {}

  @Test
  void linkedCopiesKeepTheirOrder() {
    LinkedHashSet<Note> notes = new LinkedHashSet<>();
    LinkedHashMap<String, Note> byName = new LinkedHashMap<>();
    for (String name : List.of("z", "a", "m", "b", "y", "c")) {
      notes.add(new Note(name, "s"));
      byName.put(name, new Note(name, "s"));
    }
    Ordered copy = guards.guard.release(new Ordered(notes, byName), guards.hiding("hide-status")).copy();
    assertThat(copy.notes()).extracting(Note::author).containsExactly("z", "a", "m", "b", "y", "c");
    assertThat(copy.byName().keySet()).containsExactly("z", "a", "m", "b", "y", "c");
  }
}
