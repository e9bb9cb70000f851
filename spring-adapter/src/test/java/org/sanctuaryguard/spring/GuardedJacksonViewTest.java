package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.SubjectId;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.json.JacksonJsonView;
import tools.jackson.databind.json.JsonMapper;

/** What one of Spring's Jackson views is given of the model, once guarded. */
class GuardedJacksonViewTest {

  private static final String NAME = "CANARY-NAME-7F3A";
  private static final String STATUS = "CANARY-STATUS-91C2";

  /** What a summary shows. */
  interface Summary {}

  record Resident(@SubjectId @JsonView(Summary.class) String clientId,
      @Protected("identity.name") @JsonView(Summary.class) String name,
      @Protected("immigration.status") String status, String office, BigDecimal fee) {}

  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
      .auditSinks(event -> { })
      .build());
  private final JsonMapper mapper = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
  private final Resident resident = new Resident("C-1001", NAME, STATUS, "Canal St", new BigDecimal("12.50"));

  @Test
  void renderWhenTheModelNamesAJsonViewThenOnlyItsPropertiesAreWrittenAndProtectedOnesAsDecided() throws Exception {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("resident", resident);
    model.put(JsonView.class.getName(), Summary.class);

    String police = render(new JacksonJsonView(), model, policeDecision());

    assertThat(police).contains("C-1001", NAME).doesNotContain(STATUS, "Canal St");
  }

  @Test
  void renderWhenNoDecisionWasMadeThenNoProtectedValueAndTheRestAsJacksonWritesIt() throws Exception {
    String written = render(new JacksonJsonView(), Map.of("resident", resident), null);

    assertThat(written).contains("\"office\":\"Canal St\"", "\"fee\":12.50").doesNotContain(NAME, STATUS);
  }

  @Test
  void renderWhenTheModelHoldsABindingResultThenItIsPassedAsItIsAndTheValuesAsMaps() throws Exception {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("resident", resident);
    model.put(BindingResult.MODEL_KEY_PREFIX + "resident", "the binding result");
    Map<String, Object> given = new LinkedHashMap<>();
    JacksonJsonView recording = new JacksonJsonView() {
      @Override
      public void render(Map<String, ?> shown, HttpServletRequest request, HttpServletResponse response) {
        given.putAll(shown);
      }
    };

    render(recording, model, null);

    assertThat(given.get(BindingResult.MODEL_KEY_PREFIX + "resident")).isEqualTo("the binding result");
    assertThat(given.get("resident")).isEqualTo(Map.of("clientId", "C-1001", "office", "Canal St",
        "fee", new BigDecimal("12.50")));
  }

  @Test
  void guardedWhenTheViewIsNotOneOfSpringsJacksonViewsThenItIsTheViewItself() {
    View template = (model, request, response) -> { };

    assertThat(GuardedJacksonView.guarded(template, mapper)).isSameAs(template);
  }

  private Decision policeDecision() {
    return guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER).payload(resident).build());
  }

  private String render(JacksonJsonView view, Map<String, ?> model, @Nullable Decision decision) throws Exception {
    View guarded = GuardedJacksonView.guarded(view, mapper);
    assertThat(guarded).isInstanceOf(GuardedJacksonView.class);
    MockHttpServletResponse response = new MockHttpServletResponse();
    DecisionScope scope = decision == null ? DecisionScope.openUndecided() : DecisionScope.open(decision);
    try {
      guarded.render(model, new MockHttpServletRequest(), response);
    } finally {
      scope.close();
    }
    return response.getContentAsString();
  }
}
