package org.sanctuaryguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuaryguard.TestPacks.AT;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fills every protected place of requests and documents with recognizable canaries, makes the guard
 * decide, fail and log in every way, and checks that no canary leaves through a log line, an event,
 * a decision, a reason, a {@code toString} or an exception message.
 */
class CanaryTest {

  private static final String SUBJECT = "CANARY-SUBJECT-7F3A";
  private static final String DOCUMENT_SUBJECT = "CANARY-DOCUMENT-SUBJECT-91C2";
  /** The resident who signs their own consent. */
  private static final String SIGNER = "CANARY-SIGNER-Maria Doe";
  /** The reference number the city gave that consent: the resident's id in it. */
  private static final String REFERENCE = "consent/CANARY-SUBJECT-7F3A/2026-05";
  private static final String DESCRIPTION = "CANARY-DESCRIPTION-trapped at 12 Canary Street";
  private static final String FAILURE = "CANARY-FAILURE-MESSAGE-" + SUBJECT;
  private static final List<String> CANARIES = List.of(SUBJECT, DOCUMENT_SUBJECT, "Canary Street", "CANARY");

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final List<GuardEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> seen = new ArrayList<>();
  private PrintStream err;
  private PrintStream out;

  @BeforeEach
  void capture() {
    err = System.err;
    out = System.out;
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(both);
    System.setOut(both);
  }

  @AfterEach
  void restore() {
    System.setErr(err);
    System.setOut(out);
  }

  @Test
  void decideWhenProtectedPlacesHoldCanariesThenNoCanaryLeavesAnywhere() {
    for (Mode mode : Mode.values()) {
      for (boolean withKey : new boolean[] {true, false}) {
        Guard guard = guard(TestPacks.shipped(), mode, withKey, events::add, AuditSink.slf4j());
        requests(guard).forEach(request -> observe(guard.decide(request), request));
        Guard failingSink = guard(TestPacks.shipped(), mode, withKey, event -> {
          throw new IllegalStateException(FAILURE);
        });
        requests(failingSink).forEach(request -> observe(failingSink.decide(request), request));
      }
    }
    Guard failingEvaluation = guard(brokenClockPolicy(), Mode.ENFORCE, true, events::add, AuditSink.slf4j());
    observe(failingEvaluation.decide(failingEvaluation.request().recipient("ice-ero").purpose(Purpose.OTHER)
        .categories("location.home-address").subjects(SUBJECT).build()), null);

    events.forEach(event -> {
      seen.add(event.toString());
      seen.add(event.summary());
      seen.add(event.fields().toString());
    });
    seen.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(events).hasSizeGreaterThan(20);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("guard deny", "guard allow");
    for (String text : seen) {
      for (String canary : CANARIES) {
        assertThat(text).as("a canary leaked").doesNotContain(canary);
      }
    }
  }

  /** A resident's record as a city developer tags it, with canaries in every protected property. */
  record Resident(@SubjectId String id, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, @Protected("location.home-address") String address,
      @Protected("contact.phone") java.util.List<String> phones, String office) {}

  /** A record whose own accessor fails with a message that holds a protected value. */
  record Exploding(@Protected("identity.name") String name) {
    @Override
    public String name() {
      throw new IllegalStateException("accessor failed for " + SUBJECT);
    }
  }

