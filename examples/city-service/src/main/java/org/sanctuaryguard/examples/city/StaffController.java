package org.sanctuaryguard.examples.city;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.spring.LegalBasisRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the agency's staff do with the guard: record a request that came by telephone, e-mail or at
 * the door and learn what they may answer ({@code POST /intake}); register a document counsel has
 * verified, which partners then name in {@code Sanctuary-Guard-Basis} ({@code POST /documents},
 * counsel only); read back a decision by its audit event id ({@code GET /decisions/{id}}).
 */
@RestController
class StaffController {

  /**
   * The answer to an intake: the request as the guard understood it, its decision, and the records
   * redacted to the decision, ready to hand over (none if nothing may be released).
   *
   * @param received how and from whom the request came
   * @param recipientClass the requesting agency's class, which decides which rules apply
   * @param decision the decision
   * @param release the records with every withheld field left out
   */
  record IntakeAnswer(String received, String recipientClass, DecisionView decision, List<Resident> release) {}

  /**
   * A document counsel has checked, under the id agencies will name.
   *
   * @param id the id, for example the docket number ({@code 1:26-mj-04471}); the registry's
   *     characters but {@code /}, which could not name it in {@code DELETE /documents/{id}}
   * @param document the document
   */
  record Registration(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
      message = "letters, digits, '.', '_', ':' and '-', at most 64") String id,
      @NotBlank String presentedBy, @NotNull @Valid DocumentForm document) {

    @Override
    public String toString() {
      return "Registration[id=" + id + ", presentedBy=" + presentedBy + ", document=" + document + "]";
    }
  }

  private final Guard guard;
  private final Residents residents;
  private final LegalBasisRegistry documents;
  private final RecentDecisions recent;
  private final DecisionViews views;

  StaffController(Guard guard, Residents residents, LegalBasisRegistry documents, RecentDecisions recent,
      DecisionViews views) {
    this.guard = guard;
    this.residents = residents;
    this.documents = documents;
    this.recent = recent;
    this.views = views;
  }

  @PostMapping("/intake")
  IntakeAnswer intake(@Valid @RequestBody IntakeForm form, Principal staff) {
    RecipientDirectory directory = guard.policy().directory();
    Recipient agency = form.agency().contains("@") ? directory.resolveEmail(form.agency())
        : Fields.parse("agency", form.agency(), directory::get);
    List<Resident> asked = asked(form);
    DisclosureRequest.Builder request = guard.request()
        .recipient(agency)
        .purpose(Fields.parse("purpose", form.purpose(), Purpose::of))
        .actor(staff.getName())
        .subjects(form.everyResident() ? List.of(DisclosureRequest.ALL_SUBJECTS) : form.residents())
        .basis(form.document() == null ? LegalBasis.none() : form.document().toBasis("document"));
    if (form.categories() == null || form.categories().isEmpty()) {
      // the whole record: the categories of every protected value the records hold
      request.categories(guard.request().recipient(agency).purpose(Purpose.OTHER).payload(asked).build().categories());
    } else {
      Fields.check("categories", () -> request.categories(form.categories().toArray(String[]::new)));
    }
    if (form.holder() != null) {
      request.holder(Fields.parse("holder", form.holder(), Holder::of));
    }
    if (form.everyResident()) {
      request.fact("bulk", true);
    }
    if (form.facts() != null) {
      form.facts().forEach((fact, value) -> Fields.check("facts." + fact, () -> request.fact(fact, value)));
    }
    Decision decision = guard.decide(request.build());
    List<Resident> release = decision.permitsAny() ? guard.redact(asked, decision).copy() : List.of();
    return new IntakeAnswer("by " + form.channel() + " from " + agency.name() + ", officer "
        + Problems.echo(form.officer().name()), agency.recipientClass().id(), views.of(decision), release);
  }

  @PostMapping("/documents")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> register(@Valid @RequestBody Registration registration) {
    LegalBasis basis = registration.document().toBasis("document");
    Fields.check("presentedBy", () -> documents.register(registration.id(), registration.presentedBy(), basis));
    return Map.of("id", registration.id(), "presentedBy", registration.presentedBy(), "type", basis.type().id(),
        "verified", basis.authenticity().verified(), "problems", basis.problems());
  }

  @DeleteMapping("/documents/{id}")
  ResponseEntity<Void> withdraw(@PathVariable String id) {
    return documents.remove(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  @GetMapping("/decisions/{id}")
  ResponseEntity<?> decision(@PathVariable String id) {
    return recent.find(id).<ResponseEntity<?>>map(event -> ResponseEntity.ok(views.of(event)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notKept(id)));
  }

  private List<Resident> asked(IntakeForm form) {
    if (form.everyResident()) {
      return residents.all();
    }
    List<Resident> asked = new ArrayList<>();
    for (String id : form.residents()) {
      asked.add(residents.find(id).orElseThrow(() -> new Fields.InvalidFieldException(
          "residents[" + asked.size() + "]", "no resident with case number '" + Problems.echo(id) + "'")));
    }
    return asked;
  }

  private static ProblemDetail notKept(@Nullable String id) {
    return Problems.problem(HttpStatus.NOT_FOUND, "no-such-decision", "No such decision",
        "no recent decision has the audit event id '" + Problems.echo(String.valueOf(id)) + "'");
  }
}
