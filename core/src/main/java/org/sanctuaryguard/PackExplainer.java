package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Renders a pack as Markdown that counsel can read: a table of its rules, then each rule in full. */
final class PackExplainer {

  private PackExplainer() {}

  static String explain(PolicyPack pack) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(pack.title()).append(" (`").append(pack.id()).append("` ").append(pack.version()).append(")\n\n");
    out.append("Jurisdiction: ").append(pack.jurisdiction())
        .append(" · Dates read in ").append(pack.timeZone())
        .append(" · Pack format ").append(PolicyPack.FORMAT)
        .append(" · ").append(pack.rules().size()).append(" rules\n\n");
    out.append(pack.summary().strip()).append("\n\n");
    out.append("Confidence: **C** confirmed in a primary text, **S** from a secondary source only, ")
        .append("**U** unconfirmed (the rule's note says what counsel must check).\n\n");
    out.append("## Rules\n\n");
    out.append("| Rule | Applies when | Lifted by | Effect | Obligations | Citation | Conf. |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Rule rule : pack.rules()) {
      out.append("| `").append(rule.id()).append("` | ")
          .append(cell(when(rule.when()))).append(" | ")
          .append(cell(unless(rule))).append(" | ")
          .append(effect(rule)).append(" | ")
          .append(cell(obligations(rule))).append(" | ")
          .append(cell(rule.citation())).append(" | ")
          .append(rule.confidence().tag()).append(" |\n");
    }
    out.append("\n## Rules in full\n");
    for (Rule rule : pack.rules()) {
      out.append("\n### `").append(rule.id()).append('`');
      if (rule.title() != null) {
        out.append(": ").append(rule.title());
      }
      out.append("\n\n").append(rule.message()).append("\n\n");
      out.append("*").append(rule.citation()).append("* [").append(rule.confidence().tag()).append("]\n");
      if (rule.note() != null) {
        out.append("\n> ").append(rule.note().strip().replace("\n", "\n> ")).append('\n');
      }
    }
    if (!pack.factsRead().isEmpty()) {
      out.append("\n## Facts the pack reads\n\nA fact a request does not carry counts as false.\n\n");
      Map<String, String> descriptions = new java.util.HashMap<>(Facts.standard());
      descriptions.putAll(pack.facts());
      for (String fact : pack.factsRead()) {
        out.append("- `").append(fact).append("`: ").append(descriptions.getOrDefault(fact, "")).append('\n');
      }
    }
    if (!pack.categories().isEmpty()) {
      out.append("\n## Categories the pack adds\n\n");
      pack.categories().forEach((key, description) -> out.append("- `").append(key).append("`: ").append(description).append('\n'));
    }
    if (!pack.recipients().isEmpty()) {
      out.append("\n## Recipients the pack adds\n\n");
      for (Recipient recipient : pack.recipients()) {
        out.append("- `").append(recipient.id()).append("`: ").append(recipient.name())
            .append(" (").append(recipient.recipientClass()).append(')');
        if (recipient.parent() != null) {
          // its effective class is the strictest of its own and its ancestors'
          out.append(", a part of `").append(recipient.parent()).append('`');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String when(Rule.Conditions when) {
    List<String> parts = new ArrayList<>();
    add(parts, "holder", when.holders());
    if (!when.recipientClasses().isEmpty()) {
      String classes = ids(when.recipientClasses());
      if (when.recipientClasses().contains(RecipientClass.IMMIGRATION_ADJACENT)
          && !when.recipientClasses().contains(RecipientClass.UNKNOWN)) {
        classes += " (and unknown)";
      }
      parts.add("recipient " + classes);
    }
    add(parts, "purpose", when.purposes());
    add(parts, "basis", when.basisTypes());
    add(parts, "signed by", when.signerRoles());
    when.facts().forEach((fact, value) -> parts.add("fact " + fact + " is " + value));
    if (!when.citations().isEmpty()) {
      parts.add("citing " + String.join("; ", when.citations()));
    }
    parts.add("categories " + (when.categories().isEmpty() ? "all" : String.join(", ", when.categories()))
        + (when.exceptCategories().isEmpty() ? "" : " except " + String.join(", ", when.exceptCategories())));
    return String.join("; ", parts);
  }

  private static String unless(Rule rule) {
    if (rule.unless().isEmpty()) {
      return rule.effect() == null ? "" : "nothing";
    }
    List<String> alternatives = new ArrayList<>();
    for (Rule.Alternative alternative : rule.unless()) {
      List<String> parts = new ArrayList<>();
      Rule.BasisTest basis = alternative.basis();
      if (basis != null) {
        StringBuilder text = new StringBuilder(BasisTester.join(basis.types().stream().map(BasisType::description).toList()));
        if (basis.issuer() != null) {
          text.append(" issued by ").append(basis.issuer().description());
        }
        if (!basis.signerRoles().isEmpty()) {
          text.append(" signed by ").append(BasisTester.join(basis.signerRoles().stream().map(SignerRole::description).toList()));
        }
        if (!basis.citations().isEmpty()) {
          text.append(" citing ").append(String.join("; ", basis.citations()));
        }
        if (basis.types().stream().anyMatch(BasisType::isCourtDocument)) {
          text.append(", verified");
        }
        if (basis.dates()) {
          text.append(", in date");
        }
        if (basis.scope() && basis.types().stream().anyMatch(BasisTester::needsScope)) {
          text.append(", in scope");
        }
        parts.add(text.toString());
      }
      if (!alternative.factsAll().isEmpty()) {
        parts.add("facts " + String.join(" and ", alternative.factsAll()));
      }
      if (!alternative.factsAny().isEmpty()) {
        parts.add("fact " + String.join(" or ", alternative.factsAny()));
      }
      alternatives.add(String.join(", with ", parts));
    }
    return String.join("; or ", alternatives);
  }

  private static String effect(Rule rule) {
    if (rule.effect() == null) {
      return "obligations only";
    }
    String effect = rule.effect() == Disposition.WITHHELD ? "withhold" : "escalate";
    return rule.preempts() ? effect + " (preempts)" : effect;
  }

  private static String obligations(Rule rule) {
    List<String> parts = new ArrayList<>();
    for (Rule.ObligationSpec obligation : rule.obligations()) {
      parts.add(obligation.kind().id() + (obligation.within() == null ? "" : " within " + human(obligation.within())));
    }
    return String.join(", ", parts);
  }

  private static String human(java.time.Duration duration) {
    long days = duration.toDays();
    return days * 86_400 == duration.toSeconds() ? days + (days == 1 ? " day" : " days") : duration.toString();
  }

  private static void add(List<String> parts, String label, Collection<? extends Enum<?>> values) {
    if (!values.isEmpty()) {
      parts.add(label + " " + ids(values));
    }
  }

  private static String ids(Collection<? extends Enum<?>> values) {
    return String.join(", ", values.stream().map(Object::toString).toList());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
