package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The withdrawal of a decision whose response was not sent, as the filter, the exception resolver
 * and the writers of unadvised bodies each ask for it: however many of them do, the guard log holds
 * one denial that replaces the decision.
 */
class DecisionsTest {

  private final List<GuardEvent> events = new CopyOnWriteArrayList<>();
  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
      .auditSinks(events::add)
      .build());
  private final Decisions decisions = new Decisions(guard, null);

  private Decision released() {
    return guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").build());
  }

  @Test
  void withdrawUnsentWhenAskedTwiceForOneDecisionThenOneDenialIsRecordedAndTheBufferIsDiscarded() throws IOException {
    Decision decision = released();
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.getWriter().write("partial");

    boolean first = decisions.withdrawUnsent(decision, response, new IllegalStateException());
    response.getWriter().write("again");
    boolean second = decisions.withdrawUnsent(decision, response, new IOException());

    assertThat(first).isTrue();
    assertThat(second).as("the decision is withdrawn, whoever asked first").isTrue();
    assertThat(response.getContentAsString()).isEmpty();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).supersedes()).isEqualTo(decision.auditEventId());
  }

  @Test
  void withdrawUnsentWhenTheResponseWasCommittedThenTheDecisionStands() throws IOException {
    Decision decision = released();
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.flushBuffer();

    assertThat(decisions.withdrawUnsent(decision, response, new IllegalStateException())).isFalse();
    assertThat(events).hasSize(1);
  }
}
