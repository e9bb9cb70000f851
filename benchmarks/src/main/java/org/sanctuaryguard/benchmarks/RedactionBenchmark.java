package org.sanctuaryguard.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SubjectId;

/**
 * Redaction against the code a developer would write by hand, as a pair: {@link
 * #handWrittenCopy()} copies a 20-property record (5 of them protected, one a nested record),
 * leaving out the two properties a decision withholds; {@link #redact()} asks the guard to release
 * the same record to that decision. Both produce equal records.
 *
 * <p>Why: every disclosure of an object goes through redaction, so its cost over a plain copy is
 * what tagging fields once, instead of writing a copy per recipient, costs. The target is 3 × the
 * hand-written copy. Run with {@code -prof gc}: a guard's metadata of a class is computed once,
 * and looking it up allocates nothing, so the bytes per operation are those of the copy itself.
 */
public class RedactionBenchmark extends BenchmarkSettings {

  /** A caseworker's load, nested in each resident. */
  public record Caseload(String office, String worker, @Protected("employment.employer") String employer, int openCases) {}

  /** A resident's intake record: 20 properties, 5 of them protected, one of them nested. */
  public record Resident(
      @SubjectId String clientId,
      @Protected("identity.name") String name,
      @Protected("identity.date-of-birth") LocalDate dateOfBirth,
      @Protected("immigration.status") String immigrationStatus,
      @Protected("location.home-address") String homeAddress,
      @Protected("contact.phone") String phone,
      String borough,
      String language,
      String program,
      String intakeChannel,
      String caseType,
      String priority,
      LocalDate intakeDate,
      Instant updatedAt,
      int householdSize,
      int dependents,
      boolean veteran,
      boolean disability,
      String notes,
      Caseload caseload) {}

  static final PolicyPack WITHHOLD_STATUS_AND_ADDRESS = PolicyPack.read("benchmark.json", """
      { "format": 1, "id": "benchmark", "version": "1", "title": "Benchmark", "jurisdiction": "Benchmark",
        "time-zone": "UTC", "summary": "Withholds status and home address from a city agency.",
        "rules": [ { "id": "benchmark.withhold", "citation": "Benchmark", "confidence": "C", "message": "Withheld.",
                     "when": { "recipient-classes": ["city-agency"],
                               "categories": ["immigration.status", "location.home-address"] },
                     "effect": "withhold" } ] }
      """);

  private Resident resident;
  private Guard guard;
  private Decision decision;

  /** Builds the record, the guard and its decision, and checks that both copies agree. */
  @Setup(Level.Trial)
  public void setUp() {
    resident = resident();
    guard = Guard.of(GuardConfig.custom().policy(Policy.of(WITHHOLD_STATUS_AND_ADDRESS)).auditSinks(event -> {}).build());
    decision = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY).payload(resident).build());
    Disclosures.expect("the resident's release", decision, Outcome.ALLOW_REDACTED);
    if (!handWrittenCopy().equals(redact())) {
      throw new IllegalStateException("the guard's copy differs from the hand-written one");
    }
  }

  /** Closes the guard. */
  @TearDown(Level.Trial)
  public void tearDown() {
    guard.close();
  }

  /** A fictional resident. */
  static Resident resident() {
    return new Resident("C-1001", "Ana Diaz", LocalDate.of(1990, 4, 2), "asylum-pending", "12 Canal St, New York",
        "+1-212-555-0100", "Manhattan", "es", "rental-assistance", "walk-in", "housing", "high",
        LocalDate.of(2026, 3, 1), Instant.parse("2026-03-01T10:15:30Z"), 4, 2, false, false, "needs an interpreter",
        new Caseload("Canal St Job Center", "caseworker-17", "Acme Cleaning", 38));
  }

  /** Returns the record both methods copy. */
  Resident original() {
    return resident;
  }

  /** The copy a developer would write for this decision: status and home address left out. */
  @Benchmark
  public Resident handWrittenCopy() {
    Resident r = resident;
    Caseload c = r.caseload();
    return new Resident(r.clientId(), r.name(), r.dateOfBirth(), null, null, r.phone(), r.borough(), r.language(),
        r.program(), r.intakeChannel(), r.caseType(), r.priority(), r.intakeDate(), r.updatedAt(), r.householdSize(),
        r.dependents(), r.veteran(), r.disability(), r.notes(),
        new Caseload(c.office(), c.worker(), c.employer(), c.openCases()));
  }

  /** The guard's release of the same record to the same decision. */
  @Benchmark
  public Object redact() {
    return guard.redact(resident, decision).value();
  }
}
