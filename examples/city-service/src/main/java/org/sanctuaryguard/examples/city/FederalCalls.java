package org.sanctuaryguard.examples.city;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.spring.Disclosure;
import org.sanctuaryguard.spring.Disclosures;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Calls the service makes to other agencies, through a {@code RestClient} that the adapter guards:
 * the city's own status check with SAVE, decided under an explicit disclosure for benefits
 * verification and sent without what verification does not need; and a referral of a resident's
 * record to a configured destination, decided for whatever its host resolves to, which the guard
 * refuses, before a connection is opened, when that is immigration enforcement.
 */
@RestController
class FederalCalls {

  /**
   * What a call sent and what came back.
   *
   * @param destination where it went
   * @param sent whether anything was sent
   * @param decision the guard's decision on it, when the call was made under an explicit disclosure
   * @param answer what the destination answered, if anything
   */
  record CallAnswer(URI destination, boolean sent, @Nullable DecisionView decision, @Nullable Object answer) {}

  /**
   * SAVE's answer.
   *
   * @param caseVerificationNumber SAVE's case number
   * @param initialResponse its first answer
   */
  record SaveAnswer(String caseVerificationNumber, String initialResponse) {}

  private final RestClient client;
  private final Disclosures disclosures;
  private final Residents residents;
  private final SaveService save;
  private final CityProperties properties;
  private final DecisionViews views;

  FederalCalls(RestClient.Builder builder, Disclosures disclosures, Residents residents, SaveService save,
      CityProperties properties, DecisionViews views) {
    this.client = builder.build();
    this.disclosures = disclosures;
    this.residents = residents;
    this.save = save;
    this.properties = properties;
    this.views = views;
  }

  @PostMapping("/residents/{id}/save-verification")
  CallAnswer verify(@PathVariable String id, Principal staff) {
    Resident resident = residents.get(id);
    URI destination = save.verifications();
    try (Disclosure disclosure = disclosures.open(request -> request
        .recipient("uscis-save")
        .purpose(Purpose.BENEFITS_VERIFICATION)
        .actor(staff.getName()))) {
      SaveAnswer answer = client.post().uri(destination).body(resident.saveQuery()).retrieve().body(SaveAnswer.class);
      return new CallAnswer(destination, true, views.of(last(disclosure.decisions())), answer);
    }
  }

  @PostMapping("/residents/{id}/referrals/{destination}")
  CallAnswer refer(@PathVariable String id, @PathVariable String destination) {
    URI uri = properties.referrals().get(destination);
    if (uri == null) {
      throw new Fields.InvalidFieldException("destination", "no referral destination '" + Problems.echo(destination)
          + "'; configured: " + String.join(", ", properties.referrals().keySet()));
    }
    client.post().uri(uri).body(residents.get(id)).retrieve().toBodilessEntity();
    return new CallAnswer(uri, true, null, null);
  }

  @ExceptionHandler(DisclosureRefusedException.class)
  ProblemDetail refused(DisclosureRefusedException refused) {
    Decision decision = refused.decision();
    ProblemDetail problem = Problems.problem(HttpStatus.FORBIDDEN, "call-refused", "Call refused",
        "The guard refused the call before a connection was opened: nothing was sent.");
    problem.setProperty("sent", false);
    problem.setProperty("decision", views.of(decision));
    return problem;
  }

  private static Decision last(List<Decision> decisions) {
    if (decisions.isEmpty()) {
      throw new IllegalStateException("the call was made outside the disclosure: its host is not uscis-save");
    }
    return decisions.get(decisions.size() - 1);
  }
}
