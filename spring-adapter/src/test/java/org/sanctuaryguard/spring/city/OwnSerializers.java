package org.sanctuaryguard.spring.city;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.databind.util.StdConverter;

/**
 * Endpoints that answer with a resident's record in a property that a serializer or converter of
 * the application's own writes, which the guard cannot see into: through its elements' serializer,
 * a converter, or a serializer on a property declared as any object; and records written with the
 * serializer of an interface they implement, which calls their getters past their own; and classes
 * that hold a record and are written by a serializer of their own: the application's module's,
 * one named on the class, a {@code @JsonValue}; and the same refused records written by a functional
 * endpoint, or after so many others that the response was committed before the refusal.
 */
@RestController
@RequestMapping("/own-serializers/{id}")
class OwnSerializers {

  /** The record in a property declared as itself, written by its toString. */
  public record Card(String caseId, @JsonSerialize(using = ToStringSerializer.class) Resident resident) {}

  /** Records written each by its toString. */
  public record Roster(@JsonSerialize(contentUsing = ToStringSerializer.class) List<Resident> residents) {}

  /** The record written as a label. */
  public record Docket(String caseId, @JsonSerialize(converter = Label.class) Resident resident) {}

  /** Anything, written by its toString. */
  public record Note(String status, @JsonSerialize(using = ToStringSerializer.class) Object data) {}

  /** What a filing shows of itself, as a Spring Data projection declares it. */
  public interface Summary {
    String getClientId();

    String getStatus();
  }

  /** A resident's filing, which holds the name and the status as protected values. */
  public record Filing(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) implements Summary {
    @Override
    public String getClientId() {
      return clientId;
    }

    @Override
    public String getStatus() {
      return status;
    }
  }

  /** The filing, written as the interface. */
  public record Folder(String caseId, @JsonSerialize(as = Summary.class) Filing filing) {}

  /** A case file, which holds the record and no protected property of its own, written by the application's module. */
  public record CaseFile(String caseId, Resident resident) {}

  /** The same, whose serializer is named on the class. */
  @JsonSerialize(using = DossierSerializer.class)
  public record Dossier(String caseId, Resident resident) {}

  /** The record, written as a label of its values. */
  public record Tag(Resident resident) {
    @JsonValue
    String label() {
      return resident.name() + " (" + resident.status() + ")";
    }
  }

  /** Writes what holds a record as its case id and a summary of the record, past the record's own writers. */
  static final class SummarySerializer<T> extends ValueSerializer<T> {

    private final Function<T, String> caseId;
    private final Function<T, Resident> resident;

    SummarySerializer(Function<T, String> caseId, Function<T, Resident> resident) {
      this.caseId = caseId;
      this.resident = resident;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializationContext context) {
      Resident held = resident.apply(value);
      generator.writeStartObject();
      generator.writeStringProperty("caseId", caseId.apply(value));
      generator.writeStringProperty("summary", held.name() + " (" + held.status() + ")");
      generator.writeEndObject();
    }
  }

  /** The dossier's serializer, named on its class. */
  static final class DossierSerializer extends ValueSerializer<Dossier> {

    private final SummarySerializer<Dossier> summary = new SummarySerializer<>(Dossier::caseId, Dossier::resident);

    @Override
    public void serialize(Dossier dossier, JsonGenerator generator, SerializationContext context) {
      summary.serialize(dossier, generator, context);
    }
  }

  /** The application's module, which writes a case file as a summary. */
  @Configuration(proxyBeanMethods = false)
  static class CaseFiles {

    @Bean
    SimpleModule caseFileSummaries() {
      return new SimpleModule("case-files").addSerializer(CaseFile.class,
          new SummarySerializer<>(CaseFile::caseId, CaseFile::resident));
    }
  }

  /** A functional endpoint that answers with a dossier, which Spring MVC writes without the response advice. */
  @Configuration(proxyBeanMethods = false)
  static class FunctionalDossiers {

    @Bean
    RouterFunction<ServerResponse> functionalDossier() {
      return RouterFunctions.route().GET("/functional/own-serializers/{id}/dossier",
          request -> ServerResponse.ok().body(new Dossier("K-1", Model.resident()))).build();
    }
  }

  /** A controller whose exception handler answers the refusal itself, so that it leaves no exception behind. */
  @RestController
  static class AnsweredDossiers {

    @GetMapping("/answered/own-serializers/{id}/dossier")
    Dossier dossier(@PathVariable @SubjectId String id) {
      return new Dossier("K-1", Model.resident());
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> failed() {
      return ResponseEntity.internalServerError().body(Map.of("error", "could not write the dossier"));
    }
  }

  /** A resident's label, made of protected values. */
  static final class Label extends StdConverter<Resident, String> {
    @Override
    public String convert(Resident resident) {
      return resident.name() + " (" + resident.status() + ")";
    }
  }

  @GetMapping("/card")
  Card card(@PathVariable @SubjectId String id) {
    return new Card("K-1", Model.resident());
  }

  @GetMapping("/roster")
  Roster roster(@PathVariable @SubjectId String id) {
    return new Roster(List.of(Model.resident()));
  }

  @GetMapping("/docket")
  Docket docket(@PathVariable @SubjectId String id) {
    return new Docket("K-1", Model.resident());
  }

  @GetMapping("/note")
  Note note(@PathVariable @SubjectId String id) {
    return new Note("found", Model.resident());
  }

  @GetMapping("/folder")
  Folder folder(@PathVariable @SubjectId String id) {
    return new Folder("K-1", new Filing(id, Model.NAME, Model.STATUS));
  }

  @GetMapping("/case-file")
  CaseFile caseFile(@PathVariable @SubjectId String id) {
    return new CaseFile("K-1", Model.resident());
  }

  @GetMapping("/dossier")
  Dossier dossier(@PathVariable @SubjectId String id) {
    return new Dossier("K-1", Model.resident());
  }

  /**
   * So many records that the response is committed, and some of it sent, before the dossier at the
   * end is refused.
   */
  @GetMapping("/records-then-dossier")
  List<Object> recordsThenDossier(@PathVariable @SubjectId String id) {
    List<Object> all = new ArrayList<>(Collections.nCopies(300, Model.resident()));
    all.add(new Dossier("K-1", Model.resident()));
    return all;
  }

  @GetMapping("/tag")
  Tag tag(@PathVariable @SubjectId String id) {
    return new Tag(Model.resident());
  }

  @GetMapping("/office-note")
  Note officeNote(@PathVariable @SubjectId String id) {
    return new Note("found", "at the Canal St office");
  }
}
