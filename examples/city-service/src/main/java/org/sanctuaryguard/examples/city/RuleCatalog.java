package org.sanctuaryguard.examples.city;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.PolicyPack;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The title and citation of every rule of the guard's built-in packs, by rule id, for decisions
 * read back from guard events (which record rule ids only). Read once from the packs' JSON, whose
 * format {@code docs/pack-format.md} documents. Immutable.
 */
@Component
class RuleCatalog {

  /** A rule's title and citation. */
  record Entry(String title, String citation) {}

  private final Map<String, Entry> entries;

  RuleCatalog(Guard guard) {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Entry> read = new HashMap<>();
    for (PolicyPack pack : guard.policy().packs()) {
      String resource = "/META-INF/sanctuary-guard/packs/" + pack.id() + ".json";
      try (InputStream in = PolicyPack.class.getResourceAsStream(resource)) {
        if (in == null) {
          continue;
        }
        for (JsonNode rule : json.readTree(in).path("rules")) {
          read.put(rule.path("id").asString(), new Entry(rule.path("title").asString(), rule.path("citation").asString()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the rules of pack " + pack.id(), e);
      }
    }
    entries = Map.copyOf(read);
  }

  Optional<Entry> find(String ruleId) {
    return Optional.ofNullable(entries.get(ruleId));
  }
}
