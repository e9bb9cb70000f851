package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIdentityInfo;
import com.fasterxml.jackson.annotation.JsonIdentityReference;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonTypeId;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Outcome;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.SubjectId;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.annotation.JsonAppend;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.annotation.JsonTypeIdResolver;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.HandlerInstantiator;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.TypeResolverBuilder;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.jsontype.impl.TypeIdResolverBase;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.VirtualBeanPropertyWriter;
import tools.jackson.databind.ser.std.SimpleBeanPropertyFilter;
import tools.jackson.databind.ser.std.SimpleFilterProvider;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.databind.util.Annotations;
import tools.jackson.databind.util.StdConverter;

/** The Jackson 3 module on its own: what it writes under which decision, and what it leaves alone. */
class SanctuaryGuardModuleTest {

  static final String NAME = "CANARY-NAME-7F3A";
  static final String STATUS = "CANARY-STATUS-91C2";

  record Resident(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, String office) {}

  record Office(String name, String borough) {}

  /** A record whose accessors of unprotected components compute from a protected one, or copy. */
  record Labelled(@SubjectId String clientId, @Protected("immigration.status") String status, String label,
      List<String> offices) {
    @Override
    public String label() {
      return label + " (" + status + ")";
    }

    @Override
    public List<String> offices() {
      return List.copyOf(offices);
    }
  }

  /** A bean whose getter of an unprotected field computes from a protected one, and keeps the result. */
  public static class Described {
    @Protected("immigration.status")
    private final String status;
    private String description;

    Described(String status) {
      this.status = status;
    }

    public String getDescription() {
      if (description == null) {
        description = "returning client" + ("undocumented".equals(status) ? " *" : "");
      }
      return description;
    }
  }

  /** A bean with a converting getter, written from its fields so that every requester sees them. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
      isGetterVisibility = Visibility.NONE)
  public static class Nicknamed {
    @Protected("immigration.status")
    private String status = STATUS;
    private String nickname = "Sam";

    public Optional<String> getNickname() {
      return Optional.ofNullable(nickname);
    }
  }

  /** A bean whose getter only returns its field, which a subclass overrides. */
  public static class Case {
    @Protected("immigration.status")
    private String status = STATUS;
    private String label = "case";

    public String getStatus() {
      return status;
    }

    public String getLabel() {
      return label;
    }
  }

  /** Overrides a plain getter with one that computes from the protected field. */
  public static class NotedCase extends Case {
    @Override
    public String getLabel() {
      return super.getLabel() + " (" + getStatus() + ")";
    }
  }

  record Renamed(@JsonProperty("immigration_status") @Protected("immigration.status") String status, String office) {}

  /** A bean with a getter that computes from a protected field. */
  public static class Computed {
    @Protected("immigration.status")
    private final String status = STATUS;
    @Protected("identity.name")
    private final String name = NAME;

    public String getName() {
      return name;
    }

    public String getSummary() {
      return name + " (" + status + ")";
    }
  }

  /** Jackson writes it through its @JsonValue, whose output the module cannot see into. */
  public static class Valued {
    @Protected("immigration.status")
    private final String status = STATUS;

    @JsonValue
    public String value() {
      return "status: " + status;
    }
  }

  record Wrapper(String caseId, @JsonUnwrapped Resident resident) {}

  interface Public {}

  record Viewed(@JsonView(Public.class) @Protected("immigration.status") String status,
      @JsonView(Public.class) String office) {}

  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  record AsArray(@Protected("immigration.status") String status, String office) {}

  /** An any-getter in a class holding protected values. */
  public static class Extras {
    @Protected("identity.name")
    private final String name = NAME;

    @JsonAnyGetter
    public Map<String, Object> extras() {
      return Map.of("nickname", name);
    }
  }

  /** An any-getter read through a getter of a stored map that adds a protected value to it. */
  public static final class NamedExtras {
    @Protected("identity.name")
    private final String name = NAME;
    private final Map<String, Object> extras = Map.of("office", "Canal St");

    @JsonAnyGetter
    public Map<String, Object> getExtras() {
      Map<String, Object> all = new java.util.HashMap<>(extras);
      all.put("nickname", name);
      return all;
    }
  }

  /** An any-getter on the stored map itself. */
  public static final class StoredExtras {
    @Protected("identity.name")
    private final String name = NAME;
    @JsonAnyGetter
    private final Map<String, Object> extras = Map.of("office", "Canal St");
  }

  /** A virtual property, named as a field of the class that Jackson does not write, that writes a protected one. */
  @JsonAppend(props = @JsonAppend.Prop(value = NameWriter.class, name = "notes"))
  public static final class Appended {
    @Protected("identity.name")
    private final String name = NAME;
    private final String notes = "none";

    public String getName() {
      return name;
    }
  }

  /** Writes an appended object's name. */
  public static final class NameWriter extends VirtualBeanPropertyWriter {
    private static final long serialVersionUID = 1L;

    public NameWriter() {}

    NameWriter(BeanPropertyDefinition property, Annotations annotations, JavaType type) {
      super(property, annotations, type);
    }

    @Override
    protected Object value(Object bean, JsonGenerator generator, SerializationContext context) {
      return ((Appended) bean).name;
    }

