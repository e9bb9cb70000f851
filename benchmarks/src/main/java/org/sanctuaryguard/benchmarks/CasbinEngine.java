package org.sanctuaryguard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.file_adapter.FileAdapter;
import org.sanctuaryguard.Category;

/**
 * The comparison rules as a jCasbin ABAC model ({@code comparison/casbin-model.conf} and {@code
 * comparison/casbin-policy.csv}): one {@code enforce} per category asked for, since a Casbin
 * request has one object. Built the way Casbin's documentation recommends for speed: the
 * conditions are in the matcher, compiled once, and the policy lines are data; logging is off.
 */
final class CasbinEngine {

  private final Enforcer enforcer;

  private CasbinEngine(Enforcer enforcer) {
    this.enforcer = enforcer;
  }

  /** Loads the model and the policy from the class path, through Casbin's own file adapter. */
  static CasbinEngine load() {
    try (InputStream policy = open("comparison/casbin-policy.csv")) {
      Model model = Model.newModelFromString(resource("comparison/casbin-model.conf"));
      return new CasbinEngine(new Enforcer(model, new FileAdapter(policy), false));
    } catch (IOException e) {
      throw new UncheckedIOException("comparison/casbin-policy.csv", e);
    }
  }

  /** A request as Casbin reads it: its attributes, and each category asked for with its parent. */
  record Request(Map<String, Object> attributes, List<Map<String, Object>> categories) {}

  /** Turns {@code inputs} into the objects {@code enforce} reads; done at set-up, not measured. */
  static Request prepare(EngineInputs inputs) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("recipientClass", inputs.recipientClass());
    attributes.put("purpose", inputs.purpose());
    attributes.put("basisType", inputs.basisType());
    attributes.put("issuedByCourt", inputs.issuedByCourt());
    attributes.put("signerRole", inputs.signerRole());
    attributes.put("verified", inputs.verified());
    attributes.put("issued", inputs.issued());
    attributes.put("expires", inputs.expires());
    attributes.put("day", inputs.day());
    attributes.put("namesEverySubject", inputs.namesEverySubject());
    attributes.put("documentCategories", inputs.documentCategories());
    List<Map<String, Object>> categories = inputs.categories().stream().map(CasbinEngine::category).toList();
    return new Request(attributes, categories);
  }

  private static Map<String, Object> category(Category category) {
    return Map.of("key", category.key(), "parent", category.parent().map(Category::key).orElse(""));
  }

  /** Returns, for each category of {@code request} in order, whether Casbin allows it. */
  boolean[] decide(Request request) {
    boolean[] allowed = new boolean[request.categories().size()];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = enforcer.enforce(request.attributes(), request.categories().get(i));
    }
    return allowed;
  }

  static String resource(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = CasbinEngine.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing from the class path: " + name);
    }
    return in;
  }
}
