package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Authenticity;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Facts;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.ObligationKind;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model;
import org.sanctuaryguard.spring.city.Model.Contact;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java examples of the adapter's README, compiled and run against the adapter as Spring Boot
 * configures it, so that they keep working: this class holds every line of their code, word for
 * word, and checks what the README says each one does.
 */
class ReadmeExampleTest {

  private static final Path SOURCE = Path.of("src/test/java/org/sanctuaryguard/spring/ReadmeExampleTest.java");

  @Test
  void readmeWhenItsJavaIsReadThenEveryLineOfCodeIsTestedHere() throws IOException {
    String tested = Files.readString(SOURCE, StandardCharsets.UTF_8);
    List<List<String>> blocks = javaBlocks(Path.of("README.md"));

    assertThat(blocks).as("the README's java blocks").hasSizeGreaterThanOrEqualTo(6)
        .allSatisfy(block -> assertThat(block).isNotEmpty());
    assertThat(blocks).flatMap(block -> block)
        .allSatisfy(line -> assertThat(tested).as("README line tested").contains(line));
  }

  /**
   * The Java blocks of a Markdown file, each as its lines of code: trimmed, without blank lines and
   * without a comment that starts a line or follows a blank ({@code "https://"} stays whole).
   */
  private static List<List<String>> javaBlocks(Path markdown) throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> open = null;
    String fence = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        fence = fence == null ? line : null;
        open = "```java".equals(fence) ? new ArrayList<>() : null;
        if (open != null) {
          blocks.add(open);
        }
      } else if (open != null) {
        String code = line.replaceFirst("(^|\\s)//.*", "").strip();
        if (!code.isEmpty()) {
          open.add(code);
        }
      }
    }
    return blocks;
  }

  /** A social-services record of a resident: who they are, their immigration status, and the benefits they get. */
  record Resident(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, @Protected("benefits.receipt") String benefits,
      String office) {}

  /** A record of the jail's: who is held, and when they are released. */
  record Detainee(@SubjectId String id, @Protected("custody.release-date") String releaseDate) {}

  /** The city's records of convictions, which the guard cannot know. */
  interface ConvictionRecords {
    boolean violentOrSerious(String detaineeId);
  }

  /** A message queue the adapter does not guard: it keeps what it is sent. */
  static final class MessageQueue {
    private final List<byte[]> sent = new ArrayList<>();

    void send(byte[] message) {
      sent.add(message);
    }

    List<byte[]> sent() {
      return List.copyOf(sent);
    }
  }

  /** The README's beans, as an application declares them. */
  @Configuration(proxyBeanMethods = false)
  static class ReadmeBeans {

    @Bean
    RequesterResolver gatewayHeader(Guard guard) {
      RecipientDirectory directory = guard.policy().directory();
      return request -> Optional.ofNullable(request.getHeader("X-Gateway-Agency")).flatMap(directory::find).map(Requester::of);
    }

    @Bean
    ConvictionRecords convictionRecords() {
      return detaineeId -> detaineeId.equals("D-7");
    }

    @Bean
    FactsResolver convictions(ConvictionRecords convictions) {
      return (request, requester, payload) -> payload instanceof Detainee detainee
          ? Map.of(Facts.VIOLENT_OR_SERIOUS_CONVICTION, convictions.violentOrSerious(detainee.id()))
          : Map.of();
    }

    @Bean
    GuardConfigCustomizer monitorInStaging(Environment environment) {
      return config -> {
        if (environment.matchesProfiles("staging")) {
          config.mode(Mode.MONITOR);
        }
      };
    }
  }

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SanctuaryGuardAutoConfiguration.class,
          SanctuaryGuardWebAutoConfiguration.class, SanctuaryGuardClientAutoConfiguration.class,
          HttpMessageConvertersAutoConfiguration.class, HttpClientAutoConfiguration.class,
          ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
      .withUserConfiguration(ReadmeBeans.class)
      .withPropertyValues("sanctuary.guard.holder=social-services");

  @Test
  void gatewayHeaderWhenTheGatewayNamesAnAgencyThenItAsksAndWithoutTheHeaderNobodyIsIdentified() {
    runner.run(context -> {
      assertThat(context).as("it replaces the built-in strategies").hasSingleBean(RequesterResolver.class);
      RequesterResolver gatewayHeader = context.getBean(RequesterResolver.class);

      assertThat(gatewayHeader.resolve(request("nypd"))).hasValueSatisfying(requester -> {
        assertThat(requester.recipient().id()).isEqualTo("nypd");
        assertThat(requester.actor()).isNull();
      });
      assertThat(gatewayHeader.resolve(request(null))).isEmpty();
      assertThat(gatewayHeader.resolve(request("no-such-agency"))).isEmpty();
    });
  }

  @Test
  void gatewayHeaderWhenTheGuardsFilterIdentifiesARequestThenTheGatewaysAgencyAsksAndOtherwiseTheDefault() {
    runner.run(context -> {
      Filter filter = context.getBean("sanctuaryGuardFilterRegistration", FilterRegistrationBean.class).getFilter();

      assertThat(identified(filter, request("nypd"))).isEqualTo("nypd");
      assertThat(identified(filter, request(null))).as("sanctuary.guard.inbound.default-recipient").isEqualTo("unknown");
    });
  }

  /** The recipient the filter identified a request as, as the response's decision will read it. */
  private static String identified(Filter filter, MockHttpServletRequest request) throws Exception {
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).as("the request went on to the handler").isNotNull();
    return ((InboundRequest) request.getAttribute(InboundRequest.ATTRIBUTE)).requester().recipient().id();
  }

  /** A request to the service, through the gateway if an agency is given. */
  private static MockHttpServletRequest request(@Nullable String agency) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/residents/C-1001");
    if (agency != null) {
      request.addHeader("X-Gateway-Agency", agency);
    }
    return request;
  }

  /** The README's document, registered as it says. */
  private static void registerWarrant(LegalBasisRegistry registry) {
    registry.register("26-CR-3120", "ice-hsi", LegalBasis.builder(BasisType.JUDICIAL_WARRANT)
        .issuer("United States District Court for the Southern District of New York")
        .signer("Hon. Miriam Okafor", SignerRole.ARTICLE_III_JUDGE)
        .issued(LocalDate.of(2026, 6, 10)).expires(LocalDate.of(2026, 6, 24))
        .subjects("C-1001").categories("identity.name", "location.home-address")
        .authenticity(Authenticity.verifiedBy("Agency counsel, by call to the clerk"))
        .build());
  }

  @Test
  void registerWhenHsiPresentedTheWarrantThenHsiAndTheCityFindItByItsIdAndThePoliceDoNot() {
    runner.run(context -> {
      LegalBasisRegistry registry = context.getBean(LegalBasisRegistry.class);
      RecipientDirectory directory = context.getBean(Guard.class).policy().directory();

      registerWarrant(registry);

      assertThat(registry.findPresentedBy("26-CR-3120", directory.get("ice-hsi"))).hasValueSatisfying(warrant -> {
        assertThat(warrant.type()).isEqualTo(BasisType.JUDICIAL_WARRANT);
        assertThat(warrant.subjects()).containsExactly("C-1001");
      });
      assertThat(registry.find("26-CR-3120")).isPresent();
      assertThat(registry.findPresentedBy("26-CR-3120", directory.get("nypd"))).isEmpty();
      assertThat(registry.findPresentedBy("26-CR-3121", directory.get("ice-hsi"))).isEmpty();
    });
  }

  @Test
  void convictionsWhenThePayloadIsADetaineeThenTheirConvictionIsAFactAndOtherwiseNoFacts() {
    runner.run(context -> {
      assertThat(context).as("it replaces the built-in resolver").hasSingleBean(FactsResolver.class);
      FactsResolver convictions = context.getBean(FactsResolver.class);
      Requester ice = Requester.of(context.getBean(Guard.class).policy().directory().get("ice-ero"));

      assertThat(convictions.resolve(request(null), ice, new Detainee("D-7", "2027-01-04")))
          .containsExactly(Map.entry(Facts.VIOLENT_OR_SERIOUS_CONVICTION, true));
      assertThat(convictions.resolve(request(null), ice, new Detainee("D-8", "2027-01-04")))
          .containsExactly(Map.entry(Facts.VIOLENT_OR_SERIOUS_CONVICTION, false));
      assertThat(convictions.resolve(request(null), ice, Model.resident())).isEmpty();
      assertThat(convictions.resolve(request(null), ice, List.of(new Detainee("D-7", "2027-01-04")))).isEmpty();
    });
  }

  @Test
  @SuppressWarnings("try") // the README's scope is not referenced in its block: it only has to be open
  void decisionScopeWhenTheApplicationWritesAReleaseToAQueueThenItIsWrittenAsTheReleaseDecided() {
    runner.run(context -> {
      Guard guard = context.getBean(Guard.class);
      JsonMapper jsonMapper = context.getBean(JsonMapper.class);
      MessageQueue queue = new MessageQueue();
      Resident resident = new Resident(Model.SUBJECT, Model.NAME, Model.STATUS, "CANARY-BENEFITS-3E1D", "Canal St");

      Release<Resident> release = guard.release(resident, guard.request().recipient("nypd").purpose(Purpose.CRIMINAL_INVESTIGATION));
      try (DecisionScope scope = DecisionScope.open(release.decision().orElseThrow())) {
        queue.send(jsonMapper.writeValueAsBytes(release.copy()));
      }

      assertThat(release.decision()).hasValueSatisfying(decision -> {
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
        assertThat(decision.withheld()).extracting(category -> category.key()).containsExactly("benefits.receipt");
      });
      assertThat(queue.sent()).singleElement().satisfies(message -> {
        JsonNode sent = jsonMapper.readTree(message);
        assertThat(sent.get("clientId").asString()).isEqualTo(Model.SUBJECT);
        assertThat(sent.get("name").asString()).isEqualTo(Model.NAME);
        assertThat(sent.get("status").asString()).as("released to a criminal investigation").isEqualTo(Model.STATUS);
        assertThat(sent.has("benefits")).as("Executive Order 41 keeps it confidential").isFalse();
        assertThat(new String(message, StandardCharsets.UTF_8)).doesNotContain("CANARY-BENEFITS-3E1D");
      });
      assertThat(jsonMapper.writeValueAsString(release.copy())).as("outside the scope, nothing protected is written")
          .contains(Model.SUBJECT).doesNotContain(Model.NAME, Model.STATUS);
    });
  }

  /** A request factory standing for the network: it keeps every request it is asked to open and answers 200. */
  static final class Network implements ClientHttpRequestFactory {
    private final List<MockClientHttpRequest> opened = new ArrayList<>();

    @Override
    public MockClientHttpRequest createRequest(URI uri, HttpMethod method) {
      MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
      request.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.OK));
      opened.add(request);
      return request;
    }

    List<MockClientHttpRequest> opened() {
      return List.copyOf(opened);
    }
  }

  /** The policy's clock on a day, at noon UTC: that day in New York too. */
  private static PolicyCustomizer today(LocalDate day) {
    return policy -> policy.clock(Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
  }

  /**
   * Runs the README's explicit disclosure of a resident's contact to ICE on its warrant, through the
   * RestClient Spring Boot's builder makes, and returns what it threw, if anything.
   */
  private static @Nullable Throwable discloseToIce(AssertableWebApplicationContext context, Network network,
      List<Decision> fulfilled) {
    Disclosures disclosures = context.getBean(Disclosures.class);
    LegalBasisRegistry registry = context.getBean(LegalBasisRegistry.class);
    RestClient restClient = context.getBean(RestClient.Builder.class).requestFactory(network).build();
    Contact contact = Model.contact();
    registerWarrant(registry);

    return catchThrowable(() -> {
      try (Disclosure disclosure = disclosures.open(request -> request
          .recipient("ice")
          .purpose(Purpose.CRIMINAL_IMMIGRATION_ENFORCEMENT)
          .basis(registry.find("26-CR-3120").orElseThrow()))) {
        restClient.post().uri("https://ice.gov/ero/records").body(contact).retrieve().toBodilessEntity();
        for (Decision decision : disclosure.decisions()) {
          decision.obligations();  // escalate-to-counsel, capture-documents, ...: fulfil them, then guard.fulfil(...)
          fulfilled.add(decision);
        }
      }
    });
  }

  @Test
  void disclosureWhenTheWarrantHasExpiredThenTheCallToIceIsRefusedBeforeAnyConnection() {
    // the README's warrant ran from 2026-06-10 to 2026-06-24
    runner.withBean(PolicyCustomizer.class, () -> today(LocalDate.of(2026, 11, 23))).run(context -> {
      Network network = new Network();
      List<Decision> fulfilled = new ArrayList<>();

      Throwable refused = discloseToIce(context, network, fulfilled);

      assertThat(refused).isInstanceOfSatisfying(DisclosureRefusedException.class, e -> {
        assertThat(e.decision().outcome()).isEqualTo(Outcome.DENY);
        assertThat(e.decision().released()).isEmpty();
        assertThat(e.decision().withheld()).extracting(category -> category.key())
            .containsExactlyInAnyOrder("identity.name", "location.home-address");
        assertThat(e.decision().reasons()).filteredOn(reason -> reason.rule().equals("nyc.10-178.no-city-resources"))
            .singleElement().satisfies(reason -> assertThat(reason.details())
                .contains("expired on 2026-06-24, before the request (2026-11-23)"));
        assertThat(e.decision().auditEventId()).isPresent();
      });
      assertThat(network.opened()).as("no connection").isEmpty();
      assertThat(fulfilled).isEmpty();
    });
  }

  @Test
  void disclosureWhenTheWarrantIsInDateThenTheContactGoesToIceWithTheObligationsToFulfil() {
    runner.withBean(PolicyCustomizer.class, () -> today(LocalDate.of(2026, 6, 15))).run(context -> {
      Network network = new Network();
      List<Decision> fulfilled = new ArrayList<>();

      assertThat(discloseToIce(context, network, fulfilled)).isNull();

      assertThat(network.opened()).singleElement().satisfies(call -> {
        assertThat(call.getURI()).hasToString("https://ice.gov/ero/records");
        assertThat(call.getBodyAsString()).contains(Model.NAME, Model.ADDRESS);
      });
      assertThat(fulfilled).singleElement().satisfies(decision -> {
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.requires(ObligationKind.ESCALATE_TO_COUNSEL)).isTrue();
        assertThat(decision.requires(ObligationKind.CAPTURE_DOCUMENTS)).isTrue();
      });
    });
  }

  @Test
  void monitorInStagingWhenTheStagingProfileIsActiveThenTheGuardMonitorsAndOtherwiseEnforces() {
    runner.withPropertyValues("spring.profiles.active=staging").run(context -> assertThat(
        context.getBean(Guard.class).config().mode()).isEqualTo(Mode.MONITOR));
    runner.withPropertyValues("spring.profiles.active=production").run(context -> assertThat(
        context.getBean(Guard.class).config().mode()).isEqualTo(Mode.ENFORCE));
    runner.run(context -> assertThat(context.getBean(Guard.class).config().mode()).isEqualTo(Mode.ENFORCE));
  }
}