  @Test
  void releaseWhenPayloadsHoldCanariesThenNoCanaryLeavesInErrorsLogsOrEvents() {
    Resident resident = new Resident(SUBJECT, "CANARY-NAME", "CANARY-STATUS", "12 Canary Street",
        java.util.List.of("CANARY-PHONE"), "Canal St office");
    for (Mode mode : Mode.values()) {
      Guard guard = guard(TestPacks.shipped(), mode, true, events::add, AuditSink.slf4j());
      observeRelease(() -> guard.release(resident, guard.request().recipient("ice-ero")
          .purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).at(AT)));
      observeRelease(() -> guard.release(resident, guard.request().recipient("nypd")
          .purpose(Purpose.CRIMINAL_INVESTIGATION).at(AT)));
      observeRelease(() -> guard.release(new Exploding("x"), guard.request().recipient("city-agency")
          .purpose(Purpose.SERVICE_DELIVERY).at(AT)));
    }
    events.forEach(event -> seen.add(event.fields().toString()));
    seen.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(seen).hasSizeGreaterThan(6);
    for (String text : seen) {
      for (String canary : List.of(SUBJECT, "CANARY-NAME", "CANARY-STATUS", "Canary Street", "CANARY-PHONE")) {
        assertThat(text).as("a canary leaked").doesNotContain(canary);
      }
    }
  }

  private void observeRelease(java.util.function.Supplier<Release<?>> release) {
    try {
      Release<?> released = release.get();
      seen.add(released.toString());
      released.decision().ifPresent(decision -> observe(decision, null));
    } catch (SanctuaryGuardException e) {
      seen.add(e.toString());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        seen.add(cause.toString());
      }
      if (e instanceof DisclosureRefusedException refused) {
        observe(refused.decision(), null);
      }
    }
  }

  private void observe(Decision decision, @org.jspecify.annotations.Nullable DisclosureRequest request) {
    seen.add(decision.toString());
    decision.reasons().forEach(reason -> seen.add(reason.toString()));
    decision.obligations().forEach(obligation -> seen.add(obligation.toString()));
    if (request != null) {
      seen.add(request.toString());
      seen.add(request.basis().toString());
      request.basis().problems().forEach(seen::add);
    }
  }

  private static Guard guard(Policy policy, Mode mode, boolean withKey, AuditSink... sinks) {
    GuardConfig.Builder config = GuardConfig.custom().policy(policy).mode(mode).auditSinks(sinks);
    if (withKey) {
      config.pseudonymKey(new byte[32]);
    }
    return Guard.of(config.build());
  }

  private static List<DisclosureRequest> requests(Guard guard) {
    LegalBasis warrant = TestPacks.article3Warrant(SUBJECT, "vehicle.dmv-record").subjects(DOCUMENT_SUBJECT).build();
    LegalBasis unverified = TestPacks.article3Warrant(SUBJECT, "location").authenticity(Authenticity.notVerified()).build();
    LegalBasis exigent = LegalBasis.builder(BasisType.EXIGENT_CIRCUMSTANCES).description(DESCRIPTION).build();
    LegalBasis consent = LegalBasis.builder(BasisType.WRITTEN_CONSENT).signer(SIGNER, SignerRole.OTHER).docket(REFERENCE)
        .subjects(SUBJECT).categories("contact").recipient("ice-ero").purpose(Purpose.OTHER)
        .issued(LocalDate.of(2026, 5, 1)).build();
    LegalBasis incomplete = LegalBasis.builder(BasisType.COURT_ORDER).subjects(" ", DOCUMENT_SUBJECT).build();
    return List.of(
        guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY).categories("identity.name")
            .subjects(SUBJECT).at(AT).build(),
        guard.request().recipient("cbp").holder(Holder.MOTOR_VEHICLES).purpose(Purpose.CRIMINAL_INVESTIGATION)
            .categories("vehicle.dmv-record", "location.home-address").subjects(SUBJECT).basis(warrant).at(AT).build(),
        guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT).categories("location")
            .subjects(SUBJECT).basis(unverified).at(AT).build(),
        guard.request().recipient("city-agency").purpose(Purpose.EXIGENT_SAFETY)
            .categories("location.current", "immigration.status").subjects(SUBJECT).basis(exigent).at(AT).build(),
        guard.request().recipient("ice-ero").purpose(Purpose.OTHER).categories("contact.phone").subjects(SUBJECT)
            .basis(consent).at(AT).build(),
        guard.request().recipient("ice-ero").holder(Holder.CORRECTION).purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
            .categories("immigration.citizenship", "custody.release-date").subjects(SUBJECT, DOCUMENT_SUBJECT).at(AT).build(),
        guard.request().recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION).categories("justice.sealed-record")
            .subjects(SUBJECT).basis(incomplete).at(AT).build());
  }

  private static Policy brokenClockPolicy() {
    AtomicInteger reads = new AtomicInteger();
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (reads.getAndIncrement() == 0) {
          throw new IllegalStateException(FAILURE);
        }
        return AT;
      }
    };
    return Policy.builder().packs(TestPacks.shipped().packs()).clock(clock).build();
  }
}
