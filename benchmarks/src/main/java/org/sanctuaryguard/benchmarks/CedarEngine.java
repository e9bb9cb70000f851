package org.sanctuaryguard.benchmarks;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuaryguard.Categories;
import org.sanctuaryguard.Category;

/**
 * The comparison rules in Cedar ({@code comparison/policies.cedar}), through cedar-java: one
 * authorization per category asked for, since a Cedar request has one resource. The resource is
 * the category, an entity whose parent is its parent category, so that {@code resource in
 * Category::"immigration"} and a document covering a parent category read the hierarchy as the
 * guard does. The policy set is parsed once and cached on Cedar's side.
 */
final class CedarEngine {

  private static final EntityTypeName CATEGORY = type("Category");
  private static final EntityUID DISCLOSE = type("Action").of("disclose");
  private static final EntityTypeName RECIPIENT = type("Recipient");

  private final AuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final Set<Entity> taxonomy;

  private CedarEngine(PolicySet policies, Set<Entity> taxonomy) {
    this.policies = policies;
    this.taxonomy = taxonomy;
  }

  /** Parses and caches the policies, and makes an entity of every category of {@code categories}. */
  static CedarEngine load(Categories categories) {
    try {
      PolicySet policies = PolicySet.parsePolicies(CasbinEngine.resource("comparison/policies.cedar"));
      policies.cache();
      Set<Entity> taxonomy = new HashSet<>();
      for (Category category : categories.all()) {
        Set<EntityUID> parents = new HashSet<>();
        category.parent().ifPresent(parent -> parents.add(CATEGORY.of(parent.key())));
        taxonomy.add(new Entity(CATEGORY.of(category.key()), parents));
      }
      return new CedarEngine(policies, Set.copyOf(taxonomy));
    } catch (InternalException | CacheException e) {
      throw new IllegalStateException("comparison/policies.cedar: " + e.getMessage(), e);
    }
  }

  /** A request as Cedar reads it: one authorization request per category asked for. */
  record Request(List<AuthorizationRequest> perCategory) {}

  /** Turns {@code inputs} into Cedar's requests for {@code recipient}; done at set-up, not measured. */
  static Request prepare(String recipient, EngineInputs inputs) {
    Map<String, Value> basis = new HashMap<>();
    basis.put("type", new PrimString(inputs.basisType()));
    basis.put("issuedByCourt", new PrimBool(inputs.issuedByCourt()));
    basis.put("signerRole", new PrimString(inputs.signerRole()));
    basis.put("verified", new PrimBool(inputs.verified()));
    basis.put("issued", new PrimLong(inputs.issued()));
    basis.put("expires", new PrimLong(inputs.expires()));
    basis.put("namesEverySubject", new PrimBool(inputs.namesEverySubject()));
    basis.put("categories", new CedarList(inputs.documentCategories().stream().map(key -> (Value) CATEGORY.of(key)).toList()));
    Map<String, Value> context = new HashMap<>();
    context.put("recipientClass", new PrimString(inputs.recipientClass()));
    context.put("purpose", new PrimString(inputs.purpose()));
    context.put("day", new PrimLong(inputs.day()));
    context.put("basis", new CedarMap(basis));
    EntityUID principal = RECIPIENT.of(recipient);
    return new Request(inputs.categories().stream()
        .map(category -> new AuthorizationRequest(principal, DISCLOSE, CATEGORY.of(category.key()), context))
        .toList());
  }

  /** Returns, for each category of {@code request} in order, whether Cedar allows it. */
  boolean[] decide(Request request) {
    boolean[] allowed = new boolean[request.perCategory().size()];
    try {
      for (int i = 0; i < allowed.length; i++) {
        AuthorizationResponse response = engine.isAuthorized(request.perCategory().get(i), policies, taxonomy);
        AuthorizationSuccessResponse success =
            response.success.orElseThrow(() -> new IllegalStateException("Cedar could not decide: " + response));
        if (!success.getErrors().isEmpty()) {
          // a policy that fails to evaluate is skipped by Cedar; here it is a mistake in the comparison
          throw new IllegalStateException("Cedar could not evaluate a policy: " + success.getErrors());
        }
        allowed[i] = success.isAllowed();
      }
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar could not decide: " + e.getMessage(), e);
    }
    return allowed;
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }
}
