package org.sanctuaryguard.benchmarks;

import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.annotation.JsonView;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.benchmarks.RedactionBenchmark.Resident;
import org.sanctuaryguard.spring.DecisionScope;
import org.sanctuaryguard.spring.SanctuaryGuardModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.std.SimpleBeanPropertyFilter;
import tools.jackson.databind.ser.std.SimpleFilterProvider;

/**
 * The Spring adapter's Jackson 3 module against plain Jackson and against the exclusions Jackson
 * itself offers, writing the 20-property resident of {@link RedactionBenchmark} to JSON bytes:
 * {@link #plainJackson()} with a mapper without the module (the reference: everything written);
 * {@link #unrestricted()} with the module under a decision that releases everything (a requester
 * nothing restricts); {@link #redacting()} under a decision that withholds immigration status and
 * home address, the same decision for every write, or a decision of its own for each, as each
 * response has ({@link #redactingEachResponse()}); and the same two properties left out by a
 * {@link JsonView} ({@link #jsonView()}) and by a {@link JsonFilter} ({@link #jsonFilter()}), both
 * put on the record by mix-ins as a developer would for a class of a decision known in advance.
 * Each guarded write opens and closes its {@link DecisionScope}, as the adapter does for each
 * response; {@link #subjectCheck()} is the part of it that asks whether the decision is about the
 * resident. Set-up checks that the module, the view and the filter write the same bytes.
 *
 * <p>Why: every JSON response and request body of a guarded Spring service goes through the module.
 * The targets are 1.05 × plain Jackson for an unrestricted requester and 1.15 × for a redacting one;
 * the view and the filter show what the same exclusion costs when it is written by hand.
 */
public class RedactionComparisonBenchmark extends BenchmarkSettings {

  /** The view every property belongs to, except those only {@link Full} shows. */
  public interface Released {}

  /** The view of the whole record. */
  public interface Full extends Released {}

  /** Puts the two withheld properties in the {@link Full} view only. */
  abstract static class ViewMixIn {
    @JsonView(Full.class)
    abstract String immigrationStatus();

    @JsonView(Full.class)
    abstract String homeAddress();
  }

  /** Names the filter that leaves the two withheld properties out. */
  @JsonFilter(FILTER)
  abstract static class FilterMixIn {}

  private static final String FILTER = "withheld";

  private Resident resident;
  private Guard guard;
  private JsonMapper plain;
  private JsonMapper guarded;
  private ObjectWriter viewing;
  private ObjectWriter filtering;
  private Decision released;
  private Decision redacted;
  private Decision[] redactedEach;
  private int next;

  /** Builds the mappers and both decisions, and checks what each write holds. */
  @Setup(Level.Trial)
  public void setUp() {
    resident = RedactionBenchmark.resident();
    guard = Guard.of(GuardConfig.custom().policy(Policy.of(RedactionBenchmark.WITHHOLD_STATUS_AND_ADDRESS))
        .auditSinks(event -> { }).build());
    plain = JsonMapper.builder().build();
    guarded = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
    released = Disclosures.expect("the police's request", guard.decide(guard.request().recipient("nypd")
        .purpose(Purpose.CRIMINAL_INVESTIGATION).payload(resident).build()), Outcome.ALLOW);
    redacted = redactingDecision();
    redactedEach = new Decision[] {redactingDecision(), redactingDecision()};
    viewing = JsonMapper.builder().enable(MapperFeature.DEFAULT_VIEW_INCLUSION)
        .addMixIn(Resident.class, ViewMixIn.class).build().writerWithView(Released.class);
    filtering = JsonMapper.builder().addMixIn(Resident.class, FilterMixIn.class)
        .filterProvider(new SimpleFilterProvider().addFilter(FILTER,
            SimpleBeanPropertyFilter.serializeAllExcept("immigrationStatus", "homeAddress")))
        .build().writer();
    if (!Arrays.equals(plainJackson(), unrestricted())) {
      throw new IllegalStateException("the module changed what an unrestricted requester receives");
    }
    if (!Arrays.equals(redacting(), jsonView()) || !Arrays.equals(redacting(), jsonFilter())) {
      throw new IllegalStateException("the module, the view and the filter do not leave out the same properties");
    }
  }

  /** Closes the guard. */
  @TearDown(Level.Trial)
  public void tearDown() {
    guard.close();
  }

  /** A city agency's request, decided anew: each decision releases a set of categories of its own. */
  private Decision redactingDecision() {
    return Disclosures.expect("a city agency's request", guard.decide(guard.request().recipient("city-agency")
        .purpose(Purpose.SERVICE_DELIVERY).payload(resident).build()), Outcome.ALLOW_REDACTED);
  }

  /** Writes the resident with plain Jackson: the baseline. */
  @Benchmark
  public byte[] plainJackson() {
    return plain.writeValueAsBytes(resident);
  }

  /** Writes the resident through the module for a requester nothing restricts. */
  @Benchmark
  public byte[] unrestricted() {
    return write(released);
  }

  /** Writes the resident through the module for a requester from whom status and address are withheld. */
  @Benchmark
  public byte[] redacting() {
    return write(redacted);
  }

  /**
   * Writes the resident for a redacting requester under a decision other than the last write's, as
   * each response has its own: the module then asks the decision about every protected property.
   */
  @Benchmark
  public byte[] redactingEachResponse() {
    next ^= 1;
    return write(redactedEach[next]);
  }

  /**
   * Asks whether the unrestricted decision is about the resident's subject: what the module adds
   * for each object with a subject id that it writes ({@code Guard.covers}), apart from a read of
   * the current scope.
   */
  @Benchmark
  public boolean subjectCheck() {
    return guard.covers(released, resident);
  }

  /** Writes the resident in a view without the two withheld properties. */
  @Benchmark
  public byte[] jsonView() {
    return viewing.writeValueAsBytes(resident);
  }

  /** Writes the resident through a property filter that leaves out the two withheld properties. */
  @Benchmark
  public byte[] jsonFilter() {
    return filtering.writeValueAsBytes(resident);
  }

  private byte[] write(Decision decision) {
    DecisionScope scope = DecisionScope.open(decision);
    try {
      return guarded.writeValueAsBytes(resident);
    } finally {
      scope.close();
    }
  }
}
