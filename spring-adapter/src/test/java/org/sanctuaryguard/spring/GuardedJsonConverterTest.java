package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

class GuardedJsonConverterTest {

  record Summary(String office) {}

  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc")))
      .auditSinks(event -> { })
      .build());
  private final JsonMapper guarded = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
  private final GuardedJsonConverter converter =
      new GuardedJsonConverter(guarded, new UnadvisedBodies(new Decisions(guard, null), new StreamedResponses()));

  @Test
  void registerMappersForTypeWhenAMapperLacksTheGuardsModuleThenRefusedNamingTheType() {
    assertThatThrownBy(() -> converter.registerMappersForType(Summary.class,
        mappers -> mappers.put(MediaType.APPLICATION_JSON, JsonMapper.builder().build())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a JsonMapper registered on the JSON converter for " + Summary.class.getName()
            + " (application/json) lacks the guard's SanctuaryGuardModule");
    assertThat(converter.getMappersForType(Summary.class)).as("the refused mapper is not left registered").isEmpty();
  }

  @Test
  void registerMappersForTypeWhenEachMapperHoldsTheGuardsModuleThenRegistered() {
    JsonMapper own = guarded.rebuild().build();

    converter.registerMappersForType(Summary.class, mappers -> mappers.put(MediaType.APPLICATION_JSON, own));

    assertThat(converter.getMappersForType(Summary.class)).containsEntry(MediaType.APPLICATION_JSON, own);
  }
}
