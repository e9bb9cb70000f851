package org.sanctuaryguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.CANARIES;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.NAME;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.STATUS;
import static org.sanctuaryguard.redaction.JdkHeldValuesTest.SUBJECT;
import static org.sanctuaryguard.redaction.Refusals.assertShowsNoCanary;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.redaction.JdkHeldValuesTest.Resident;

/**
 * A sorted set's or map's comparator, which the copy shares with the original (a copy of it would
 * order the elements otherwise): what it holds is decided like the rest of the payload, and the
 * copy is refused unless the decision releases all of it.
 */
class SortedComparatorsTest {

  private final Guards guards = new Guards();

  /** Orders desks with the resident's own desk first: it holds the resident. */
  record ResidentFirst(Resident resident, String desk) implements Comparator<String> {
    @Override
    public int compare(String left, String right) {
      return Boolean.compare(!left.equals(desk), !right.equals(desk)) * 2 + Integer.signum(left.compareTo(right));
    }
  }

  /** A roster of desks, sorted by a comparator of the application's. */
  record Roster(String id, SortedMap<String, String> desks, NavigableSet<String> offices) {}

  private static Roster roster(boolean concurrent) {
    return roster(concurrent, new ResidentFirst(new Resident(SUBJECT, NAME, STATUS), "intake"));
  }

  /** A roster ordered by a lambda of the application's that captures the resident. */
  private static Roster lambdaOrdered() {
    Resident resident = new Resident(SUBJECT, NAME, STATUS);
    return roster(false, (left, right) -> resident.clientId().equals(left) ? -1 : left.compareTo(right));
  }

  private static Roster roster(boolean concurrent, Comparator<String> order) {
    SortedMap<String, String> desks = concurrent ? new ConcurrentSkipListMap<>(order) : new TreeMap<>(order);
    desks.put("records", "2nd floor");
    desks.put("intake", "lobby");
    TreeSet<String> offices = new TreeSet<>(Comparator.reverseOrder());
    offices.add("Canal St");
    return new Roster("R-1", desks, offices);
  }

  /**
   * Before, the comparator was not looked into: the scan found nothing protected, the decision
   * never considered the status, and the copy shared the comparator, which gives the resident's
   * status to anyone calling {@code comparator()}, and to Java serialization of the copy.
   */
  @Test
  void releaseWhenASortedMapsComparatorHoldsAWithheldValueThenRefused() {
    for (Roster roster : List.of(roster(false), roster(true), lambdaOrdered())) {
      assertThatThrownBy(() -> guards.guard.release(roster, guards.hiding("hide-status")).copy().desks().comparator())
          .isInstanceOfSatisfying(DisclosureRefusedException.class, refused -> {
            assertThat(refused.decision().rules()).containsExactly("guard.redaction-failed");
            assertThat(refused.decision().reasons().get(0).details()).singleElement().asString()
                .contains("comparator()");
            assertShowsNoCanary(refused, CANARIES);
          });
    }
  }

  @Test
  void releaseWhenTheDecisionReleasesTheComparatorsValuesThenTheCopySharesIt() {
    Roster roster = roster(false);

    Release<Roster> release = guards.guard.release(roster, guards.hiding());

    assertThat(release.decision()).hasValueSatisfying(decision -> assertThat(decision.released())
        .extracting(Category::key).contains("immigration.status"));
    assertThat(release.copy().desks()).isNotSameAs(roster.desks()).containsExactlyEntriesOf(roster.desks());
    assertThat(release.copy().desks().comparator()).isSameAs(roster.desks().comparator());
  }

  @Test
  void releaseWhenAComparatorIsTheJdksThenNothingToDecide() {
    Roster roster = new Roster("R-2", new TreeMap<>(String.CASE_INSENSITIVE_ORDER), roster(false).offices());

    Release<Roster> release = guards.guard.release(roster, guards.hiding("hide-status"));

    assertThat(release.decision()).isEmpty();
    assertThat(release.copy().offices()).containsExactly("Canal St");
  }
}
