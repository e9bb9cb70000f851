package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Reason;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.SubjectId;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The facts of a response's payload, as the application's {@link FactsResolver} gives them: in the
 * decision when it gives them right, and a failure that names the resolver, and nothing of the
 * payload, when it does not.
 */
class InboundRequestTest {

  static final String STATUS = "CANARY-STATUS-91C2";

  record Resident(@SubjectId String clientId, @Protected("immigration.status") String status) {}

  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
      .auditSinks(event -> { })
      .build());
  private final Decisions decisions = new Decisions(guard, null);
  private final Resident resident = new Resident("C-1", STATUS);

  @Test
  void decideBodyWhenTheResolverConfirmsConsentThenTheDecisionReleasesWhatTheConsentCovers() {
    Decision decision = decisions.decideBody(police((request, requester, payload) ->
        Map.of(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, true)), resident);

    assertThat(decision).isNotNull();
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(details(decision)).contains("nyc.eo-41.immigration-status-police (released [immigration.status])",
        "met by written consent");
  }

  @Test
  void decideBodyWhenTheResolverGivesAFactAsFalseOrNoneThenWithheldAndTheReasonsSayWhich() {
    Decision refuted = decisions.decideBody(police((request, requester, payload) ->
        Map.of(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, false)), resident);
    Decision unknown = decisions.decideBody(police(null), resident);

    assertThat(refuted).isNotNull();
    assertThat(refuted.outcome()).isEqualTo(Outcome.DENY);
    assertThat(details(refuted)).contains("fact 'consent-confirmed-with-subject' is false");
    assertThat(unknown).isNotNull();
    assertThat(details(unknown)).contains("fact 'consent-confirmed-with-subject' was not given and counts as false");
  }

  @Test
  void decideBodyWhenTheResolverIsGivenThePayloadThenItIsTheBodyTheRequestAndWhoAsks() {
    MockHttpServletRequest[] seen = new MockHttpServletRequest[1];
    Object[] payloads = new Object[1];
    InboundRequest inbound = police((request, requester, payload) -> {
      seen[0] = (MockHttpServletRequest) request;
      payloads[0] = payload;
      assertThat(requester.recipient().id()).isEqualTo("nypd");
      return Map.of();
    });

    decisions.decideBody(inbound, resident);

    assertThat(seen[0]).isSameAs(inbound.facts().request());
    assertThat(payloads[0]).isSameAs(resident);
  }

  @Test
  void decideBodyWhenTheResolverFailsOrReturnsNullThenFailsNamingItsClassAndNothingOfThePayload() {
    Map<String, Boolean> nullValue = new HashMap<>();
    nullValue.put(Facts.CONSENT_CONFIRMED_WITH_SUBJECT, null);

    assertFails((request, requester, payload) -> {
      throw new IllegalStateException("no consent on file for " + ((Resident) payload).status());
    }, "failed (java.lang.IllegalStateException)");
    assertFails((request, requester, payload) -> null, "returned null instead of a map of facts");
    assertFails((request, requester, payload) -> nullValue, "returned a fact without a name or a value");
  }

  @Test
  void decideBodyWhenTheResolverNamesAnUnknownFactThenFailsNamingOnlyTheNearestKnownFacts() {
    assertFails((request, requester, payload) -> Map.of("consent-confirmed", true),
        "returned a fact that neither the standard facts nor a pack declares (not repeated here, as it may come from"
            + " the record; the nearest known: 'consent-confirmed-with-subject')");
    for (String builtFromTheRecord : List.of("status-removal-order-pending", "consent-" + STATUS)) {
      assertThatThrownBy(() -> decisions.decideBody(police((request, requester, payload) ->
          Map.of(builtFromTheRecord, true)), resident))
          .isInstanceOf(SanctuaryGuardException.class).hasMessageNotContaining(builtFromTheRecord)
          .hasMessageContaining("returned a fact that neither the standard facts nor a pack declares");
    }
  }

  @Test
  void decideBodyWhenTheResolverThrowsAnErrorOrACheckedExceptionThenItsMessageIsNotRepeated() {
    assertFails((request, requester, payload) -> {
      throw new AssertionError("unexpected status " + STATUS);
    }, "failed (java.lang.AssertionError)");
    assertFails((request, requester, payload) -> InboundRequestTest.<RuntimeException>sneaky(
        new java.io.IOException("ledger row for " + STATUS + " unreadable")), "failed (java.io.IOException)");
  }

  /** Throws a checked exception from code that does not declare it, as Lombok's {@code @SneakyThrows} does. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> Map<String, Boolean> sneaky(Throwable e) throws E {
    throw (E) e;
  }

  private void assertFails(FactsResolver resolver, String what) {
    assertThatThrownBy(() -> decisions.decideBody(police(resolver), resident))
        .isInstanceOf(SanctuaryGuardException.class)
        .hasMessageStartingWith("the FactsResolver " + resolver.getClass().getName() + " " + what)
        .hasMessageNotContaining(STATUS)
        .hasNoCause();
  }

  /** The police, for service delivery, on the resident's written consent, with the application's resolver or none. */
  private InboundRequest police(@Nullable FactsResolver resolver) {
    LegalBasis consent = LegalBasis.builder(BasisType.WRITTEN_CONSENT)
        .signer("Resident C-1", SignerRole.OTHER)
        .issued(LocalDate.now(ZoneOffset.UTC).minusDays(1))
        .recipient("nypd")
        .purpose(Purpose.SERVICE_DELIVERY)
        .subjects("C-1")
        .categories("immigration.status")
        .build();
    return new InboundRequest(Requester.of(guard.policy().directory().get("nypd")), Purpose.SERVICE_DELIVERY, consent,
        resolver == null ? null : new InboundRequest.PayloadFacts(resolver, new MockHttpServletRequest()));
  }

  private static String details(Decision decision) {
    return decision.reasons().stream().map(Reason::toString).reduce("", String::concat);
  }
}
