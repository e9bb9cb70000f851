package org.sanctuaryguard.spring.city;

import java.util.List;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.databind.util.StdConverter;

/**
 * Endpoints that answer with a resident's record in a property that a serializer or converter of
 * the application's own writes, which the guard cannot see into: through its elements' serializer,
 * a converter, or a serializer on a property declared as any object; and records written with the
 * serializer of an interface they implement, which calls their getters past their own.
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

  @GetMapping("/office-note")
  Note officeNote(@PathVariable @SubjectId String id) {
    return new Note("found", "at the Canal St office");
  }
}
