package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientClass;

/**
 * The check before the handler runs, in a jail's service: ICE asks for a detainee's release date
 * with a verified federal warrant. N.Y.C. Admin. Code § 9-131 lets the jail answer only for a
 * detainee with a violent or serious conviction, a fact about the record that the check, which runs
 * before the record is looked up, cannot know.
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyRefusalInterceptorTest {

  private static final String DETAINEE = "S-3008";

  record Detainee(@SubjectId String id, @Protected("custody.release-date") String releaseDate) {}

  @RestController
  static class Detainees {

    @GetMapping("/detainees/{id}")
    Detainee detainee(@PathVariable @SubjectId String id) {
      return new Detainee(id, "CANARY-RELEASE-DATE");
    }
  }

  /** A resolver the check must never call: it has no payload to give it. */
  private static final FactsResolver NEVER_CALLED = (request, requester, payload) -> {
    throw new AssertionError("the check before the handler called the facts resolver");
  };

  private final List<GuardEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void preHandleWhenOnlyAFactOfTheRecordCouldOpenItAndTheApplicationResolvesNoFactsThenRefused() {
    EarlyRefusalInterceptor check = new EarlyRefusalInterceptor(new Decisions(jail(), null));

    assertThatThrownBy(() -> check.preHandle(iceAsks(warrant(), null), new MockHttpServletResponse(), handler()))
        .isInstanceOfSatisfying(ResponseRefusedException.class, refused -> assertThat(refused.decision().rules())
            .contains("nyc.9-131.correction"));
    assertThat(events).singleElement().satisfies(event -> assertThat(event.withheld())
        .containsExactly("custody.release-date"));
  }

  @Test
  void preHandleWhenOnlyAFactOfTheRecordCouldOpenItAndTheApplicationResolvesFactsThenTheHandlerRuns() {
    EarlyRefusalInterceptor check = new EarlyRefusalInterceptor(new Decisions(jail(), null));

    boolean proceeds = check.preHandle(iceAsks(warrant(), NEVER_CALLED), new MockHttpServletResponse(), handler());

    assertThat(proceeds).isTrue();
    assertThat(events).as("the check records nothing unless it refuses").isEmpty();
  }

  @Test
  void preHandleWhenNoFactCouldOpenTheRecordThenRefusedThoughTheApplicationResolvesFacts() {
    EarlyRefusalInterceptor check = new EarlyRefusalInterceptor(new Decisions(jail(), null));

    assertThatThrownBy(() -> check.preHandle(iceAsks(LegalBasis.none(), NEVER_CALLED), new MockHttpServletResponse(),
        handler())).isInstanceOfSatisfying(ResponseRefusedException.class, refused -> assertThat(
            refused.decision().rules()).contains("nyc.10-178.no-city-resources"));
  }

  /**
   * Trying each combination of the facts the packs read costs 2^n decisions; what no facts open to
   * a recipient for a purpose without a document stays so, and is tried once per handler. The
   * decisions are counted by the policy's clock, which dates each one.
   */
  @Test
  void preHandleWhenNoFactCouldOpenTheRecordThenItsFactsAreTriedOnceAndLaterRefusalsDecideOnlyThemselves() {
    AtomicInteger decided = new AtomicInteger();
    Clock counting = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        decided.incrementAndGet();
        return Instant.now();
      }
    };
    EarlyRefusalInterceptor check = new EarlyRefusalInterceptor(new Decisions(jail(counting), null));
    int[] decisions = new int[3];

    for (int i = 0; i < decisions.length; i++) {
      int before = decided.get();
      assertThatThrownBy(() -> check.preHandle(iceAsks(LegalBasis.none(), NEVER_CALLED), new MockHttpServletResponse(),
          handler())).isInstanceOf(ResponseRefusedException.class);
      decisions[i] = decided.get() - before;
    }

    assertThat(decisions[1]).as("then the check without facts, and the refusal decided and recorded")
        .isEqualTo(decisions[2]).isLessThanOrEqualTo(3);
    assertThat(decisions[0] - decisions[1]).as("the first tries the facts' combinations too").isGreaterThanOrEqualTo(7);
    assertThat(events).hasSize(3);
  }

  @Test
  void preHandleWhenThePacksReadMoreFactsThanItTriesThenItRefusesNothingEarlyForAResolverAndSaysSoOnce(
      CapturedOutput output) {
    List<String> names = IntStream.rangeClosed(1, EarlyRefusalInterceptor.MOST_FACTS_TRIED + 1)
        .mapToObj(i -> "\"fact-" + i + "\"").toList();
    PolicyPack many = PolicyPack.read("many-facts.json", """
        {"format": 1, "id": "many-facts", "version": "1", "title": "Many facts (test)", "jurisdiction": "Test",
         "time-zone": "America/New_York", "summary": "A rule that only many facts together lift.",
         "facts": {%s},
         "rules": [{"id": "many-facts.all", "citation": "Test code § 1", "confidence": "C",
           "message": "Custody information needs every fact.", "when": {"categories": ["custody"]},
           "unless": [{"facts-all": [%s]}], "effect": "withhold"}]}
        """.formatted(names.stream().map(name -> name + ": \"a fact\"").collect(Collectors.joining(", ")),
        String.join(", ", names)));
    Decisions decisions = new Decisions(jail(many), null);

    EarlyRefusalInterceptor interceptor = new EarlyRefusalInterceptor(decisions);
    boolean proceeds = interceptor.preHandle(iceAsks(LegalBasis.none(), NEVER_CALLED), new MockHttpServletResponse(),
        handler());
    interceptor.preHandle(iceAsks(LegalBasis.none(), NEVER_CALLED), new MockHttpServletResponse(), handler());

    assertThat(proceeds).isTrue();
    String told = " facts, more than the " + EarlyRefusalInterceptor.MOST_FACTS_TRIED
        + " whose combinations the check before a handler tries when the application declares a FactsResolver";
    assertThat(output.getOut().split(java.util.regex.Pattern.quote(told), -1)).as("said once").hasSize(2);
    assertThatThrownBy(() -> new EarlyRefusalInterceptor(decisions).preHandle(iceAsks(LegalBasis.none(), null),
        new MockHttpServletResponse(), handler())).as("without a resolver of the application's")
        .isInstanceOf(ResponseRefusedException.class);
  }

  private Guard jail(PolicyPack... more) {
    return jail(Clock.systemUTC(), more);
  }

  private Guard jail(Clock clock, PolicyPack... more) {
    Policy.Builder policy = Policy.builder().pack(PolicyPack.builtin("nyc")).pack(PolicyPack.builtin("new-york-state"))
        .pack(PolicyPack.builtin("federal")).clock(clock);
    for (PolicyPack pack : more) {
      policy.pack(pack);
    }
    return Guard.of(GuardConfig.custom().policy(policy.build()).holder(Holder.CORRECTION).auditSinks(events::add)
        .build());
  }

  private static HandlerMethod handler() {
    try {
      return new HandlerMethod(new Detainees(), Detainees.class.getDeclaredMethod("detainee", String.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ICE ERO asks for the detainee's record, on a basis, with the application's facts resolver or none. */
  private MockHttpServletRequest iceAsks(LegalBasis basis, @Nullable FactsResolver facts) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/detainees/" + DETAINEE);
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", DETAINEE));
    Requester ice = Requester.of(RecipientDirectory.defaults().get("ice-ero"));
    request.setAttribute(InboundRequest.ATTRIBUTE, new InboundRequest(ice, Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT,
        basis, facts == null ? null : new InboundRequest.PayloadFacts(facts, request)));
    return request;
  }

  /** A verified federal warrant for the detainee's custody information. */
  private static LegalBasis warrant() {
    return Model.judgesWarrant("26 Cr. 3188 (MO)")
        .subjects(DETAINEE)
        .categories("custody")
        .authenticity(Authenticity.verifiedBy("DOC Legal Division, by call to the SDNY clerk"))
        .build();
  }

  /**
   * Custody information: a fact opens it to the public, nothing to other recipients; what no facts
   * open is remembered by recipient and class, as an application's resolver may give one id two.
   */
  static final PolicyPack PARTNERS = PolicyPack.read("partners.json", """
      {"format": 1, "id": "partners", "version": "1", "title": "Partners (test)", "jurisdiction": "Test",
       "time-zone": "America/New_York", "summary": "Custody: a fact opens it to the public, nothing to others.",
       "facts": {"published": "the release date was published by the court"},
       "rules": [
         {"id": "partners.public", "citation": "Test § 1", "confidence": "C", "message": "Needs the fact.",
          "when": {"recipient-classes": ["public"], "categories": ["custody"]},
          "unless": [{"facts-all": ["published"]}], "effect": "withhold"},
         {"id": "partners.other", "citation": "Test § 2", "confidence": "C", "message": "Never.",
          "when": {"recipient-classes": ["other"], "categories": ["custody"]}, "effect": "withhold"}]}
      """);

  /** A request of that recipient, with a facts resolver of the application's, without a document. */
  private static MockHttpServletRequest partnerAsks(Recipient recipient) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/detainees/" + DETAINEE);
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", DETAINEE));
    FactsResolver facts = (r, requester, payload) -> Map.of("published", true);
    request.setAttribute(InboundRequest.ATTRIBUTE, new InboundRequest(Requester.of(recipient), Purpose.OTHER,
        LegalBasis.none(), new InboundRequest.PayloadFacts(facts, request)));
    return request;
  }

  @Test
  void preHandleWhenOneRecipientIdComesUnderAnotherClassThenWhatNoFactOpenedForTheFirstIsTriedAgain() {
    Guard guard = Guard.of(GuardConfig.custom().policy(Policy.builder().pack(PARTNERS).build()).auditSinks(e -> { })
        .build());
    EarlyRefusalInterceptor check = new EarlyRefusalInterceptor(new Decisions(guard, null));
    Recipient asOther = Recipient.of("partner", "A partner", RecipientClass.OTHER);
    Recipient asPublic = Recipient.of("partner", "A partner", RecipientClass.PUBLIC);

    // a fresh check: the public partner passes, as a fact of the record could open it
    assertThat(new EarlyRefusalInterceptor(new Decisions(guard, null)).preHandle(partnerAsks(asPublic),
        new MockHttpServletResponse(), handler())).isTrue();

    assertThatThrownBy(() -> check.preHandle(partnerAsks(asOther), new MockHttpServletResponse(), handler()))
        .isInstanceOf(ResponseRefusedException.class);
    assertThat(check.preHandle(partnerAsks(asPublic), new MockHttpServletResponse(), handler()))
        .as("the same id, another class: the facts are tried again").isTrue();
  }
}
