package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Categories;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build generates, which IDEs complete and document properties
 * from: every property is described, and the hints list every identifier of the vocabulary.
 */
class ConfigurationMetadataTest {

  private static final JsonNode METADATA = read("META-INF/spring-configuration-metadata.json");

  @Test
  void metadataWhenGeneratedThenEveryPropertyIsDescribedWithoutJavadocMarkup() {
    List<JsonNode> properties = new ArrayList<>();
    METADATA.get("properties").forEach(property -> {
      if (property.get("name").asString().startsWith("sanctuary.guard.")) {
        properties.add(property);
      }
    });

    assertThat(properties).hasSizeGreaterThan(30).allSatisfy(property -> {
      assertThat(property.get("description")).as(property.get("name").asString()).isNotNull();
      assertThat(property.get("description").asString()).isNotBlank().doesNotContain("{@");
    });
    assertThat(properties).extracting(property -> property.get("name").asString()).contains(
        "sanctuary.guard.enabled", "sanctuary.guard.mode", "sanctuary.guard.holder",
        "sanctuary.guard.max-request-time-skew", "sanctuary.guard.packs",
        "sanctuary.guard.pack-files", "sanctuary.guard.recipients", "sanctuary.guard.protected-properties",
        "sanctuary.guard.subject-ids", "sanctuary.guard.audit.file.directory",
        "sanctuary.guard.audit.file.signing-key-file", "sanctuary.guard.audit.file.fsync-every-events",
        "sanctuary.guard.audit.file.fsync-interval", "sanctuary.guard.audit.file.checkpoint-mirror",
        "sanctuary.guard.audit.file.roll-at", "sanctuary.guard.audit.pseudonym-key-file",
        "sanctuary.guard.inbound.api-key.recipients", "sanctuary.guard.inbound.certificate.recipients",
        "sanctuary.guard.inbound.authorities.recipients", "sanctuary.guard.outbound.enabled");
    assertThat(properties).filteredOn(property -> property.get("name").asString().endsWith(".recipients"))
        .extracting(property -> property.get("description").asString()).as("each mapping describes itself alone")
        .doesNotHaveDuplicates();
  }

  @Test
  void hintsWhenGeneratedThenTheyListEveryIdentifierOfTheVocabulary() {
    Map<String, List<String>> hints = new TreeMap<>();
    METADATA.get("hints").forEach(hint -> {
      List<String> values = new ArrayList<>();
      hint.get("values").forEach(value -> values.add(value.get("value").asString()));
      hints.put(hint.get("name").asString(), values);
    });

    assertThat(hints.get("sanctuary.guard.mode")).containsExactly("enforce", "monitor");
    assertThat(hints.get("sanctuary.guard.holder"))
        .containsExactlyElementsOf(java.util.Arrays.stream(Holder.values()).map(Holder::id).toList());
    assertThat(hints.get("sanctuary.guard.packs")).containsExactlyElementsOf(PolicyPack.builtinIds());
    assertThat(hints.get("sanctuary.guard.inbound.default-purpose"))
        .containsExactlyElementsOf(java.util.Arrays.stream(Purpose.values()).map(Purpose::id).toList());
    assertThat(hints.get("sanctuary.guard.outbound.implied-categories"))
        .containsExactlyElementsOf(Categories.standard().all().stream().map(Category::key).toList());
    assertThat(hints.get("sanctuary.guard.inbound.api-key.recipients.keys"))
        .containsExactlyElementsOf(RecipientDirectory.defaults().all().stream().map(Recipient::id).toList());
    assertThat(hints.get("sanctuary.guard.inbound.default-recipient")).startsWith("unknown");
  }

  @Test
  void metadataWhenGeneratedThenListDefaultsAreDocumented() {
    Map<String, JsonNode> byName = new TreeMap<>();
    METADATA.get("properties").forEach(property -> byName.put(property.get("name").asString(), property));

    assertThat(byName.get("sanctuary.guard.packs").get("defaultValue").toString())
        .isEqualTo("[\"nyc\",\"new-york-state\",\"federal\"]");
    assertThat(byName.get("sanctuary.guard.mode").get("defaultValue").asString()).isEqualTo("enforce");
    assertThat(byName.get("sanctuary.guard.audit.file.fsync-interval").get("defaultValue").asString()).isEqualTo("200ms");
    assertThat(byName.get("sanctuary.guard.max-request-time-skew").get("defaultValue").asString()).isEqualTo("5m");
    assertThat(byName.get("sanctuary.guard.max-request-time-skew").get("type").asString())
        .isEqualTo("java.time.Duration");
  }

  private static JsonNode read(String resource) {
    try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
