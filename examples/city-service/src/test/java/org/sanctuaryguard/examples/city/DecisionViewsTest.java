package org.sanctuaryguard.examples.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.examples.city.DecisionView.ReasonView;

/** A recorded decision names each rule by its title and citation, whether its pack is built in or a file. */
class DecisionViewsTest {

  private static final PolicyPack CITY_FILE = PolicyPack.read("city-own.json", """
      { "format": 1, "id": "city-own", "version": "1", "title": "City", "jurisdiction": "City",
        "time-zone": "America/New_York", "summary": "A pack file of the city's own.",
        "rules": [
          { "id": "city-own.log", "title": "Every request is logged", "citation": "City Code § 7", "confidence": "C",
            "message": "The request is logged.", "when": {}, "obligations": ["log-request"] },
          { "id": "city-own.report", "citation": "City Code § 8", "confidence": "S",
            "message": "The request is reported.", "when": {}, "obligations": ["report-periodic"] } ] }
      """);

  @Test
  void ofWhenAnEventIsReadBackThenEachRuleOfABuiltInPackOrAPackFileHasItsTitleAndCitation() {
    List<GuardEvent> events = new ArrayList<>();
    Policy policy = Policy.of(PolicyPack.builtin("nyc"), CITY_FILE);
    try (Guard guard = Guard.of(GuardConfig.custom().policy(policy).auditSinks(events::add).build())) {
      guard.decide(policy.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
          .categories("location.home-address").subjects("S-1").build());

      List<ReasonView> reasons = new DecisionViews(guard).of(events.get(0)).reasons();

      assertThat(reasons).contains(
          new ReasonView("city-own.log", "City Code § 7", "Every request is logged", null, List.of()),
          new ReasonView("city-own.report", "City Code § 8", "city-own.report", null, List.of()),
          new ReasonView("nyc.10-178.no-city-resources", "N.Y.C. Admin. Code § 10-178(c)",
              policy.rule("nyc.10-178.no-city-resources").orElseThrow().title(), null, List.of()));
    }
  }
}