    @Override
    public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
        BeanPropertyDefinition property, JavaType type) {
      return new NameWriter(property, declaringClass.getAnnotations(), type);
    }
  }

  private final Guard guard = Guard.of(GuardConfig.custom()
      .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
      .auditSinks(event -> { })
      .build());
  private final JsonMapper guarded = JsonMapper.builder().addModule(new SanctuaryGuardModule(guard)).build();
  private final JsonMapper plain = JsonMapper.builder().build();
  private final Resident resident = new Resident("C-1001", NAME, STATUS, "Canal St");

  /** Police asking without a purpose: immigration status withheld. */
  private Decision policeDecision(Object payload) {
    Decision decision = guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER).payload(payload).build());
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW_REDACTED);
    return decision;
  }

  private Decision staffDecision(Object payload) {
    Decision decision = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(payload).build());
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    return decision;
  }

  private String write(Object value, Decision decision) {
    return write(guarded.writer(), value, decision);
  }

  private static String write(ObjectWriter writer, Object value, Decision decision) {
    try (DecisionScope scope = DecisionScope.open(decision)) {
      assertThat(DecisionScope.current()).isSameAs(scope);
      return writer.writeValueAsString(value);
    }
  }

  @Test
  void writeWhenOutsideAnyScopeThenNoProtectedPropertyIsWritten() {
    assertThat(guarded.writeValueAsString(resident)).isEqualTo("{\"clientId\":\"C-1001\",\"office\":\"Canal St\"}");
  }

  @Test
  void writeWhenTheDecisionWithholdsACategoryThenOnlyItsPropertiesAreLeftOut() {
    assertThat(write(resident, policeDecision(resident)))
        .isEqualTo("{\"clientId\":\"C-1001\",\"name\":\"" + NAME + "\",\"office\":\"Canal St\"}");
  }

  @Test
  void writeWhenTheDecisionReleasesEverythingThenTheOutputIsPlainJacksons() {
    assertThat(write(resident, staffDecision(resident))).isEqualTo(plain.writeValueAsString(resident));
  }

  @Test
  void writeWhenTheDecisionDeniesThenNothingProtectedIsWritten() {
    Decision denied = guard.decide(guard.request().recipient(Recipient.unknown("test")).purpose(Purpose.OTHER)
        .payload(resident).build());

    assertThat(write(resident, denied)).doesNotContain(NAME, STATUS);
  }

  @Test
  void serializerWhenTheTypeHoldsNothingProtectedThenItIsJacksonsOwnWithNoGuardedWriter() {
    assertThat(writers(Office.class)).isNotEmpty().noneMatch(GuardedPropertyWriter.class::isInstance);
    assertThat(writers(Resident.class)).filteredOn(GuardedPropertyWriter.class::isInstance).hasSize(2);
    assertThat(guarded.writeValueAsString(new Office("Canal St", "Manhattan")))
        .isEqualTo(plain.writeValueAsString(new Office("Canal St", "Manhattan")));
  }

  @Test
  void writeWhenAPropertyIsRenamedThenItIsGuardedUnderItsJsonName() {
    Renamed renamed = new Renamed(STATUS, "Canal St");

    assertThat(write(renamed, policeDecision(resident))).isEqualTo("{\"office\":\"Canal St\"}");
    assertThat(write(renamed, staffDecision(resident))).contains("\"immigration_status\":\"" + STATUS + "\"");
  }

  @Test
  void writeWhenAGetterComputesFromProtectedFieldsThenItIsWrittenOnlyWhenAllOfThemAreReleased() {
    Computed computed = new Computed();

    assertThat(write(computed, policeDecision(computed))).isEqualTo("{\"name\":\"" + NAME + "\"}");
    assertThat(write(computed, staffDecision(computed))).contains("\"summary\":\"" + NAME + " (" + STATUS + ")\"");
  }

  /** What Jackson writes of a case note's detail: its getters. */
  public interface Detail {
    String getStatus();
  }

  /** A note whose detail is an anonymous class of the application's, capturing a resident. */
  record CaseNote(String id, Detail detail) {}

  /** A case file whose computed getter reads its resident's protected value. */
  record CaseFile(String id, Resident resident) {
    public String getSummary() {
      return resident.name() + " (" + resident.status() + ")";
    }
  }

  private static Detail capturing(Resident resident) {
    return new Detail() {
      @Override
      public String getStatus() {
        return resident.status();
      }
    };
  }

  /**
   * Before, a getter of an anonymous class reading the resident it captured, or a computed getter of
   * a record reading its resident, was written to the police as Jackson's, the status with it.
   */
  @Test
  void writeWhenAGetterComputesFromWhatTheClassHoldsOrCapturesThenItIsWrittenOnlyWhenAllOfItIsReleased() {
    CaseNote note = new CaseNote("N-1", capturing(resident));
    CaseFile file = new CaseFile("F-1", resident);

    assertThat(write(file, policeDecision(file))).doesNotContain(STATUS).contains(NAME);
    assertThat(write(note, policeDecision(note))).doesNotContain(STATUS);
    assertThat(write(note, staffDecision(note))).contains("\"status\":\"" + STATUS + "\"");
    assertThat(write(file, staffDecision(file))).contains(NAME + " (" + STATUS + ")");
  }

  /** A detail capturing a variable declared as Object, which declares no category. */
  private static Detail capturingAnything(Object detail) {
    return new Detail() {
      @Override
      public String getStatus() {
        return ((Resident) detail).status();
      }
    };
  }

  /**
   * Before, a getter of an anonymous class reading a resident it captured as an {@code Object} was
   * written to the police, the status with it: the class declares no category for the guard to ask.
   * Now it is written only when every category the guard knows is released, which staff's decision
   * on the note does not do either.
   */
  @Test
  void writeWhenAGetterReadsWhatTheClassCapturesAsAnyTypeThenItIsWrittenOnlyWhenEverythingIsReleased() {
    CaseNote note = new CaseNote("N-1", capturingAnything(resident));

    assertThat(write(note, policeDecision(note))).isEqualTo("{\"id\":\"N-1\",\"detail\":{}}");
    assertThat(write(note, staffDecision(note))).isEqualTo("{\"id\":\"N-1\",\"detail\":{}}");
  }

  /** An envelope whose computed getter reads the resident its body, declared Object, holds. */
  record Envelope(String id, Object body) {
    public String getStatus() {
      return ((Resident) body).status();
    }
  }

  /** A parcel whose computed getter reads the resident its content, declared as an interface, holds. */
  public static final class Parcel {
    private final String id;
    private final Supplier<?> content;

    Parcel(String id, Supplier<?> content) {
      this.id = id;
      this.content = content;
    }

    public String getId() {
      return id;
    }

    public String getStatus() {
      return ((Resident) content.get()).status();
    }
  }

  /** What holds a resident behind an interface, a record the guard reads through its component. */
  record Held(Resident resident) implements Supplier<Resident> {
    @Override
    public Resident get() {
      return resident;
    }
  }

  /**
   * Before, a computed getter of a class holding a resident in a property declared Object or as an
   * interface was written to the police, the status with it: the declared type names no category
   * for the guard to ask. Now it is written only when every category the guard knows is released,
   * which staff's decision does not do either.
   */
  @Test
  void writeWhenAGetterReadsWhatAPropertyDeclaredAsAnyTypeHoldsThenItIsWrittenOnlyWhenEverythingIsReleased() {
    Envelope envelope = new Envelope("E-1", resident);
    Parcel parcel = new Parcel("P-1", new Held(resident));

    String toPolice = write(envelope, policeDecision(envelope));
    String parcelToPolice = write(parcel, policeDecision(parcel));

    assertThat(toPolice).doesNotContain(STATUS).contains(NAME).doesNotContain("\"status\"");
    assertThat(parcelToPolice).isEqualTo("{\"id\":\"P-1\"}");
    assertThat(write(envelope, staffDecision(envelope)))
        .isEqualTo("{\"id\":\"E-1\",\"body\":" + plain.writeValueAsString(resident) + "}");
  }

  /**
   * Before, an Optional of a record was written as null to everyone but a requester given every
   * category: its field, declared as a type variable, was taken for one that may hold anything, as
   * an application's Object field is, though Jackson writes what it holds with the record's own
   * guarded writers.
   */
  @Test
  void writeWhenAnOptionalHoldsARecordThenEachRequesterGetsWhatTheirDecisionReleases() {
    // given
    Optional<Resident> held = Optional.of(resident);

    // when
    String toStaff = write(held, staffDecision(resident));
    String toPolice = write(held, policeDecision(resident));

    // then
    assertThat(toStaff).isEqualTo(plain.writeValueAsString(resident));
    assertThat(toPolice).contains(NAME).doesNotContain(STATUS);
  }

  /** A generic reply: its body is of the class it is typed with, and its kind is computed. */
  record Reply<T>(T body) {
    @JsonProperty
    public String kind() {
      return body.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A field declared as a type variable holds an object of the class the reply is typed with, which
   * Jackson writes with that class's guarded writers: the reply's computed getter is written as any
   * class's is, not held back as one that may return anything.
   */
  @Test
  void writeWhenAGenericReplyHoldsARecordThenItsComputedGetterIsWrittenAndTheRecordAsDecided() {
    // given
    Reply<Resident> reply = new Reply<>(resident);

    // when
    String toPolice = write(reply, policeDecision(resident));

    // then
    assertThat(toPolice).contains("\"kind\":\"resident\"", NAME).doesNotContain(STATUS);
  }

  /** A page of results, as a library declares one: an interface of its own. */
  interface Results<T> {
    List<T> items();
  }

  /** A page written through computed getters over the library's interface, as Spring Data's PagedModel is. */
  public static final class Paged<T> {
    private final Results<T> results;

    Paged(Results<T> results) {
      this.results = results;
    }

    public List<T> getContent() {
      return List.copyOf(results.items());
    }

    public int getSize() {
      return results.items().size();
    }
  }

  /**
   * A field declared as the application's or a library's own interface holds what that interface
   * declares: the page's computed getters are written, and the records in its content as decided.
   * Counting every interface as holding anything wrote the police an empty page.
   */
  @Test
  void writeWhenAPageHoldsRecordsBehindALibrarysInterfaceThenItsContentIsWrittenAsDecided() {
    // given
    Paged<Resident> page = new Paged<>(() -> List.of(resident));

    // when
    String toPolice = write(page, policeDecision(resident));

    // then
    assertThat(toPolice).contains("\"size\":1", NAME).doesNotContain(STATUS);
  }

  /** A tag written as its value, computed from the resident its body, declared Object, holds. */
  record Tag(Object body) {
    @JsonValue
    public String text() {
      return "status: " + ((Resident) body).status();
    }
  }

  @Test
  void writeWhenAClassHoldingAPropertyDeclaredAsAnyTypeIsWrittenAsAValueThenOnlyWhenEverythingIsReleased() {
    Tag tag = new Tag(resident);

    assertThat(write(tag, policeDecision(tag))).isEqualTo("null");
    assertThat(write(tag, staffDecision(tag))).isEqualTo("null");
  }

  /**
   * The other side of the two tests above: they show the values withheld from staff as from the
   * police, which a guard that never wrote them would show too.
   */
  @Test
  void writeWhenEveryCategoryIsReleasedThenWhatAPropertyDeclaredAsAnyTypeHoldsIsWrittenThroughGettersAndValues() {
    // given
    Guard monitoring = Guard.of(GuardConfig.custom().policy(guard.policy()).mode(Mode.MONITOR)
        .auditSinks(event -> { }).build());
    JsonMapper mapper = JsonMapper.builder().addModule(new SanctuaryGuardModule(monitoring)).build();
    Envelope envelope = new Envelope("E-1", resident);
    Decision decision = monitoring.decide(monitoring.request().recipient("nypd").purpose(Purpose.OTHER)
        .payload(envelope).build());

    // when
    String written = write(mapper.writer(), envelope, decision);
    String tag = write(mapper.writer(), new Tag(resident), decision);

    // then
    assertThat(written).contains("\"status\":\"" + STATUS + "\"");
    assertThat(tag).isEqualTo("\"status: " + STATUS + "\"");
  }

  @Test
  void writeWhenAnAccessorOrGetterDoesMoreThanReturnItsFieldThenItIsWrittenOnlyWhenAllAreReleased() {
    Labelled labelled = new Labelled("C-1001", STATUS, "case", List.of("Canal St"));

    assertThat(write(labelled, policeDecision(resident))).isEqualTo("{\"clientId\":\"C-1001\"}");
    assertThat(write(labelled, staffDecision(resident))).isEqualTo(plain.writeValueAsString(labelled));
    assertThat(writers(Labelled.class)).filteredOn(GuardedPropertyWriter.class::isInstance).hasSize(3);
  }

  @Test
  void writeWhenAGetterKeepsWhatItComputedFromAProtectedFieldThenNeitherItNorWhetherItIsWrittenTellsTheValue() {
    Described undocumented = new Described("undocumented");
    Described documented = new Described("documented");

    assertThat(write(undocumented, policeDecision(resident))).isEqualTo("{}");
    assertThat(write(documented, policeDecision(resident))).isEqualTo("{}");
    assertThat(write(undocumented, staffDecision(resident))).isEqualTo("{\"description\":\"returning client *\"}");
  }

  @Test
  void writeWhenAClassWithAConvertingGetterIsWrittenFromItsFieldsThenItsUnprotectedFieldsAreWrittenToEveryone() {
    assertThat(write(new Nicknamed(), policeDecision(resident))).isEqualTo("{\"nickname\":\"Sam\"}");
  }

  @Test
  void writeWhenASubclassOverridingAPlainGetterIsWrittenAsItsParentThenTheGetterIsWrittenOnlyWhenAllAreReleased() {
    ObjectWriter asCase = guarded.writerFor(Case.class);

    assertThat(write(asCase, new Case(), policeDecision(resident))).isEqualTo("{\"label\":\"case\"}");
    assertThat(write(asCase, new NotedCase(), policeDecision(resident))).isEqualTo("{}");
    assertThat(write(asCase, new NotedCase(), staffDecision(resident))).contains("case (" + STATUS + ")");
  }

  @Test
  void writeWhenAClassHoldingProtectedValuesHasAJsonValueThenNullUnlessAllIsReleased() {
    Valued valued = new Valued();

    assertThat(write(valued, policeDecision(resident))).isEqualTo("null");
    assertThat(write(valued, staffDecision(resident))).isEqualTo("\"status: " + STATUS + "\"");
  }

  @Test
  void writeWhenAProtectedRecordIsUnwrappedThenItsPropertiesAreStillGuarded() {
    Wrapper wrapper = new Wrapper("H-1", resident);

    assertThat(write(wrapper, policeDecision(wrapper)))
        .isEqualTo("{\"caseId\":\"H-1\",\"clientId\":\"C-1001\",\"name\":\"" + NAME + "\",\"office\":\"Canal St\"}");
  }

  @Test
  void writeWhenAViewIsActiveThenTheGuardStillApplies() {
    Viewed viewed = new Viewed(STATUS, "Canal St");

    try (DecisionScope scope = DecisionScope.open(policeDecision(resident))) {
      assertThat(scope.decision()).isNotNull();
      assertThat(guarded.writerWithView(Public.class).writeValueAsString(viewed)).isEqualTo("{\"office\":\"Canal St\"}");
    }
  }

  @Test
  void writeWhenABeanIsWrittenAsAnArrayThenAWithheldPropertyKeepsItsPlaceAsNull() {
    AsArray array = new AsArray(STATUS, "Canal St");

    assertThat(write(array, policeDecision(resident))).isEqualTo("[null,\"Canal St\"]");
  }

  @Test
  void writeWhenAnAnyGetterRevealsProtectedValuesThenTheClassIsRefusedNamingIt() {
    assertThatThrownBy(() -> guarded.writeValueAsString(new Extras()))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageContaining(Extras.class.getName())
        .hasMessageContaining("@JsonAnyGetter")
        .hasMessageNotContaining(NAME);
  }

  @Test
  void writeWhenAnAnyGetterComputesFromTheMapItReturnsThenTheClassIsRefusedUnlessItIsTheStoredMap() {
    assertThatThrownBy(() -> write(new NamedExtras(), staffDecision(resident)))
        .isInstanceOf(InvalidProtectionException.class)
        .hasMessageStartingWith(NamedExtras.class.getName() + ".extras:").hasMessageContaining("@JsonAnyGetter")
        .hasMessageNotContaining(NAME);
    assertThat(write(new StoredExtras(), denied())).isEqualTo("{\"office\":\"Canal St\"}");
  }

  @Test
  void writeWhenAVirtualPropertyIsNamedAsAFieldThenItIsWrittenOnlyWhenAllIsReleased() {
    Appended appended = new Appended();

    assertThat(write(appended, denied())).isEqualTo("{}");
    assertThat(write(appended, staffDecision(resident)))
        .isEqualTo("{\"name\":\"" + NAME + "\",\"notes\":\"" + NAME + "\"}");
  }

  private Decision denied() {
    return guard.decide(guard.request().recipient(Recipient.unknown("test")).purpose(Purpose.OTHER).payload(resident)
        .build());
  }

  /** A record written through its toString by a property's own serializer. */
  record Card(String office, @JsonSerialize(using = ToStringSerializer.class) Resident resident) {}

  record Raw(String office, @JsonRawValue Resident resident) {}

  /** Records written, in whole or in part, by serializers and converters of their own. */
  record Roster(@JsonSerialize(contentUsing = ToStringSerializer.class) List<Resident> residents) {}

  record ByOffice(@JsonSerialize(contentUsing = ToStringSerializer.class) Map<String, Resident> residents) {}

  record Docket(String caseId, @JsonSerialize(converter = Label.class) Resident resident) {}

  record Labels(@JsonSerialize(contentConverter = Label.class) List<Resident> residents) {}

  record Items(@JsonSerialize(contentUsing = ToStringSerializer.class) List<Object> items) {}

  /** A property declared as any object, written through its toString. */
  record Note(String status, @JsonSerialize(using = ToStringSerializer.class) Object data) {}

  /** A resident's label, made of protected values. */
  static final class Label extends StdConverter<Resident, String> {
    @Override
    public String convert(Resident resident) {
      return resident.name() + " (" + resident.status() + ")";
    }
  }

  /** A person keyed by a protected property. */
  @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "status")
  record Person(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {}

  record Household(Person head, List<Person> members) {}

  /** A person keyed by a getter computed from a protected property. */
  @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "summary")
  public static final class Summarized {
    @Protected("immigration.status")
    private final String status = STATUS;

    public String getSummary() {
      return "filed-" + status;
    }
  }

  /** A person keyed by a stored property whose accessor computes from a protected one. */
  @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "label")
  record KeyedByLabel(@Protected("immigration.status") String status, String label) {
    @Override
    public String label() {
      return label + " (" + status + ")";
    }
  }

  record Pair(Object first, Object second) {}

  /** A resident written, where it appears again or always, as the id a property that holds it names. */
  record Referred(
      @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "status") Resident head,
      @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "status")
      @JsonIdentityReference(alwaysAsId = true) Resident again) {}

  /** The same, by a property that is not protected. */
  record ReferredById(
      @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "clientId")
      @JsonIdentityReference(alwaysAsId = true) Resident head) {}

  @Test
  void writeWhenAPropertyHoldingProtectedValuesHasASerializerOfItsOwnThenTheClassIsRefusedNamingIt() {
    Map<Object, String> holders = Map.of(
        new Card("Canal St", resident), "resident",
        new Raw("Canal St", resident), "resident",
        new Roster(List.of(resident)), "residents",
        new ByOffice(Map.of("Canal St", resident)), "residents",
        new Docket("K-1", resident), "resident",
        new Labels(List.of(resident)), "residents",
        new Items(List.of(resident)), "items");

    holders.forEach((holder, property) -> {
      for (Decision decision : List.of(policeDecision(holder), staffDecision(holder))) {
        assertThatThrownBy(() -> write(holder, decision))
            .as(holder.getClass().getSimpleName())
            .isInstanceOf(InvalidProtectionException.class)
            .hasMessageStartingWith(holder.getClass().getName() + "." + property + ":")
            .hasMessageContaining("serializer of its own").hasMessageNotContainingAny(NAME, STATUS);
      }
    });
  }

  @Test
  void writeWhenAPropertyDeclaredAsAnyObjectHasASerializerOfItsOwnThenAValueThatMayHoldProtectedValuesIsRefused() {
    for (Object data : List.of(resident, List.of(resident))) {
      Note note = new Note("found", data);

      assertThatThrownBy(() -> write(note, staffDecision(note)))
          .hasMessageNotContainingAny(NAME, STATUS)
          .rootCause().isInstanceOf(InvalidProtectionException.class)
          .hasMessageStartingWith(Note.class.getName() + ".data: holds a " + data.getClass().getName())
          .hasMessageContaining("serializer of its own");
    }
    Note text = new Note("found", "at the Canal St office");

    assertThat(write(text, policeDecision(resident))).isEqualTo(plain.writeValueAsString(text));
    assertThat(guarded.writeValueAsString(new Note("found", 42))).isEqualTo("{\"status\":\"found\",\"data\":\"42\"}");
  }

  @Test
  void writeWhenAProtectedPropertyIsTheObjectIdOfJsonIdentityInfoThenTheClassIsRefusedNamingIt() {
    Person head = new Person("C-1001", NAME, STATUS);
    Household household = new Household(head, List.of(head));

    assertThatThrownBy(() -> write(household, policeDecision(household)))
        .isInstanceOf(InvalidProtectionException.class).hasMessageContaining(Person.class.getName())
        .hasMessageContaining("status").hasMessageContaining("@JsonIdentityInfo").hasMessageNotContaining(STATUS);
  }

  @Test
  void writeWhenAComputedGetterOrAnAccessorThatComputesIsTheObjectIdOfJsonIdentityInfoThenTheClassIsRefused() {
    Summarized summarized = new Summarized();
    KeyedByLabel labelled = new KeyedByLabel(STATUS, "case");
    Map<Object, String> holders = Map.of(
        new Pair(summarized, summarized), Summarized.class.getName() + ".summary:",
        new Pair(labelled, labelled), KeyedByLabel.class.getName() + ".label:");

    holders.forEach((pair, named) -> {
      for (Decision decision : List.of(policeDecision(resident), staffDecision(resident))) {
        Throwable thrown = catchThrowable(() -> write(pair, decision));
        assertThat(thrown).as(named).isNotNull().hasMessageNotContaining(STATUS);
        Throwable refusal = thrown instanceof InvalidProtectionException ? thrown : thrown.getCause();
        assertThat(refusal).as(named).isInstanceOf(InvalidProtectionException.class).hasMessageStartingWith(named)
            .hasMessageContaining("@JsonIdentityInfo");
      }
    });
  }

  @Test
  void writeWhenAPropertyNamesAProtectedPropertyAsTheObjectIdOfWhatItHoldsThenTheWriteIsRefusedNamingIt() {
    Referred referred = new Referred(resident, resident);

    for (Decision decision : List.of(policeDecision(referred), staffDecision(referred))) {
      Throwable thrown = catchThrowable(() -> write(referred, decision));

      assertThat(thrown).isNotNull().hasMessageNotContainingAny(NAME, STATUS);
      Throwable refusal = thrown instanceof InvalidProtectionException ? thrown : thrown.getCause();
      assertThat(refusal).isInstanceOf(InvalidProtectionException.class)
          .hasMessageStartingWith(Resident.class.getName() + ".status:").hasMessageContaining("@JsonIdentityInfo");
    }
    assertThat(write(new ReferredById(resident), policeDecision(resident))).isEqualTo("{\"head\":\"C-1001\"}");
  }

  /** A case always written as its id, a plain getter that a subclass may override. */
  @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "label")
  @JsonIdentityReference(alwaysAsId = true)
  public static class KeyedCase extends Case {}

  /** Overrides the id's getter with one that computes from the protected field. */
  public static class NotedKeyedCase extends KeyedCase {
    @Override
    public String getLabel() {
      return super.getLabel() + " (" + getStatus() + ")";
    }
  }

  /** A case whose type Jackson names by a plain getter that a subclass may override. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  public static class TypedCase {
    @Protected("immigration.status")
    private String status = STATUS;
    private String kind = "case";

    public String getStatus() {
      return status;
    }

    @JsonTypeId
    public String getKind() {
      return kind;
    }
  }

  /** Overrides the type id's getter with one that computes from the protected field. */
  public static class NotedTypedCase extends TypedCase {
    @Override
    public String getKind() {
      return super.getKind() + " (" + getStatus() + ")";
    }
  }

  /** A case file whose case Jackson writes with the serializer of the type declared, as its id. */
  record StaticCaseFile(@JsonSerialize(typing = JsonSerialize.Typing.STATIC)
      @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "label")
      @JsonIdentityReference(alwaysAsId = true) Case head) {}

  /** A case file whose filing Jackson writes with the serializer of the type declared. */
  record StaticTypedFile(@JsonSerialize(typing = JsonSerialize.Typing.STATIC) TypedCase filing) {}

  /**
   * A JPA entity: Hibernate needs its getters not final, so a subclass may override {@code getId()},
   * which Jackson reads as the object id.
   */
  @JsonIdentityInfo(generator = ObjectIdGenerators.PropertyGenerator.class, property = "id")
  public static class CaseEntity {
    private String id = "K-7";
    @Protected("immigration.status")
    private String status = STATUS;

    public String getId() {
      return id;
    }

    public String getStatus() {
      return status;
    }
  }

  /** A subclass that keeps the entity's {@code getId()}. */
  public static class ClosedCaseEntity extends CaseEntity {}

  /** A subclass whose {@code getId()} returns the status. */
  public static class StatusKeyedCaseEntity extends CaseEntity {
    @Override
    public String getId() {
      return getStatus();
    }
  }

  /** Inherits the override of {@code getId()} from the class between it and the entity. */
  public static class ReopenedCaseEntity extends StatusKeyedCaseEntity {}

  /** Named as Hibernate names a lazy reference's class, whose {@code getId()} it overrides to load the entity. */
  public static class CaseEntity$HibernateProxy$Xy12 extends CaseEntity {
    @Override
    public String getId() {
      return super.getId();
    }
  }

  /** A case file whose entity Jackson writes with the serializer of the type declared. */
  record StaticEntityFile(@JsonSerialize(typing = JsonSerialize.Typing.STATIC) CaseEntity head) {}

  /** A keyed case that keeps its parent's id getter. */
  public static class ClosedKeyedCase extends KeyedCase {}

  /** A typed case that keeps its parent's type id getter. */
  public static class ClosedTypedCase extends TypedCase {}

  /**
   * Before, a class holding protected values whose object id or type id Jackson reads through a plain
   * getter that a subclass may override was refused when its serializer was built, though nothing
   * overrode it: every JPA entity with a protected field and {@code @JsonIdentityInfo} on its {@code
   * getId()}. Now it is written, its field as the id, and its protected values only as decided; so is
   * a subclass that keeps the getter, written with the parent's serializer.
   */
  @Test
  void writeWhenAPlainGetterThatASubclassMayOverrideIsTheObjectOrTypeIdAndNoneDoesThenItIsWrittenAsTheId() {
    CaseEntity entity = new CaseEntity();
    Pair twice = new Pair(entity, entity);
    ClosedCaseEntity closed = new ClosedCaseEntity();

    assertThat(write(twice, policeDecision(resident))).isEqualTo("{\"first\":{\"id\":\"K-7\"},\"second\":\"K-7\"}");
    assertThat(write(twice, staffDecision(resident)))
        .isEqualTo("{\"first\":{\"id\":\"K-7\",\"status\":\"" + STATUS + "\"},\"second\":\"K-7\"}");
    assertThat(write(guarded.writerFor(CaseEntity.class), closed, staffDecision(resident)))
        .isEqualTo("{\"id\":\"K-7\",\"status\":\"" + STATUS + "\"}");
    assertThat(write(new StaticEntityFile(closed), staffDecision(resident)))
        .isEqualTo("{\"head\":{\"id\":\"K-7\",\"status\":\"" + STATUS + "\"}}");
    assertThat(write(guarded.writerFor(KeyedCase.class), new ClosedKeyedCase(), policeDecision(resident)))
        .isEqualTo("\"case\"");
    assertThat(write(new StaticCaseFile(new Case()), policeDecision(resident))).isEqualTo("{\"head\":\"case\"}");
    assertThat(write(new TypedCase(), policeDecision(resident))).isEqualTo("{\"type\":\"case\"}");
    assertThat(write(new StaticTypedFile(new ClosedTypedCase()), policeDecision(resident)))
        .isEqualTo("{\"filing\":{\"type\":\"case\"}}");
    assertThat(write(new TypedCase(), staffDecision(resident))).contains(STATUS);
  }

  /**
   * Before 35c419b, a subclass overriding the plain getter of its parent's object id or type id to
   * compute from a protected field, written with the parent's serializer (a handler declaring the
   * parent, a property typed statically), had its id or type written to the police, the status in it:
   * Jackson reads them past the property's guarded writer. Such an id is refused as the object is
   * written, naming its class, whether the class overrides the getter or inherits an override; so is
   * a lazy reference, which overrides every getter and which the guard refuses when it decides too.
   */
  @Test
  void writeWhenASubclassOverridesAPlainGetterThatIsTheObjectOrTypeIdAndIsWrittenAsItsParentThenTheIdIsRefused() {
    CaseEntity$HibernateProxy$Xy12 reference = new CaseEntity$HibernateProxy$Xy12();
    Map<Object, Supplier<ObjectWriter>> writes = Map.of(
        new NotedKeyedCase(), () -> guarded.writerFor(KeyedCase.class),
        new StaticCaseFile(new NotedCase()), guarded::writer,
        new NotedTypedCase(), () -> guarded.writerFor(TypedCase.class),
        new StaticTypedFile(new NotedTypedCase()), guarded::writer,
        new StatusKeyedCaseEntity(), () -> guarded.writerFor(CaseEntity.class),
        new ReopenedCaseEntity(), () -> guarded.writerFor(CaseEntity.class),
        new StaticEntityFile(new StatusKeyedCaseEntity()), guarded::writer,
        reference, () -> guarded.writerFor(CaseEntity.class));
    writes.forEach((value, writer) -> {
      for (Decision decision : List.of(policeDecision(resident), staffDecision(resident))) {
        Throwable thrown = catchThrowable(() -> write(writer.get(), value, decision));
        assertThat(thrown).as(value.getClass().getSimpleName()).isNotNull().hasMessageNotContaining(STATUS);
        Throwable refusal = thrown instanceof InvalidProtectionException ? thrown : thrown.getCause();
        assertThat(refusal).as(value.getClass().getSimpleName()).isInstanceOf(InvalidProtectionException.class)
            .hasMessageMatching("(?s).*\\.((label|id): is the object id|kind: is the type id).*")
            .hasMessageContaining("a getter no subclass overrides (final)");
      }
    });
    assertThatThrownBy(() -> guard.decide(guard.request().recipient("nypd").purpose(Purpose.OTHER)
        .payload(reference).build())).isInstanceOf(InvalidProtectionException.class).hasMessageStartingWith(reference.getClass().getName());
  }

  /** A filing whose type Jackson names by a protected property. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  record TypedFiling(@SubjectId String clientId, @Protected("identity.name") String name,
      @JsonTypeId @Protected("immigration.status") String status) {}

  /** A filing whose type Jackson names by a getter computed from its protected values. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  record KindFiling(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {

    @JsonTypeId
    public String getKind() {
      return "filed-" + status;
    }
  }

  /** A filing whose type Jackson names by a stored property whose accessor computes from a protected one. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  record LabelFiling(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, @JsonTypeId String label) {
    @Override
    public String label() {
      return label + "-" + status;
    }
  }

  /** A case whose filing's type is written beside it, as an external property. */
  record ExternalCase(@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
      property = "filingKind") TypedFiling filing) {}

  /** A filing whose type a resolver of its own names, given the whole filing. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "kind")
  @JsonTypeIdResolver(StatusAsType.class)
  record ResolvedFiling(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status) {}

  /** Names a filing's type by its immigration status. */
  static final class StatusAsType extends TypeIdResolverBase {

    private static final long serialVersionUID = 1L;

    @Override
    public String idFromValue(DatabindContext context, Object value) {
      return ((ResolvedFiling) value).status();
    }

    @Override
    public String idFromValueAndType(DatabindContext context, Object value, Class<?> type) {
      return idFromValue(context, value);
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
      return JsonTypeInfo.Id.CUSTOM;
    }
  }

  /** A filing whose type is named by its office, which is not protected. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  record OfficeFiling(@SubjectId String clientId, @Protected("identity.name") String name,
      @Protected("immigration.status") String status, @JsonTypeId String office) {}

  @Test
  void writeWhenAProtectedOrComputedPropertyNamesTheTypeOrAResolverOfItsOwnDoesThenTheClassIsRefusedNamingIt() {
    TypedFiling typed = new TypedFiling("C-1001", NAME, STATUS);
    Map<Object, String> filings = Map.of(
        typed, TypedFiling.class.getName() + ".status:",
        new ExternalCase(typed), TypedFiling.class.getName() + ".status:",
        new KindFiling("C-1001", NAME, STATUS), KindFiling.class.getName() + ".kind:",
        new LabelFiling("C-1001", NAME, STATUS, "filed"), LabelFiling.class.getName() + ".label:",
        new ResolvedFiling("C-1001", NAME, STATUS), ResolvedFiling.class.getName());

    filings.forEach((filing, named) -> {
      for (Decision decision : List.of(policeDecision(filing), staffDecision(filing))) {
        Throwable thrown = catchThrowable(() -> write(filing, decision));
        // Jackson wraps what fails in a nested value's serializer, naming the path
        assertThat(thrown).as(filing.getClass().getSimpleName()).isNotNull().hasMessageNotContainingAny(NAME, STATUS);
        Throwable refusal = thrown instanceof InvalidProtectionException ? thrown : thrown.getCause();
        assertThat(refusal).as(filing.getClass().getSimpleName()).isInstanceOf(InvalidProtectionException.class)
            .hasMessageStartingWith(named).hasMessageContaining("type");
      }
    });
  }

  @Test
  void writeWhenAPropertyWithNothingProtectedNamesTheTypeThenItIsWrittenAsTheTypeAndTheRestAsDecided() {
    OfficeFiling filing = new OfficeFiling("C-1001", NAME, STATUS, "Canal St");

    assertThat(write(filing, policeDecision(filing))).contains("\"kind\":\"Canal St\"", NAME)
        .doesNotContain(STATUS);
    assertThat(write(filing, staffDecision(filing))).contains("\"kind\":\"Canal St\"", NAME, STATUS);
  }

  /** Keys written by a serializer of their own, which the map's check sees all the same. */
  record Visits(@JsonSerialize(keyUsing = ToStringSerializer.class) Map<Resident, Long> visits) {}

  @Test
  void writeWhenAMapIsKeyedByARecordHoldingProtectedValuesThenTheWriteFailsWithoutIt() {
    Map<Resident, Long> visits = Map.of(resident, 3L);
    Map<Object, Long> anyKeys = Map.of(resident, 3L);

    for (Object map : List.of(visits, anyKeys)) {
      assertThatThrownBy(() -> write(map, policeDecision(map)))
          .isInstanceOf(InvalidProtectionException.class).hasMessageContaining(Resident.class.getName())
          .hasMessageContaining("map key").hasMessageNotContainingAny(NAME, STATUS);
    }

    Visits keyedByTheirOwnSerializer = new Visits(visits);
    assertThatThrownBy(() -> write(keyedByTheirOwnSerializer, policeDecision(keyedByTheirOwnSerializer)))
        .hasMessageNotContainingAny(NAME, STATUS)
        .rootCause().isInstanceOf(InvalidProtectionException.class).hasMessageContaining("map key");
    assertThat(write(Map.of("C-1001", resident), policeDecision(resident))).contains(NAME).doesNotContain(STATUS);
    assertThat(write(Map.of("visits", 3L), policeDecision(resident))).isEqualTo("{\"visits\":3}");
  }

  /** What a filing shows as any status: an interface, as a Spring Data projection's. */
  public interface HasStatus {
    String getStatus();
  }

  /** Holds the status as a protected value. */
  public static class Filing implements HasStatus {
    @Protected("immigration.status")
    private final String status = STATUS;

    @Override
    public String getStatus() {
      return status;
    }
  }

  /** Holds nothing protected: its status is public. */
  public static class Notice implements HasStatus {
    @Override
    public String getStatus() {
      return "posted";
    }
  }

  /** A status that an abstract class declares. */
  public abstract static class Entry {
    public abstract String getStatus();
  }

  public static class FiledEntry extends Entry {
    @Protected("immigration.status")
    private final String status = STATUS;

    @Override
    public String getStatus() {
      return status;
    }
  }

  /** A class holding nothing protected, whose getter a subclass overrides. */
  public static class Stamp {
    public String getStatus() {
      return "stamped";
    }
  }

  public static class FiledStamp extends Stamp {
    @Protected("immigration.status")
    private final String status = STATUS;

    @Override
    public String getStatus() {
      return status;
    }
  }

  /** Holds nothing protected and adds nothing to what it shows. */
  public static class PlainStamp extends Stamp {}

  /** Written, wherever it is, as the class it extends, which holds nothing protected. */
  @JsonSerialize(as = Stamp.class)
  public static class SealedStamp extends FiledStamp {}

  record SealedStamped(SealedStamp stamp) {}

  /** Written, wherever it is, as the interface it implements. */
  @JsonSerialize(as = HasStatus.class)
  public static class SealedFiling extends Filing {}

  record AsStatus(@JsonSerialize(as = HasStatus.class) Filing filing) {}

  record AsStamp(@JsonSerialize(as = Stamp.class) FiledStamp stamp) {}

  record AsStatuses(@JsonSerialize(contentAs = HasStatus.class) List<Filing> filings) {}

  record AsStatusKeys(@JsonSerialize(keyAs = HasStatus.class) Map<Filing, String> filings) {}

  record Declared(HasStatus status) {}

  record StaticallyTyped(@JsonSerialize(typing = JsonSerialize.Typing.STATIC) HasStatus status) {}

  record Sealed(SealedFiling filing) {}

  @Test
  void serializerWhenAPropertyThatMayHoldProtectedValuesIsWrittenAsAnotherTypeThenTheClassIsRefusedNamingIt() {
    Map<Object, String> holders = Map.of(
        new AsStatus(new Filing()), "filing",
        new AsStamp(new FiledStamp()), "stamp",
        new AsStatuses(List.of(new Filing())), "filings",
        new AsStatusKeys(Map.of(new Filing(), "open")), "filings");

    holders.forEach((holder, property) -> {
      for (Decision decision : List.of(policeDecision(resident), staffDecision(resident))) {
        assertThatThrownBy(() -> write(holder, decision))
            .as(holder.getClass().getSimpleName())
            .isInstanceOf(InvalidProtectionException.class)
            .hasMessageStartingWith(holder.getClass().getName() + "." + property + ":")
            .hasMessageContaining("@JsonSerialize(as").hasMessageNotContaining(STATUS);
      }
    });
  }

  @Test
  void writeWhenAClassHoldingProtectedValuesIsWrittenWithTheSerializerOfAnInterfaceOrAbstractClassThenRefused() {
    JsonMapper staticTyping = guarded.rebuild().enable(MapperFeature.USE_STATIC_TYPING).build();
    Map<String, Function<Decision, String>> writes = Map.of(
        "class-level as", decision -> write(new Sealed(new SealedFiling()), decision),
        "typing = STATIC", decision -> write(new StaticallyTyped(new Filing()), decision),
        "USE_STATIC_TYPING", decision -> write(staticTyping.writer(), new Declared(new Filing()), decision),
        "root type", decision -> write(guarded.writerFor(HasStatus.class), new Filing(), decision),
        "list of interface", decision -> write(guarded.writerFor(guarded.getTypeFactory()
            .constructCollectionType(List.class, HasStatus.class)), List.of(new Filing()), decision),
        "list of abstract class", decision -> write(guarded.writerFor(guarded.getTypeFactory()
            .constructCollectionType(List.class, Entry.class)), List.of(new FiledEntry()), decision),
        "class-level as to a class", decision -> write(new SealedStamped(new SealedStamp()), decision),
        "root type of a class", decision -> write(guarded.writerFor(Stamp.class), new FiledStamp(), decision),
        "list of a class", decision -> write(guarded.writerFor(guarded.getTypeFactory()
            .constructCollectionType(List.class, Stamp.class)), List.of(new FiledStamp()), decision));

    writes.forEach((path, write) -> {
      for (Decision decision : List.of(policeDecision(resident), staffDecision(resident))) {
        Throwable refused = catchThrowable(() -> write.apply(decision));

        assertThat(refused).as(path).isNotNull().hasMessageNotContaining(STATUS);
        Throwable cause = refused.getCause() == null ? refused : refused.getCause();
        assertThat(cause).as(path).isInstanceOf(InvalidProtectionException.class)
            .hasMessageContaining("written with the serializer of");
      }
    });
  }

  @Test
  void writeWhenAClassHoldingNothingProtectedIsWrittenWithTheSerializerOfAnInterfaceThenItIsWritten() {
    JsonMapper staticTyping = guarded.rebuild().enable(MapperFeature.USE_STATIC_TYPING).build();

    assertThat(write(guarded.writerFor(HasStatus.class), new Notice(), policeDecision(resident)))
        .isEqualTo("{\"status\":\"posted\"}");
    assertThat(write(staticTyping.writer(), new Declared(new Notice()), policeDecision(resident)))
        .isEqualTo("{\"status\":{\"status\":\"posted\"}}");
    assertThat(write(new Declared(new Filing()), policeDecision(resident))).isEqualTo("{\"status\":{}}");
    for (Stamp stamp : List.of(new Stamp(), new PlainStamp())) {
      assertThat(write(guarded.writerFor(Stamp.class), stamp, policeDecision(resident)))
          .isEqualTo("{\"status\":\"stamped\"}");
    }
    assertThat(write(new FiledStamp(), staffDecision(resident))).contains(STATUS);
    assertThat(write(new FiledStamp(), policeDecision(resident))).isEqualTo("{}");
  }

  /** Residents by office, written through a property filter of the application's. */
  record OfficeRoster(String id, @JsonFilter("asText") Map<String, Resident> residents) {}

  /** Writes each value as its text, as a filter may that shortens what it shows. */
  static final class AsTextFilter extends SimpleBeanPropertyFilter {
    @Override
    public void serializeAsProperty(Object pojo, JsonGenerator generator, SerializationContext context,
        PropertyWriter writer) {
      generator.writeStringProperty(writer.getName(), String.valueOf(pojo));
    }
  }

  /**
   * Before, a filter on a map of records was given the map, and each entry through its writer, past
   * the guard's writers, and wrote the map's toString, the status in it, to the police: only a
   * bean's filter was checked. A filter that only chooses the entries leaves the guard to write them.
   */
  @Test
  void writeWhenAMapOfRecordsIsWrittenThroughAFilterThenOneThatMayWriteValuesIsRefusedAndOneThatChoosesIsNot() {
    // given
    JsonMapper filtering = guarded.rebuild().filterProvider(new SimpleFilterProvider()
        .addFilter("asText", new AsTextFilter())).build();
    OfficeRoster roster = new OfficeRoster("R-1", Map.of("Canal St", resident));
    JsonMapper choosing = guarded.rebuild().filterProvider(new SimpleFilterProvider()
        .addFilter("asText", SimpleBeanPropertyFilter.serializeAllExcept("Wall St"))).build();

    // when
    Throwable thrown = catchThrowable(() -> write(filtering.writer(), roster, policeDecision(roster)));
    String chosen = write(choosing.writer(), roster, policeDecision(roster));

    // then
    assertThat(thrown).hasRootCauseInstanceOf(InvalidProtectionException.class)
        .hasMessageContaining("java.util.Map: may hold protected values but is written through the property filter "
            + AsTextFilter.class.getName())
        .hasMessageNotContaining(STATUS).hasMessageNotContaining(NAME);
    assertThat(chosen).startsWith("{\"id\":\"R-1\",\"residents\":{\"Canal St\":{").contains(NAME)
        .doesNotContain(STATUS);
  }

  /** Refers to a class that is not final, in each of the ways Jackson changes how it is written. */
  record Stamped(@JsonUnwrapped Stamp unwrapped, @JsonFormat(shape = JsonFormat.Shape.ARRAY) Stamp asArray,
      @JsonIgnoreProperties("status") Stamp ignoring, @JsonFilter("noStatus") Stamp filtered) {}

  @Test
  void writeWhenAClassThatIsNotFinalIsUnwrappedShapedIgnoredFilteredOrDescribedThenJacksonDoesSoAsWithoutTheGuard() {
    Stamped stamped = new Stamped(new Stamp(), new Stamp(), new Stamp(), new Stamp());
    JsonMapper filtering = guarded.rebuild().filterProvider(new SimpleFilterProvider()
        .addFilter("noStatus", SimpleBeanPropertyFilter.serializeAllExcept("status"))).build();

    assertThat(write(filtering.writer(), stamped, policeDecision(resident)))
        .isEqualTo("{\"status\":\"stamped\",\"asArray\":[\"stamped\"],\"ignoring\":{},\"filtered\":{}}");
    List<String> described = new ArrayList<>();
    guarded.acceptJsonFormatVisitor(Stamp.class, new JsonFormatVisitorWrapper.Base() {
      @Override
      public JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
        return new JsonObjectFormatVisitor.Base(getContext()) {
          @Override
          public void optionalProperty(BeanProperty property) {
            described.add(property.getName());
          }
        };
      }
    });
    assertThat(described).containsExactly("status");
  }

  static final String OTHER_NAME = "CANARY-OTHER-NAME-0C5E";
  static final String OTHER_STATUS = "CANARY-OTHER-STATUS-6A9F";

  /** Another resident's record, looked up elsewhere: the guard does not see it when it decides. */
  static Resident other() {
    return new Resident("C-1002", OTHER_NAME, OTHER_STATUS, "Jamaica");
  }

  /** A note about a resident, with a kind. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  record TypedNote(@SubjectId String clientId, @Protected("identity.name") String name) {}

  /**
   * A resident's record and, through getters with no field behind them, another resident's: as a
   * property, unwrapped, in a list, typed, and a note with no subject id of its own.
   */
  record Referral(@SubjectId String clientId, @Protected("identity.name") String name) {
    @JsonProperty
    public Resident referrer() {
      return other();
    }

    @JsonProperty
    @JsonUnwrapped(prefix = "unwrapped.")
    public Resident unwrapped() {
      return other();
    }

    @JsonProperty
    public List<Resident> household() {
      return List.of(other());
    }

    @JsonProperty
    public TypedNote typed() {
      return new TypedNote("C-1002", OTHER_NAME);
    }
  }

  @Test
  void writeWhenAGetterReturnsARecordOfSomeoneTheDecisionIsNotAboutThenNothingProtectedOfItIsWritten() {
    Referral referral = new Referral("C-1001", NAME);

    String json = write(referral, staffDecision(referral));

    assertThat(json).contains("\"name\":\"" + NAME + "\"", "C-1002", "Jamaica", "\"unwrapped.clientId\":\"C-1002\"",
        "\"kind\":\"SanctuaryGuardModuleTest$TypedNote\"").doesNotContain(OTHER_NAME, OTHER_STATUS);
    Decision aboutBoth = staffDecision(List.of(referral, other()));
    assertThat(write(referral, aboutBoth)).as("a decision about both").contains(OTHER_NAME, OTHER_STATUS);
    Decision bulk = guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .subjects("*").categories("identity.name", "immigration.status").build());
    assertThat(write(referral, bulk)).as("a bulk decision").contains(OTHER_NAME, OTHER_STATUS);
    assertThat(DecisionScope.current()).isNull();
  }

  @Test
  void writeWhenADecisionIsAPolicysAloneThenNoRecordWithASubjectIdIsWrittenWithItsProtectedValues() {
    Decision policys = guard.policy().decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .payload(resident).build());

    assertThat(policys.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(write(resident, policys)).isEqualTo("{\"clientId\":\"C-1001\",\"office\":\"Canal St\"}");
  }

  @Test
  void writeWhenAListOfRecordsThenEachIsRedactedUnderTheOneDecision() {
    List<Resident> residents = List.of(resident, new Resident("C-1002", NAME, STATUS, "Jamaica"));

    assertThat(write(residents, policeDecision(residents))).doesNotContain(STATUS).contains("Jamaica");
  }

  @Test
  void scopesWhenNestedThenClosingOneRestoresTheOuterAndTheyBelongToTheirThread() throws Exception {
    Decision police = policeDecision(resident);
    Decision staff = staffDecision(resident);

    try (DecisionScope outer = DecisionScope.open(police)) {
      try (DecisionScope inner = DecisionScope.open(staff)) {
        assertThat(guarded.writeValueAsString(resident)).contains(STATUS);
        assertThat(CompletableFuture.supplyAsync(DecisionScope::current).get()).isNull();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class);
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(inner::close);
        assertThatThrownBy(elsewhere::get).hasCauseInstanceOf(IllegalStateException.class);
      }
      assertThat(guarded.writeValueAsString(resident)).doesNotContain(STATUS).contains(NAME);
      assertThat(outer.toString()).doesNotContain(NAME, STATUS, "C-1001");
    }
    assertThat(DecisionScope.current()).isNull();
  }

  @Test
  void scopesWhenOpenedOneAfterAnotherUnderDecisionsOfEachKindThenEachWriteFollowsItsOwn() {
    Decision police = policeDecision(resident);
    Decision staff = staffDecision(resident);
    Decision policeAgain = policeDecision(resident);
    Decision denied = guard.decide(guard.request().recipient(Recipient.unknown("test")).purpose(Purpose.OTHER)
        .payload(resident).build());

    for (int round = 0; round < 3; round++) {
      assertThat(write(resident, police)).contains(NAME).doesNotContain(STATUS);
      assertThat(write(resident, staff)).contains(NAME, STATUS);
      assertThat(write(resident, policeAgain)).contains(NAME).doesNotContain(STATUS);
      assertThat(write(resident, denied)).doesNotContain(NAME, STATUS);
      assertThat(write(resident, staffDecision(resident))).contains(NAME, STATUS);
    }
  }

  @Test
  void addedToWhenAMapperLacksTheModuleThenItsCopyHasItAndIsMadeOnce() {
    SanctuaryGuardModule module = new SanctuaryGuardModule(guard);

    JsonMapper copy = module.addedTo(plain);

    assertThat(copy).isNotSameAs(plain).isSameAs(module.addedTo(plain));
    assertThat(SanctuaryGuardModule.isRegisteredIn(copy)).isTrue();
    assertThat(SanctuaryGuardModule.isRegisteredIn(plain)).isFalse();
    assertThat(module.addedTo(guarded)).isSameAs(guarded);
    assertThat(write(copy.writer(), resident, policeDecision(resident))).contains(NAME).doesNotContain(STATUS);
  }

  @Test
  void addedToWhenTheMapperIsDroppedThenItsCopyDoesNotKeepItAlive() throws InterruptedException {
    SanctuaryGuardModule module = new SanctuaryGuardModule(guard);
    Map<String, Supplier<JsonMapper>> mappers = Map.of(
        "a mapper of the application's", () -> JsonMapper.builder().addModule(new SimpleModule("application"))
            .enable(SerializationFeature.INDENT_OUTPUT).build(),
        "the mapper of a JSON converter made for a client", () -> new JacksonJsonHttpMessageConverter().getMapper(),
        "a mapper whose injectable values hold it", () -> {
          InjectableValues.Std values = new InjectableValues.Std();
          JsonMapper mapper = JsonMapper.builder().injectableValues(values).build();
          values.addValue(JsonMapper.class, mapper);
          return mapper;
        },
        "a mapper whose handler instantiator holds it, as Spring's holds the bean factory", () -> {
          Instantiator instantiator = new Instantiator();
          JsonMapper mapper = JsonMapper.builder().handlerInstantiator(instantiator).build();
          instantiator.mapper = mapper;
          return mapper;
        });

    mappers.forEach((kind, made) -> {
      WeakReference<JsonMapper> dropped = copiedAndDropped(module, made);
      for (int tries = 0; tries < 50 && dropped.get() != null; tries++) {
        System.gc();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }

      assertThat(dropped.get()).as(kind + ", once nothing else holds it").isNull();
    });
    assertThat(module.addedTo(plain)).isNotNull(); // the module, and what it keeps, stay reachable throughout
  }

  /**
   * A handler instantiator that holds the mapper it serves, as one that holds a bean factory holds
   * the mapper beans in it; it instantiates nothing itself.
   */
  private static final class Instantiator extends HandlerInstantiator {
    @Nullable JsonMapper mapper;

    @Override
    public @Nullable ValueDeserializer<?> deserializerInstance(DeserializationConfig config, Annotated annotated,
        Class<?> type) {
      return null;
    }

    @Override
    public @Nullable KeyDeserializer keyDeserializerInstance(DeserializationConfig config, Annotated annotated,
        Class<?> type) {
      return null;
    }

    @Override
    public @Nullable ValueSerializer<?> serializerInstance(SerializationConfig config, Annotated annotated,
        Class<?> type) {
      return null;
    }

    @Override
    public @Nullable TypeResolverBuilder<?> typeResolverBuilderInstance(MapperConfig<?> config, Annotated annotated,
        Class<?> type) {
      return null;
    }

    @Override
    public @Nullable TypeIdResolver typeIdResolverInstance(MapperConfig<?> config, Annotated annotated,
        Class<?> type) {
      return null;
    }
  }

  /**
   * Makes a mapper, has the module copy it and write with the copy, and returns only a weak
   * reference to the mapper.
   */
  private WeakReference<JsonMapper> copiedAndDropped(SanctuaryGuardModule module, Supplier<JsonMapper> made) {
    JsonMapper mapper = made.get();
    JsonMapper copy = module.addedTo(mapper);
    assertThat(write(copy.writer(), resident, policeDecision(resident))).contains(NAME).doesNotContain(STATUS);
    assertThat(write(copy.writer(), List.of(resident), staffDecision(resident))).contains(STATUS);
    return new WeakReference<>(mapper);
  }

  private List<PropertyWriter> writers(Class<?> type) {
    SerializationContext context = new Probe(guarded).context();
    List<PropertyWriter> writers = new ArrayList<>();
    Iterator<PropertyWriter> properties = context.findRootValueSerializer(type).properties();
    properties.forEachRemaining(writers::add);
    return writers;
  }

  /** Reaches the mapper's serialization context, as Jackson's own tests do. */
  private static final class Probe extends JsonMapper {
    private static final long serialVersionUID = 1L;

    Probe(JsonMapper mapper) {
      super(mapper.rebuild());
    }

    SerializationContext context() {
      return _serializationContext();
    }
  }
}
