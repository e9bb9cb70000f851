package org.sanctuaryguard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.json.JsonFields;
import tools.jackson.databind.JsonNode;

/** Reads and validates a pack file, collecting every problem before it fails. */
final class PackReader {

  private static final Pattern PACK_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9()]+)*");

  private final String source;
  private final List<Problem> problems = new ArrayList<>();
  private Categories taxonomy = Categories.standard();
  private final Set<String> facts = new HashSet<>(Facts.standard().keySet());

  private PackReader(String source) {
    this.source = source;
  }

  static PolicyPack read(String source, String json) {
    PackReader reader = new PackReader(source);
    PolicyPack pack = reader.readPack(json);
    if (!reader.problems.isEmpty() || pack == null) {
      throw new PolicyFormatException(reader.problems);
    }
    return pack;
  }

  private void report(String location, String field, String message) {
    problems.add(new Problem(source, location, field, message));
  }

  private @Nullable PolicyPack readPack(String json) {
    JsonNode root = JsonFields.parse(json, this::report).orElse(null);
    if (root == null) {
      return null;
    }
    if (root.has("scenarios") && !root.has("rules")) {
      report("", "", "is a scenario file (it has \"scenarios\" and no \"rules\"), not a policy pack: run it with"
          + " the test command, or give the pack file it names");
      return null;
    }
    JsonFields pack = JsonFields.of(root, "", "", this::report);
    int format = pack.integer("format", -1);
    if (format != PolicyPack.FORMAT) {
      pack.problem(
          "format",
          format == -1
              ? "is required and must be " + PolicyPack.FORMAT
              : "is " + format + ", but this library reads pack format " + PolicyPack.FORMAT);
    }
    String id = pack.requiredString("id");
    if (id != null && !PACK_ID.matcher(id).matches()) {
      pack.problem("id", "must be lower-case words joined by '-', but was '" + id + "'");
    }
    String version = pack.requiredString("version");
    String title = pack.requiredString("title");
    String jurisdiction = pack.requiredString("jurisdiction");
    ZoneId zone = pack.parsed("time-zone", PackReader::zone);
    if (!pack.has("time-zone")) {
      pack.problem("time-zone", "is required, for example \"America/New_York\"");
    }
    String summary = pack.requiredString("summary");
    Map<String, String> declaredFacts = pack.stringMap("facts");
    for (String fact : declaredFacts.keySet()) {
      if (!PACK_ID.matcher(fact).matches()) {
        pack.problem("facts." + fact, "a fact name must be lower-case words joined by '-'");
      }
    }
    facts.addAll(declaredFacts.keySet());
    Map<String, String> declaredCategories = pack.stringMap("categories");
    for (Map.Entry<String, String> entry : declaredCategories.entrySet()) {
      try {
        taxonomy = taxonomy.with(entry.getKey(), entry.getValue());
      } catch (IllegalArgumentException e) {
        pack.problem("categories." + entry.getKey(), e.getMessage());
      }
    }
    List<Recipient> recipients = new ArrayList<>();
    Map<Recipient, JsonFields> recipientNodes = new java.util.IdentityHashMap<>();
    for (JsonFields entry : pack.objects("recipients")) {
      Recipient recipient = readRecipient(entry);
      if (recipient != null) {
        recipients.add(recipient);
        recipientNodes.put(recipient, entry.at("recipient '" + recipient.id() + "'"));
      }
    }
    checkParents(recipients, recipientNodes);
    List<Rule> rules = new ArrayList<>();
    Set<String> ruleIds = new HashSet<>();
    List<JsonFields> ruleNodes = pack.objects("rules");
    if (ruleNodes.isEmpty() && pack.has("rules")) {
      pack.problem("rules", "must list at least one rule");
    } else if (!pack.has("rules")) {
      pack.problem("rules", "is required");
    }
    for (int i = 0; i < ruleNodes.size(); i++) {
      Rule rule = readRule(ruleNodes.get(i), i, id == null ? "" : id, ruleIds);
      if (rule != null) {
        rules.add(rule);
      }
    }
    pack.finish();
    if (!problems.isEmpty() || id == null || version == null || title == null
        || jurisdiction == null || zone == null || summary == null) {
      return null;
    }
    return new PolicyPack(
        id, version, title, jurisdiction, zone, summary, source, declaredFacts, declaredCategories, recipients, rules);
  }

  /**
   * Refuses a recipient that is its own ancestor through this pack's entries and the default
   * directory's. A parent neither holds may be added by another pack of the policy, so the policy
   * checks it when it composes the packs.
   */
  private static void checkParents(List<Recipient> recipients, Map<Recipient, JsonFields> nodes) {
    Map<String, Recipient> byId = new LinkedHashMap<>();
    recipients.forEach(recipient -> byId.put(recipient.id(), recipient));
    RecipientDirectory defaults = RecipientDirectory.defaults();
    for (Recipient recipient : recipients) {
      try {
        RecipientDirectory.ancestors(recipient, id -> byId.containsKey(id) ? byId.get(id) : defaults.declared(id));
      } catch (IllegalArgumentException e) {
        nodes.get(recipient).problem("parent", e.getMessage());
      }
    }
  }

  private @Nullable Recipient readRecipient(JsonFields entry) {
    String id = entry.requiredString("id");
    JsonFields at = entry.at(id == null ? entry.path() : "recipient '" + id + "'");
    String name = at.requiredString("name");
    RecipientClass recipientClass = at.parsed("class", RecipientClass::of);
    if (recipientClass == null && !at.has("class")) {
      at.problem("class", "is required");
    }
    String parent = at.string("parent");
    List<String> hosts = at.strings("hosts");
    List<String> email = at.strings("email-domains");
    List<String> ori = at.strings("ori-codes");
    at.finish();
    if (id == null || name == null || recipientClass == null) {
      return null;
    }
    try {
      return new Recipient(id, name, recipientClass, parent, Set.copyOf(hosts), Set.copyOf(email), Set.copyOf(ori));
    } catch (IllegalArgumentException e) {
      at.problem("", e.getMessage());
      return null;
    }
  }

  private @Nullable Rule readRule(JsonFields node, int index, String packId, Set<String> seenIds) {
    String id = node.string("id");
    JsonFields rule = node.at(id == null ? "rule " + (index + 1) : "rule '" + id + "'");
    if (id == null) {
      rule.problem("id", "is required");
    } else if (!seenIds.add(id)) {
      rule.problem("id", "is used by another rule of the pack");
    } else if (!RULE_ID.matcher(id).matches()) {
      rule.problem("id", "must be lower-case words joined by '.' or '-', but was '" + id + "'");
    } else if (!packId.isEmpty() && !id.startsWith(packId + ".")) {
      rule.problem("id", "must start with the pack id and a dot, '" + packId + ".'");
    }
    String title = rule.string("title");
    String citation = rule.requiredString("citation");
    Confidence confidence = rule.parsed("confidence", Confidence::of);
    if (confidence == null && !rule.has("confidence")) {
      rule.problem("confidence", "is required: C (confirmed), S (secondary source) or U (unconfirmed)");
    }
    String message = rule.requiredString("message");
    String note = rule.string("note");
    if (confidence == Confidence.UNCONFIRMED && (note == null || note.isBlank())) {
      rule.problem("note", "is required when confidence is U: say what is unconfirmed, so counsel checks it");
    }
    Rule.Conditions when = rule.object("when").map(this::readConditions).orElse(null);
    if (when == null) {
      if (!rule.has("when")) {
        rule.problem("when", "is required: say where the rule applies");
      }
    }
    List<Rule.Alternative> unless = new ArrayList<>();
    for (JsonFields alternative : rule.objects("unless")) {
      unless.add(readAlternative(alternative));
    }
    if (unless.size() > Rule.MAX_ALTERNATIVES) {
      rule.problem("unless", "has " + unless.size() + " alternatives; a rule may have at most " + Rule.MAX_ALTERNATIVES
          + " (split it into several rules)");
    }
    Disposition effect = rule.parsed("effect", PackReader::effect);
    boolean preempts = rule.bool("preempts", false);
    List<Rule.ObligationSpec> obligations = readObligations(rule);
    if (effect == null && !rule.has("effect")) {
      if (!unless.isEmpty()) {
        rule.problem("unless", "needs an effect to lift");
      }
      if (preempts) {
        rule.problem("preempts", "needs an effect");
      }
      if (obligations.isEmpty()) {
        rule.problem("effect", "is required unless the rule only adds obligations");
      }
    }
    if (preempts && effect == Disposition.WITHHELD) {
      rule.problem("preempts", "only an 'escalate' effect can preempt: federal law sets a floor, not a ban");
    }
    rule.finish();
    if (id == null || citation == null || confidence == null || message == null || when == null) {
      return null;
    }
    return new Rule(id, title, citation, confidence, message, note, when, unless, effect, preempts, obligations);
  }

  private Rule.Conditions readConditions(JsonFields when) {
    Rule.Conditions conditions =
        new Rule.Conditions(
            enums(when, "holders", Holder.class, Holder::of),
            enums(when, "recipient-classes", RecipientClass.class, RecipientClass::of),
            enums(when, "purposes", Purpose.class, Purpose::of),
            enums(when, "basis-types", BasisType.class, BasisType::of),
            enums(when, "signer-roles", SignerRole.class, SignerRole::of),
            readFacts(when),
            when.strings("citations"),
            when.list("categories", this::categoryKey),
            when.list("except-categories", this::categoryKey));
    when.finish();
    return conditions;
  }

  private Map<String, Boolean> readFacts(JsonFields when) {
    Map<String, Boolean> read = new LinkedHashMap<>();
    when.booleanMap("facts").forEach((name, value) -> {
      if (checkFact(when, "facts." + name, name)) {
        read.put(name, value);
      }
    });
    return read;
  }

  private Rule.Alternative readAlternative(JsonFields alternative) {
    Rule.BasisTest basis = alternative.object("basis").map(this::readBasisTest).orElse(null);
    List<String> all = alternative.list("facts-all", name -> fact(name));
    List<String> any = alternative.list("facts-any", name -> fact(name));
    if (basis == null && all.isEmpty() && any.isEmpty()) {
      alternative.problem("", "must name a basis or facts");
    }
    alternative.finish();
    return new Rule.Alternative(basis, all, any);
  }

  private Rule.BasisTest readBasisTest(JsonFields basis) {
    Set<BasisType> types = enums(basis, "types", BasisType.class, BasisType::of);
    if (types.isEmpty()) {
      basis.problem("types", "must list the basis types that lift the rule");
    }
    Rule.IssuerTest issuer = basis.parsed("issuer", Rule.IssuerTest::of);
    Set<SignerRole> roles = enums(basis, "signer-roles", SignerRole.class, SignerRole::of);
    List<String> citations = basis.strings("citations");
    boolean scope = basis.bool("scope", true);
    boolean dates = basis.bool("dates", true);
    basis.finish();
    return new Rule.BasisTest(types, issuer, roles, citations, scope, dates);
  }

  private List<Rule.ObligationSpec> readObligations(JsonFields rule) {
    List<Rule.ObligationSpec> result = new ArrayList<>();
    List<JsonNode> elements = rule.elements("obligations");
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      String path = rule.fieldPath("obligations") + "[" + i + "]";
      if (element.isString()) {
        ObligationKind kind = parse(rule, path, element.stringValue(), ObligationKind::of);
        if (kind != null) {
          result.add(new Rule.ObligationSpec(kind, null));
        }
        continue;
      }
      JsonFields obligation = JsonFields.of(element, path, rule.location(), this::report);
      ObligationKind kind = obligation.parsed("kind", ObligationKind::of);
      if (kind == null && !obligation.has("kind")) {
        obligation.problem("kind", "is required");
      }
      Duration within = obligation.parsed("within", PackReader::duration);
      obligation.finish();
      if (kind != null) {
        result.add(new Rule.ObligationSpec(kind, within));
      }
    }
    return result;
  }

  private <E extends Enum<E>> Set<E> enums(
      JsonFields node, String field, Class<E> type, Function<String, E> parser) {
    List<E> values = node.list(field, parser);
    return values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
  }

  private String categoryKey(String key) {
    return taxonomy.get(key).key();
  }

  private String fact(String name) {
    if (!facts.contains(name)) {
      throw new UnknownIdentifierException("fact", name, facts);
    }
    return name;
  }

  private boolean checkFact(JsonFields node, String field, String name) {
    if (!facts.contains(name)) {
      node.problem(field, new UnknownIdentifierException("fact", name, facts).getMessage()
          + " (declare it in the pack's \"facts\")");
      return false;
    }
    return true;
  }

  private <T> @Nullable T parse(JsonFields node, String path, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      report(node.location(), path, e.getMessage());
      return null;
    }
  }

  private static Disposition effect(String text) {
    return switch (text) {
      case "withhold" -> Disposition.WITHHELD;
      case "escalate" -> Disposition.ESCALATED;
      default -> throw new UnknownIdentifierException("effect", text, List.of("withhold", "escalate"));
    };
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("must be a time-zone id such as America/New_York, but was '" + text + "'");
    }
  }

  private static Duration duration(String text) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("must be positive, but was " + text);
      }
      return duration;
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 duration such as P3D (three days) or PT72H, but was '" + text + "'");
    }
  }
}
