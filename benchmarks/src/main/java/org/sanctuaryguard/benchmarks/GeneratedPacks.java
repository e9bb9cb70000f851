package org.sanctuaryguard.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Categories;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.SignerRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * Packs of generated rules, written in the pack file format and read back through {@link
 * PolicyPack#read}, to measure a policy far larger than the shipped one. The rules are random but
 * drawn from a seeded generator, so the same count and seed always give the same packs.
 *
 * <p>They look like the rules of a city's own packs: most name the recipient classes they restrict,
 * leaning to immigration enforcement and its channels; half name holders; fewer name purposes or
 * basis types; each names one to three categories, some of them categories the packs declare. Most
 * withhold or escalate, most of those with {@code unless} alternatives that would lift them (a
 * judicial document, consent confirmed with the subject, a legal requirement, facts); the rest only
 * add obligations.
 *
 * <p>A generated rule never names a category that overlaps one of the {@code avoided} categories
 * (an ancestor, the category itself or a descendant), and never leaves its categories open. A
 * request for avoided categories therefore meets generated rules in its context, which the engine
 * has to consider and reject, but none of them applies: its decision stays what the other packs
 * make it.
 *
 * <p>Not thread-safe; used once, at set-up.
 */
final class GeneratedPacks {

  /** The seed of the packs {@link ScaleBenchmark} measures. */
  static final long SEED = 20_261_122L;

  /** How many rules one generated pack holds at most; a larger count is split into several packs. */
  static final int RULES_PER_PACK = 250;

  /** Categories of the city's own, which every generated pack declares. */
  private static final Map<String, String> CITY_CATEGORIES = cityCategories();

  /** A fact every generated pack declares, besides the standard ones. */
  private static final String DECLARED_FACT = "supervisor-approved";

  /** Recipient classes, each as often as a rule is likely to name it. */
  private static final List<RecipientClass> CLASSES = classesByWeight();

  private static final List<BasisType> COURT_TYPES =
      List.of(BasisType.JUDICIAL_WARRANT, BasisType.COURT_ORDER, BasisType.JUDICIAL_SUBPOENA);

  private static final List<SignerRole> JUDGES =
      List.of(SignerRole.ARTICLE_III_JUDGE, SignerRole.MAGISTRATE_JUDGE, SignerRole.STATE_JUDGE);

  private static final List<String> ISSUERS = List.of("court", "federal-court", "state-court");

  private final Random random;
  private final List<String> categories;
  private final List<String> facts;
  private final List<String> documents = new ArrayList<>();
  private final List<Context> contexts = new ArrayList<>();

  private GeneratedPacks(long seed, Set<String> avoided) {
    this.random = new Random(seed);
    this.categories = pool(avoided);
    List<String> known = new ArrayList<>(Facts.standard().keySet());
    known.sort(null);
    known.add(DECLARED_FACT);
    this.facts = List.copyOf(known);
  }

  /**
   * Generates packs of {@code rules} rules in all.
   *
   * @param rules how many rules, at least one
   * @param seed the seed of the random choices
   * @param avoided keys of standard categories no generated rule may overlap
   * @return the packs, their documents and the contexts of their rules
   */
  static GeneratedPacks generate(int rules, long seed, Set<String> avoided) {
    if (rules < 1) {
      throw new IllegalArgumentException("the number of generated rules must be positive, but was " + rules);
    }
    GeneratedPacks generated = new GeneratedPacks(seed, avoided);
    for (int first = 0, pack = 1; first < rules; first += RULES_PER_PACK, pack++) {
      generated.documents.add(generated.pack("generated-" + pack, first, Math.min(rules, first + RULES_PER_PACK)));
    }
    return generated;
  }

  /** Returns the pack documents, in the pack file format. */
  List<String> documents() {
    return List.copyOf(documents);
  }

  /** Reads the documents as packs, validating them as any pack file is. */
  List<PolicyPack> packs() {
    List<PolicyPack> packs = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      packs.add(PolicyPack.read("generated-" + (i + 1) + ".json (generated)", documents.get(i)));
    }
    return packs;
  }

  /** Returns how many generated rules the engine considers for a request of this context. */
  long rulesInContext(Holder holder, RecipientClass recipientClass, Purpose purpose, BasisType basis) {
    return contexts.stream().filter(context -> context.matches(holder, recipientClass, purpose, basis)).count();
  }

  private String pack(String id, int first, int end) {
    List<Object> rules = new ArrayList<>();
    for (int n = first; n < end; n++) {
      rules.add(rule(id, n + 1));
    }
    Map<String, Object> pack = new LinkedHashMap<>();
    pack.put("format", PolicyPack.FORMAT);
    pack.put("id", id);
    pack.put("version", "2026.11.0");
    pack.put("title", "Generated pack " + id);
    pack.put("jurisdiction", "A city of many rules");
    pack.put("time-zone", "America/New_York");
    pack.put("summary", "Rules generated for a benchmark: well-formed, not law.");
    pack.put("facts", Map.of(DECLARED_FACT, "A supervisor approved the disclosure"));
    pack.put("categories", CITY_CATEGORIES);
    pack.put("rules", rules);
    return JsonMapper.shared().writeValueAsString(pack);
  }

  private Map<String, Object> rule(String packId, int number) {
    Context context = new Context(
        chance(0.5) ? Set.of() : some(Arrays.asList(Holder.values()), 1, 2),
        chance(0.1) ? Set.of() : some(CLASSES, 1, 3),
        chance(0.6) ? Set.of() : some(Arrays.asList(Purpose.values()), 1, 3),
        chance(0.7) ? Set.of() : some(Arrays.asList(BasisType.values()), 1, 3));
    contexts.add(context);
    Map<String, Object> when = new LinkedHashMap<>();
    putIds(when, "holders", context.holders(), Holder::id);
    putIds(when, "recipient-classes", context.recipientClasses(), RecipientClass::id);
    putIds(when, "purposes", context.purposes(), Purpose::id);
    putIds(when, "basis-types", context.basisTypes(), BasisType::id);
    if (chance(0.05)) {
      putIds(when, "signer-roles", some(JUDGES, 1, 1), SignerRole::id);
    }
    if (chance(0.1)) {
      when.put("facts", Map.of(one(facts), random.nextBoolean()));
    }
    when.put("categories", List.copyOf(some(categories, 1, 3)));

    Map<String, Object> rule = new LinkedHashMap<>();
    String id = String.format(Locale.ROOT, "%s.rule-%04d", packId, number);
    rule.put("id", id);
    rule.put("title", "Generated rule " + number);
    rule.put("citation", "Generated Code § " + number);
    rule.put("confidence", one(List.of("C", "S", "U")));
    rule.put("message", "Rule " + number + " of a generated pack: it restricts the categories it names.");
    rule.put("note", "Generated for a benchmark; not law.");
    rule.put("when", when);
    double kind = random.nextDouble();
    boolean restricts = kind < 0.8;
    if (restricts) {
      if (chance(0.85)) {
        rule.put("unless", alternatives());
      }
      rule.put("effect", kind < 0.6 ? "withhold" : "escalate");
    }
    List<Object> obligations = obligations(restricts ? 0 : 1);
    if (!obligations.isEmpty()) {
      rule.put("obligations", obligations);
    }
    return rule;
  }

  /** One to three ways to lift a rule, of the kinds the shipped packs use. */
  private List<Object> alternatives() {
    List<Object> alternatives = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      Map<String, Object> alternative = new LinkedHashMap<>();
      double kind = random.nextDouble();
      if (kind < 0.5) {
        Map<String, Object> basis = new LinkedHashMap<>();
        putIds(basis, "types", some(COURT_TYPES, 1, 3), BasisType::id);
        if (chance(0.3)) {
          basis.put("issuer", one(ISSUERS));
        }
        if (chance(0.3)) {
          putIds(basis, "signer-roles", some(JUDGES, 1, 2), SignerRole::id);
        }
        alternative.put("basis", basis);
      } else if (kind < 0.65) {
        alternative.put("basis", Map.of("types", List.of(BasisType.WRITTEN_CONSENT.id())));
        alternative.put("facts-all", List.of(Facts.CONSENT_CONFIRMED_WITH_SUBJECT));
      } else if (kind < 0.8) {
        alternative.put("basis", Map.of("types", List.of(BasisType.REQUIRED_BY_LAW.id())));
      } else {
        alternative.put("facts-any", List.copyOf(some(facts, 1, 2)));
      }
      alternatives.add(alternative);
    }
    return alternatives;
  }

  private List<Object> obligations(int least) {
    List<Object> obligations = new ArrayList<>();
    for (ObligationKind kind : some(Arrays.asList(ObligationKind.values()), least, 2)) {
      obligations.add(kind == ObligationKind.NOTIFY_SUBJECT ? Map.of("kind", kind.id(), "within", "P3D") : kind.id());
    }
    return obligations;
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private <T> T one(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Returns {@code least} to {@code most} distinct values, in the order they were drawn. */
  private <T> Set<T> some(List<T> values, int least, int most) {
    int wanted = least + random.nextInt(most - least + 1);
    Set<T> chosen = new LinkedHashSet<>();
    while (chosen.size() < wanted) {
      chosen.add(one(values));
    }
    return chosen;
  }

  private static <T> void putIds(Map<String, Object> into, String field, Set<T> values, Function<T, String> id) {
    if (!values.isEmpty()) {
      into.put(field, values.stream().map(id).toList());
    }
  }

  private static List<String> pool(Set<String> avoided) {
    Categories standard = Categories.standard();
    List<Category> avoid = avoided.stream().map(standard::get).toList();
    List<String> pool = new ArrayList<>();
    for (Category category : standard.all()) {
      if (avoid.stream().noneMatch(category::overlaps)) {
        pool.add(category.key());
      }
    }
    pool.addAll(CITY_CATEGORIES.keySet());
    return List.copyOf(pool);
  }

  private static Map<String, String> cityCategories() {
    Map<String, String> city = new LinkedHashMap<>();
    city.put("housing", "Housing records");
    city.put("housing.voucher", "Housing-voucher holders");
    city.put("housing.inspection", "Housing inspections");
    city.put("municipal-id", "Municipal identity cards");
    city.put("municipal-id.application", "Applications for a municipal identity card");
    city.put("library", "Library records");
    city.put("library.card", "Library cards and loans");
    city.put("parking", "Parking");
    city.put("parking.permit", "Parking permits");
    return city;
  }

  private static List<RecipientClass> classesByWeight() {
    Map<RecipientClass, Integer> weights = new EnumMap<>(Map.of(
        RecipientClass.IMMIGRATION_ENFORCEMENT, 6, RecipientClass.IMMIGRATION_ADJACENT, 4,
        RecipientClass.LAW_ENFORCEMENT, 3, RecipientClass.PUBLIC, 2, RecipientClass.OTHER, 2,
        RecipientClass.BENEFITS_VERIFICATION, 1, RecipientClass.CITY_AGENCY, 1, RecipientClass.DATA_SUBJECT, 1));
    List<RecipientClass> classes = new ArrayList<>();
    weights.forEach((recipientClass, weight) -> classes.addAll(Collections.nCopies(weight, recipientClass)));
    return List.copyOf(classes);
  }

  /** The context a rule names, by which the engine indexes it; an empty set means any. */
  private record Context(
      Set<Holder> holders, Set<RecipientClass> recipientClasses, Set<Purpose> purposes, Set<BasisType> basisTypes) {

    boolean matches(Holder holder, RecipientClass recipientClass, Purpose purpose, BasisType basis) {
      return (holders.isEmpty() || holders.contains(holder))
          && (recipientClasses.isEmpty() || recipientClasses.contains(recipientClass))
          && (purposes.isEmpty() || purposes.contains(purpose))
          && (basisTypes.isEmpty() || basisTypes.contains(basis));
    }
  }
}
