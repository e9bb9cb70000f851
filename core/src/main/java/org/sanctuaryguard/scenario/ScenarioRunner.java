package org.sanctuaryguard.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Obligation;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyFormatException;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Problem;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Reason;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.Signer;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.internal.json.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * Runs scenario files: each scenario's request is decided by the packs the file names, and the
 * decision is compared with what the scenario expects. A scenario that cannot be run as written is
 * reported with its file, its name and the field, and the others still run.
 *
 * <p>A file names its packs by id (the built-in {@code nyc}, {@code new-york-state} and {@code
 * federal}, or packs given to {@link #withPacks}) or by path, relative to the file. The format is
 * documented in {@code docs/scenario-format.md}:
 *
 * <pre>{@code
 * ScenarioReport report = ScenarioRunner.create().run(Path.of("scenarios/nyc.json"));
 * System.out.print(report.render());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ScenarioRunner {

  private final Map<String, PolicyPack> packs;

  private ScenarioRunner(Map<String, PolicyPack> packs) {
    this.packs = Map.copyOf(packs);
  }

  /** Returns a runner that knows the built-in packs. */
  public static ScenarioRunner create() {
    return new ScenarioRunner(Map.of());
  }

  /** Returns a runner that also knows the given packs by their ids. */
  public ScenarioRunner withPacks(PolicyPack... more) {
    Map<String, PolicyPack> all = new LinkedHashMap<>(packs);
    for (PolicyPack pack : more) {
      all.put(Objects.requireNonNull(pack, "pack").id(), pack);
    }
    return new ScenarioRunner(all);
  }

  /** Runs scenario files, in order. */
  public ScenarioReport run(Path... files) {
    return run(Arrays.asList(files));
  }

  /** The largest scenario file read: a bigger one is an error of its own, not a crash that loses the others. */
  static final long LARGEST_FILE = 64L * 1024 * 1024;

  /** Runs scenario files, in order; a file larger than 64 MiB is in error. */
  public ScenarioReport run(List<Path> files) {
    List<ScenarioResult> results = new ArrayList<>();
    for (Path file : files) {
      String text;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes((int) LARGEST_FILE + 1);
        if (bytes.length > LARGEST_FILE) {
          results.add(fileError(file.toString(), "the file is larger than " + LARGEST_FILE / (1024 * 1024) + " MiB,"
              + " more than any scenario file needs: split it"));
          continue;
        }
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        results.add(fileError(file.toString(), "the file is not UTF-8 text"));
        continue;
      } catch (IOException e) {
        results.add(fileError(file.toString(), "cannot read the file: " + SanctuaryGuardException.describe(e)));
        continue;
      }
      Path base = file.toAbsolutePath().getParent();
      results.addAll(new FileRun(file.toString(), base == null ? Path.of(".") : base).run(text));
    }
    return new ScenarioReport(results);
  }

  /**
   * Runs the scenarios of a text.
   *
   * @param source a name for the text in messages
   * @param json the scenario file's content
   * @param baseDirectory the directory pack paths are relative to
   * @return the report
   */
  public ScenarioReport run(String source, String json, Path baseDirectory) {
    return new ScenarioReport(new FileRun(source, baseDirectory).run(json));
  }

  private static ScenarioResult fileError(String source, String message) {
    return new ScenarioResult(
        source, 0, "(the file)", ScenarioResult.Status.ERROR, null, List.of(), List.of(new Problem(source, "", "", message)));
  }

  /** One file's run: its packs, its defaults, and its scenarios. */
  private final class FileRun {
    private final String source;
    private final Path base;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, PolicyPack> loaded = new HashMap<>();

    FileRun(String source, Path base) {
      this.source = source;
      this.base = base;
    }

    List<ScenarioResult> run(String json) {
      JsonNode root = JsonFields.parse(json, this::report).orElse(null);
      if (root == null) {
        return List.of(errorResult(0, "(the file)"));
      }
      if (root.has("rules") && !root.has("scenarios")) {
        report("", "", "is a policy pack (it has \"rules\" and no \"scenarios\"), not a scenario file: name it in a"
            + " scenario file's \"packs\" (or, on the command line, give it with test --pack)");
        return List.of(errorResult(0, "(the file)"));
      }
      JsonFields file = JsonFields.of(root, "", "", this::report);
      List<String> packNames = file.strings("packs");
      if (packNames.isEmpty()) {
        file.problem("packs", "must name at least one pack");
      }
      Instant at = file.parsed("at", ScenarioRunner::instant);
      Holder holder = file.parsed("holder", Holder::of);
      List<JsonFields> scenarios = file.objects("scenarios");
      if (scenarios.isEmpty()) {
        file.problem("scenarios", file.has("scenarios") ? "must list at least one scenario" : "is required");
      }
      file.expect("description", "note");
      file.finish();
      Policy policy = policy(packNames);
      if (policy == null || !problems.isEmpty()) {
        return List.of(errorResult(0, "(the file)"));
      }
      List<ScenarioResult> results = new ArrayList<>();
      Map<String, Integer> named = new HashMap<>();
      for (int i = 0; i < scenarios.size(); i++) {
        results.add(scenario(policy, scenarios.get(i), i + 1, at, holder, named));
      }
      return results;
    }

    private ScenarioResult scenario(Policy policy, JsonFields node, int index, @Nullable Instant fileAt,
        @Nullable Holder fileHolder, Map<String, Integer> named) {
      problems.clear();
      String name = node.string("name");
      String label = name == null || name.isBlank() ? "scenario " + index : name;
      JsonFields scenario = node.at("scenario " + index + " '" + label + "'");
      if (name == null) {
        if (!node.has("name")) {
          scenario.problem("name", "is required");
        }
      } else if (name.isBlank()) {
        scenario.problem("name", "must not be blank");
      } else {
        Integer earlier = named.putIfAbsent(name, index);
        if (earlier != null) {
          scenario.problem("name", "repeats the name of scenario " + earlier + ": each scenario needs a name of its own,"
              + " by which its result is told apart");
        }
      }
      DisclosureRequest request =
          scenario.object("request").map(r -> request(policy, r, fileAt, fileHolder)).orElse(null);
      if (!scenario.has("request")) {
        scenario.problem("request", "is required");
      }
      Expectation expect = scenario.object("expect").map(e -> expectation(policy, e)).orElse(null);
      if (!scenario.has("expect")) {
        scenario.problem("expect", "is required");
      }
      scenario.expect("description", "note");
      scenario.finish();
      if (!problems.isEmpty() || request == null || expect == null) {
        return errorResult(index, label);
      }
      Decision decision = policy.decide(request);
      List<String> mismatches = expect.compare(decision);
      return new ScenarioResult(
          source,
          index,
          label,
          mismatches.isEmpty() ? ScenarioResult.Status.PASSED : ScenarioResult.Status.FAILED,
          decision,
          mismatches,
          List.of());
    }

    private @Nullable DisclosureRequest request(
        Policy policy, JsonFields node, @Nullable Instant fileAt, @Nullable Holder fileHolder) {
      DisclosureRequest.Builder builder = policy.request();
      boolean complete = true;
      String recipient = node.requiredString("recipient");
      complete &= recipient != null && apply(node, "recipient", () -> builder.recipient(recipient));
      Holder holder = node.parsed("holder", Holder::of);
      builder.holder(holder != null ? holder : fileHolder);
      Purpose purpose = node.parsed("purpose", Purpose::of);
      if (purpose == null) {
        complete = false;
        if (!node.has("purpose")) {
          node.problem("purpose", "is required");
        }
      } else {
        builder.purpose(purpose);
      }
      List<String> categories = node.list("categories", key -> policy.categories().get(key).key());
      if (categories.isEmpty()) {
        complete = false;
        if (!node.has("categories")) {
          node.problem("categories", "is required");
        } else if (node.isEmptyArray("categories")) {
          node.problem("categories", "must list at least one category, such as \"contact.phone\"");
        }
      } else {
        builder.categories(categories.toArray(String[]::new));
      }
      builder.subjects(node.strings("subjects"));
      node.booleanMap("facts").forEach((fact, value) -> apply(node, "facts." + fact, () -> builder.fact(fact, value)));
      builder.actor(node.string("actor"));
      Instant at = node.parsed("at", ScenarioRunner::instant);
      builder.at(at != null ? at : fileAt);
      node.object("basis").map(this::basis).ifPresent(builder::basis);
      node.finish();
      if (!complete || !problems.isEmpty()) {
        return null;
      }
      try {
        return builder.build();
      } catch (SanctuaryGuardException | IllegalStateException e) {
        node.problem("", e.getMessage());
        return null;
      }
    }

    private LegalBasis basis(JsonFields node) {
      BasisType type = node.parsed("type", BasisType::of);
      if (type == null && !node.has("type")) {
        node.problem("type", "is required");
      }
      LegalBasis.Builder basis = LegalBasis.builder(type == null ? BasisType.NONE : type)
          .form(node.string("form"))
          .issuer(node.string("issuer"))
          .issued(node.parsed("issued", ScenarioRunner::date))
          .expires(node.parsed("expires", ScenarioRunner::date))
          .docket(node.string("docket"))
          .citation(node.string("citation"))
          .description(node.string("description"))
          .subjects(node.strings("subjects"))
          .categories(node.strings("categories"))
          .recipient(node.string("recipient"))
          .purpose(node.parsed("purpose", Purpose::of));
      node.object("signer").ifPresent(signer -> {
        String name = signer.requiredString("name");
        SignerRole role = signer.parsed("role", SignerRole::of);
        if (role == null && !signer.has("role")) {
          signer.problem("role", "is required");
        }
        signer.finish();
        if (name != null && role != null) {
          basis.signer(Signer.of(name, role));
        }
      });
      node.object("authenticity").ifPresent(authenticity -> {
        boolean verified = authenticity.bool("verified", false);
        String by = authenticity.string("by");
        authenticity.finish();
        basis.authenticity(Authenticity.of(verified, by));
      });
      node.finish();
      return basis.build();
    }

    private Expectation expectation(Policy policy, JsonFields node) {
      Function<String, Category> category = key -> policy.categories().get(key);
      node.expect("released", "withheld", "escalated");
      for (String field : EXPECTATIONS) {
        if (node.isNull(field)) {
          node.problem(field, "must not be null: leave out what is not to be checked");
        }
      }
      Expectation expectation =
          new Expectation(
              node.parsed("outcome", Outcome::of),
              node.has("released") ? new TreeSet<>(node.list("released", category)) : null,
              node.has("withheld") ? new TreeSet<>(node.list("withheld", category)) : null,
              node.has("escalated") ? new TreeSet<>(node.list("escalated", category)) : null,
              node.list("obligations", ObligationKind::of),
              node.list("rules", ScenarioRunner::rulePrefix));
      if (EXPECTATIONS.stream().noneMatch(node::has)) {
        node.problem("", "checks nothing: give at least one of " + String.join(", ", EXPECTATIONS));
      }
      node.finish();
      return expectation;
    }

    private @Nullable Policy policy(List<String> names) {
      List<PolicyPack> chosen = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        try {
          chosen.add(pack(name));
        } catch (PolicyFormatException e) {
          problems.addAll(e.problems());
        } catch (SanctuaryGuardException e) {
          problems.add(new Problem(source, "", "packs[" + i + "]", e.getMessage()));
        }
      }
      if (chosen.isEmpty() || !problems.isEmpty()) {
        return null;
      }
      try {
        return Policy.builder().packs(chosen).build();
      } catch (PolicyFormatException e) {
        problems.addAll(e.problems());
        return null;
      } catch (RuntimeException e) {
        problems.add(new Problem(source, "", "packs", e.getMessage()));
        return null;
      }
    }

    private PolicyPack pack(String name) {
      PolicyPack known = packs.get(name);
      if (known != null) {
        return known;
      }
      if (name.endsWith(".json")) {
        return loaded.computeIfAbsent(name, n -> PolicyPack.load(base.resolve(n)));
      }
      if (!PolicyPack.builtinIds().contains(name)) {
        Set<String> ids = new TreeSet<>(PolicyPack.builtinIds());
        ids.addAll(packs.keySet());
        throw new UnknownIdentifierException("pack", name, ids);
      }
      return PolicyPack.builtin(name);
    }

    private boolean apply(JsonFields node, String field, Runnable action) {
      try {
        action.run();
        return true;
      } catch (SanctuaryGuardException | IllegalArgumentException e) {
        node.problem(field, e.getMessage());
        return false;
      }
    }

    private void report(String location, String field, String message) {
      problems.add(new Problem(source, location, field, message));
    }

    private ScenarioResult errorResult(int index, String name) {
      return new ScenarioResult(source, index, name, ScenarioResult.Status.ERROR, null, List.of(), List.copyOf(problems));
    }
  }

  /** What a scenario's {@code expect} may check; it must check at least one of them. */
  private static final List<String> EXPECTATIONS =
      List.of("outcome", "released", "withheld", "escalated", "obligations", "rules");

  /** A time of a scenario file: an ISO-8601 instant, with its offset from UTC. */
  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 date and time such as 2026-03-05T10:00:00Z, but was '" + text + "'");
    }
  }

  /** A date of a scenario file's basis, without a time. */
  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must be a date such as 2026-02-20, but was '" + text + "'");
    }
  }

  /** A rule id or the start of one, which a decision's rules must match; blank would match any. */
  private static String rulePrefix(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a rule id or the start of one must not be blank: it would match any rule");
    }
    return text;
  }

  /** What a scenario expects of its decision; what it leaves out is not checked. */
  private record Expectation(
      @Nullable Outcome outcome,
      @Nullable Set<Category> released,
      @Nullable Set<Category> withheld,
      @Nullable Set<Category> escalated,
      List<ObligationKind> obligations,
      List<String> rules) {

    List<String> compare(Decision decision) {
      List<String> mismatches = new ArrayList<>();
      if (outcome != null && decision.outcome() != outcome) {
        mismatches.add("outcome: expected " + outcome + ", was " + decision.outcome());
      }
      compare("released", released, decision.released(), mismatches);
      compare("withheld", withheld, decision.withheld(), mismatches);
      compare("escalated", escalated, decision.escalated(), mismatches);
      Set<ObligationKind> actual = new TreeSet<>();
      for (Obligation obligation : decision.obligations()) {
        actual.add(obligation.kind());
      }
      for (ObligationKind kind : obligations) {
        if (!actual.contains(kind)) {
          mismatches.add("obligations: expected " + kind + " among " + actual);
        }
      }
      List<String> ruleIds = decision.reasons().stream().map(Reason::rule).toList();
      for (String rule : rules) {
        if (ruleIds.stream().noneMatch(id -> id.equals(rule) || id.startsWith(rule))) {
          mismatches.add("rules: expected " + rule + " among " + ruleIds.stream().distinct().toList());
        }
      }
      return mismatches;
    }

    private static void compare(
        String field, @Nullable Set<Category> expected, Set<Category> actual, List<String> mismatches) {
      if (expected != null && !expected.equals(new TreeSet<>(actual))) {
        mismatches.add(field + ": expected " + expected + ", was " + new TreeSet<>(actual));
      }
    }
  }
}
