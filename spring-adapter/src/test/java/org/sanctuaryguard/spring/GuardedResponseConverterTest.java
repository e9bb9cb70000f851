package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.GsonHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

class GuardedResponseConverterTest {

  private final Guard guard = Guard.of(GuardConfig.custom().policy(Policy.of(PolicyPack.builtin("nyc")))
      .auditSinks(event -> { }).build());
  private final UnadvisedBodies unadvised = new UnadvisedBodies(new Decisions(guard, null), new StreamedResponses());

  @Test
  void guardWhenAConverterMayWriteARecordThenItIsGuardedInItsPlaceAndTheOthersAreLeft() {
    JacksonJsonHttpMessageConverter withModule =
        new JacksonJsonHttpMessageConverter(JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build());
    JacksonJsonHttpMessageConverter withoutModule = new JacksonJsonHttpMessageConverter(JsonMapper.builder().build());
    StringHttpMessageConverter strings = new StringHttpMessageConverter();
    ByteArrayHttpMessageConverter bytes = new ByteArrayHttpMessageConverter();
    GsonHttpMessageConverter gson = new GsonHttpMessageConverter();
    List<HttpMessageConverter<?>> converters = new ArrayList<>(List.of(strings, bytes, gson, withoutModule, withModule));

    GuardedResponseConverter.guard(converters, unadvised);
    List<HttpMessageConverter<?>> once = List.copyOf(converters);
    GuardedResponseConverter.guard(converters, unadvised);

    assertThat(converters).as("guarding twice changes nothing").containsExactlyElementsOf(once);
    assertThat(converters.get(0)).isSameAs(strings);
    assertThat(converters.get(1)).isSameAs(bytes);
    assertThat(converters.get(2)).isInstanceOf(GuardedResponseConverter.class).hasToString(
        "GuardedResponseConverter[" + gson + "]");
    assertThat(converters.get(3)).as("a Jackson converter without the module would write every protected value")
        .isInstanceOf(GuardedResponseConverter.class);
    assertThat(converters.get(4)).as("one with the module keeps its class, which @JsonView's support looks for")
        .isSameAs(withModule);
  }

  @Test
  void guardWhenAConverterSubclassesOneThatWritesNoRecordThenItIsGuardedInItsPlace() {
    // given: a subclass of Spring's converter of strings, which may write what it likes
    StringHttpMessageConverter strings = new StringHttpMessageConverter();
    StringHttpMessageConverter anything = new StringHttpMessageConverter() {
      @Override
      public boolean supports(Class<?> clazz) {
        return true;
      }
    };
    List<HttpMessageConverter<?>> converters = new ArrayList<>(List.of(strings, anything));

    // when
    GuardedResponseConverter.guard(converters, unadvised);

    // then
    assertThat(converters.get(0)).isSameAs(strings);
    assertThat(converters.get(1)).as("a subclass is not Spring's converter of strings").isInstanceOf(
        GuardedResponseConverter.class).hasToString("GuardedResponseConverter[" + anything + "]");
  }
}
