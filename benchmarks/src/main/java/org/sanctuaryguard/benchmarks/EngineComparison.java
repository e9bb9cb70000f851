package org.sanctuaryguard.benchmarks;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SignerRole;

/**
 * The guard, jCasbin and Cedar, each holding the five rules of {@code comparison/guard-pack.json}
 * in its own language, and the requests they are compared on. {@link #verdicts} puts a request to
 * all three, so that a test can check that they agree before a benchmark times them.
 */
final class EngineComparison {

  /** The requests the benchmark times: the four a city meets most. */
  static final List<String> BENCHMARKED = List.of("unrestricted", "administrative-warrant", "judicial-warrant", "data-broker");

  final PolicyPack pack;
  final Policy policy;
  final CasbinEngine casbin;
  final CedarEngine cedar;

  EngineComparison() {
    pack = PolicyPack.read("comparison/guard-pack.json", CasbinEngine.resource("comparison/guard-pack.json"));
    policy = Policy.of(pack);
    casbin = CasbinEngine.load();
    cedar = CedarEngine.load(policy.categories());
  }

  /** What each engine decided, category by category, in the order of {@link #categories}. */
  record Verdicts(List<Category> categories, boolean[] guard, boolean[] casbin, boolean[] cedar) {

    boolean agree() {
      return Arrays.equals(guard, casbin) && Arrays.equals(guard, cedar);
    }

    @Override
    public String toString() {
      return "categories " + categories + ": guard " + Arrays.toString(guard) + ", jCasbin "
          + Arrays.toString(casbin) + ", Cedar " + Arrays.toString(cedar);
    }
  }

  /** Puts {@code request} to the three engines; a category counts as allowed only if released. */
  Verdicts verdicts(DisclosureRequest request) {
    EngineInputs inputs = inputs(request);
    Decision decision = policy.decide(request);
    boolean[] guard = new boolean[inputs.categories().size()];
    for (int i = 0; i < guard.length; i++) {
      guard[i] = decision.permits(inputs.categories().get(i));
    }
    return new Verdicts(
        inputs.categories(),
        guard,
        casbin.decide(CasbinEngine.prepare(inputs)),
        cedar.decide(CedarEngine.prepare(request.recipient().id(), inputs)));
  }

  EngineInputs inputs(DisclosureRequest request) {
    return EngineInputs.of(request, pack.timeZone());
  }

  /**
   * The requests of the comparison, built against {@code policy}: the four of {@link #BENCHMARKED},
   * then cases that exercise each test of each rule, so that agreement means the same rules.
   */
  static Map<String, DisclosureRequest> requests(Policy policy) {
    Map<String, DisclosureRequest> requests = new LinkedHashMap<>();
    requests.put("unrestricted", Disclosures.unrestricted(policy));
    requests.put("administrative-warrant", Disclosures.administrativeWarrant(policy));
    requests.put("judicial-warrant", Disclosures.judicialWarrant(policy));
    requests.put("data-broker", request(policy, "lexisnexis-risk", Purpose.OTHER,
        "identity.name", "location.home-address", "contact.phone")
        .subjects(DisclosureRequest.ALL_SUBJECTS)
        .build());
    requests.put("police-asking-status", request(policy, "nypd", Purpose.CRIMINAL_INVESTIGATION,
        "identity.name", "immigration.status").build());
    requests.put("unverified-judicial-warrant", request(policy, "cbp", Purpose.CRIMINAL_INVESTIGATION,
        "vehicle.dmv-record").basis(warrant("vehicle.dmv-record").authenticity(Authenticity.notVerified()).build()).build());
    requests.put("expired-judicial-warrant", request(policy, "cbp", Purpose.CRIMINAL_INVESTIGATION,
        "vehicle.dmv-record").basis(warrant("vehicle.dmv-record").expires(LocalDate.of(2026, 5, 30)).build()).build());
    requests.put("immigration-judge", request(policy, "ice-ero", Purpose.CIVIL_IMMIGRATION_ENFORCEMENT,
        "location.home-address").basis(warrant("location.home-address")
            .issuer("Executive Office for Immigration Review, Immigration Court")
            .signer("Immigration Judge B. Roe", SignerRole.IMMIGRATION_JUDGE).build()).build());
    requests.put("warrant-covering-part", request(policy, "ice-hsi", Purpose.CRIMINAL_INVESTIGATION,
        "vehicle.dmv-record", "location.home-address").basis(warrant("vehicle").build()).build());
    requests.put("warrant-for-someone-else", request(policy, "cbp", Purpose.CRIMINAL_INVESTIGATION,
        "vehicle.dmv-record").subjects("C-4242").basis(warrant("vehicle").build()).build());
    requests.put("sealed-record-without-order", request(policy, "city-agency", Purpose.SERVICE_DELIVERY,
        "justice.sealed-record", "identity.name").build());
    requests.put("sealed-record-with-order", request(policy, "usao", Purpose.LITIGATION,
        "justice.sealed-record").basis(LegalBasis.builder(BasisType.COURT_ORDER)
            .issuer("Supreme Court of the State of New York, New York County")
            .signer("Hon. C. Justice", SignerRole.STATE_JUDGE)
            .issued(LocalDate.of(2026, 5, 1))
            .docket("IND-2026-0042")
            .subjects(Disclosures.SUBJECT)
            .categories("justice.sealed-record")
            .authenticity(Authenticity.verifiedBy("Agency counsel"))
            .build()).build());
    requests.put("publication", request(policy, "public", Purpose.STATISTICS, "identity.name").build());
    requests.put("immigration-purpose-from-a-city-agency", request(policy, "city-agency",
        Purpose.CIVIL_IMMIGRATION_ENFORCEMENT, "contact.phone").build());
    requests.put("unknown-recipient", policy.request()
        .recipient(policy.directory().resolveHost("records.example.net"))
        .purpose(Purpose.OTHER)
        .categories("contact.email")
        .subjects(Disclosures.SUBJECT)
        .at(Disclosures.AT)
        .build());
    return requests;
  }

  private static DisclosureRequest.Builder request(Policy policy, String recipient, Purpose purpose, String... categories) {
    return policy.request()
        .recipient(recipient)
        .purpose(purpose)
        .holder(Holder.CITY_AGENCY)
        .categories(categories)
        .subjects(Disclosures.SUBJECT)
        .at(Disclosures.AT);
  }

  /** A verified federal warrant for the subject, covering {@code categories}, in date at {@link Disclosures#AT}. */
  private static LegalBasis.Builder warrant(String... categories) {
    return LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the Eastern District of New York")
        .signer("Hon. D. Judge", SignerRole.MAGISTRATE_JUDGE)
        .issued(LocalDate.of(2026, 5, 25))
        .expires(LocalDate.of(2026, 6, 8))
        .docket("26-MJ-05678")
        .subjects(Disclosures.SUBJECT)
        .categories(categories)
        .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"));
  }
}
