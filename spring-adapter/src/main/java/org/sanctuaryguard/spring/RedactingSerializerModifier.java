package org.sanctuaryguard.spring;

import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.InvalidProtectionException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonTypeIdResolver;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ObjectIdInfo;
import tools.jackson.databind.ser.AnyGetterWriter;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.BeanSerializerBuilder;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.BeanDescription;

/**
 * Replaces the writers of protected properties with {@link GuardedPropertyWriter}s when Jackson
 * builds the serializer of a class, once per class and mapper; classes without protected
 * properties keep the serializer Jackson built. Refuses, naming the class and the property, what
 * would write protected values past the guard: a property that may hold protected values written,
 * whole or in part, by a serializer or converter of its own ({@code @JsonSerialize(using,
 * contentUsing, converter, contentConverter = ...)}, {@code @JsonRawValue}; one declared
 * as a type of any class is judged by each value's class, as it is written), a protected or computed
 * property (one read through a method that may compute from protected fields) used as the object id of
 * {@code @JsonIdentityInfo} (on a property that holds the class, see {@link PropertyObjectIdCheck}) or as
 * the type id of {@code @JsonTypeId} (one read through a plain getter that a subclass may override is
 * checked as each object is written, see {@link OverriddenIdCheck}), a class holding protected values
 * with a {@code @JsonTypeIdResolver} (given the whole object, it writes what it likes as the type), a property that may hold protected values
 * written as another type ({@code @JsonSerialize(as, contentAs, keyAs = ...)}), and a map whose keys
 * hold protected values (Jackson writes a key through its {@code toString}; see {@link
 * GuardedMapSerializer}). The serializer of an interface, an abstract class or a class that is not
 * final and has no protected properties, which Jackson uses for values of other classes when it
 * types statically, judges each value by its class ({@link OpenTypeSerializer}).
 */
final class RedactingSerializerModifier extends ValueSerializerModifier {

  private static final long serialVersionUID = 1L;

  /** Numbers of the guarded writers, under which a scope keeps its verdicts; shared by every module. */
  private static final AtomicInteger SLOTS = new AtomicInteger();

  /** Why a property written by a serializer of its own is refused, after what it holds. */
  static final String OWN_SERIALIZER = "is written by a serializer of its own (@JsonSerialize(using, contentUsing,"
      + " converter, contentConverter = ...), @JsonRawValue), which the guard cannot see into; let Jackson write it";

  /** What a property Jackson reads as the object id of the class is, for a refusal. */
  static final String OBJECT_ID = "is the object id of @JsonIdentityInfo";

  /** What to use as the object id instead, for a refusal. */
  static final String OBJECT_ID_REMEDY = "use a property that is not protected and that Jackson reads from its field"
      + " or a getter no subclass overrides (final), or a generated id";

  /** What a property Jackson reads as the type id of the class is, for a refusal. */
  private static final String TYPE_ID = "is the type id of @JsonTypeId";

  /** What to use as the type id instead, for a refusal. */
  private static final String TYPE_ID_REMEDY = "make a property that is not protected, and that Jackson reads from its"
      + " field or a getter no subclass overrides (final), the type id, or let @JsonTypeInfo name the class";

  /** Why a property written as another type is refused, after what it holds. */
  static final String OTHER_TYPE = "is written as another type (@JsonSerialize(as, contentAs, keyAs = ...)), whose"
      + " serializer calls its getters past the guard; let Jackson write each value as its own class";


  private final transient Guard guard;

  /** Whether a class declares or inherits protected properties, as each class is first met. */
  private final transient ClassValue<Boolean> hasProtected = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return protectedCategories(type).length > 0;
    }
  };

  RedactingSerializerModifier(Guard guard) {
    this.guard = guard;
  }

  /** Returns whether a class declares or inherits protected properties, so that its own serializer is guarded. */
  boolean hasProtectedProperties(Class<?> type) {
    return hasProtected.get(type);
  }

  /** Returns how many guarded writers exist, so that a scope sizes its verdicts once. */
  static int slots() {
    return SLOTS.get();
  }

  @Override
  public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier description,
      List<BeanPropertyWriter> properties) {
    Class<?> type = description.getBeanClass();
    Category[] all = protectedCategories(type);
    if (all.length == 0) {
      if (!type.isPrimitive() && !type.isArray() && guard.mayHoldProtected(type)) {
        guardComputed(config, type, javaNames(description), properties);
      }
      return properties;
    }
    Set<String> known = knownProperties(type);
    Map<String, String> javaNames = javaNames(description);
    for (int i = 0; i < properties.size(); i++) {
      String name = javaName(properties.get(i), javaNames);
      BeanPropertyWriter writer = checkOwnSerializers(config, type, name, properties.get(i));
      properties.set(i, writer);
      Set<Category> own = guard.protectedCategories(type, name);
      if (!own.isEmpty()) {
        properties.set(i, new GuardedPropertyWriter(writer, own.toArray(Category[]::new), SLOTS.getAndIncrement(),
            null));
        continue;
      }
      switch (read(type, name, writer.getMember(), known)) {
        case COMPUTED -> properties.set(i, new GuardedPropertyWriter(writer, all, SLOTS.getAndIncrement(), null));
        // a subclass may override its getter, and be written with this class's serializer
        case OVERRIDABLE -> properties.set(i, new GuardedPropertyWriter(writer, all, SLOTS.getAndIncrement(), type));
        case STORED -> { }
      }
    }
    return properties;
  }

  /** How Jackson reads a property that is not protected, in a class holding protected values. */
  private enum Read {
    /** The field that stores it, or a method that only returns that field, which no subclass overrides. */
    STORED,
    /** A method that only returns the field that stores it, which a subclass may override. */
    OVERRIDABLE,
    /**
     * What may compute from protected fields: a getter with no field behind it, a method that does
     * more than return its field, a virtual property ({@code @JsonAppend}).
     */
    COMPUTED
  }

  /**
   * How Jackson reads, through a member, a property that is not protected of a class holding
   * protected values; the guard reads the class file of a method once, to tell whether it only
   * returns its field ({@link PlainAccessors}).
   */
  private static Read read(Class<?> type, String name, @Nullable AnnotatedMember member, Set<String> known) {
    if (!known.contains(name)) {
      return Read.COMPUTED;
    }
    if (member instanceof AnnotatedField field) {
      return field.getName().equals(name) ? Read.STORED : Read.COMPUTED;
    }
    if (!(member instanceof AnnotatedMethod method)) {
      return Read.COMPUTED;
    }
    Method getter = method.getAnnotated();
    Field field = field(type, name);
    if (field == null || !PlainAccessors.returnsOnly(getter, field)) {
      return Read.COMPUTED;
    }
    return !Modifier.isFinal(type.getModifiers()) && (getter.getModifiers() & (Modifier.FINAL | Modifier.PRIVATE)) == 0
        ? Read.OVERRIDABLE : Read.STORED;
  }

  /**
   * Guards the computed getters of a class with no protected property of its own that holds or
   * captures protected values ({@code record CaseFile(String id, Resident resident)} with a {@code
   * getSummary()} that reads {@code resident.status()}; an anonymous, local or inner class whose
   * getter reads the resident it captured or its outer object holds; a class holding it in a field
   * declared {@code Object} or as an interface, {@link #holdsAnything}): such a getter, or an accessor
   * that does more than return its field, may write any value the class holds, so it is written
   * only when the decision releases every category the class holds ({@link #heldCategories}). Plain
   * accessors are left to Jackson, as what they return is written by its own class's writers, and so
   * are a JDK proxy's getters (a Spring Data projection).
   */
  private void guardComputed(SerializationConfig config, Class<?> type, Map<String, String> javaNames,
      List<BeanPropertyWriter> properties) {
    // a JDK proxy's getters are its handler's, whose values the guard reads and decides as a view's
    Category[] held = Proxy.isProxyClass(type) ? new Category[0] : heldCategories(type);
    Set<String> known = held.length == 0 ? Set.of() : knownProperties(type);
    for (int i = 0; i < properties.size(); i++) {
      String name = javaName(properties.get(i), javaNames);
      BeanPropertyWriter writer = checkOwnSerializers(config, type, name, properties.get(i));
      boolean computed = held.length > 0 && read(type, name, writer.getMember(), known) == Read.COMPUTED;
      properties.set(i, computed ? new GuardedPropertyWriter(writer, held, SLOTS.getAndIncrement(), null) : writer);
    }
  }

  /**
   * Checks a property that is written, whole or in part, by a serializer or converter of its own,
   * which the guard cannot see into ({@code ToStringSerializer} writes a record's every component;
   * a converter may make a label of them): {@code @JsonSerialize(using, converter = ...)} and
   * {@code @JsonRawValue} write its value, {@code contentUsing} and {@code contentConverter} its
   * elements or a map's values. It is refused if what they write may hold protected values as
   * declared ({@code List<Resident>} with {@code contentUsing}, {@code List<Object>} too). A property
   * declared {@code Object}, an interface or an abstract class is returned wrapped, to be judged by
   * each value's class ({@link OpenPropertyWriter}). Any other is returned as it is. ({@code
   * keyUsing} needs no check: a map's keys are checked as it is written, see {@link
   * GuardedMapSerializer}.) A property that may hold protected values as declared and that is
   * written as another type ({@code @JsonSerialize(as, contentAs, keyAs = ...)}) is refused: Jackson
   * writes it with that type's serializer, which calls the getters of the value's class past its
   * guarded writers.
   */
  private BeanPropertyWriter checkOwnSerializers(SerializationConfig config, Class<?> type, String name,
      BeanPropertyWriter writer) {
    AnnotationIntrospector introspector = config.getAnnotationIntrospector();
    AnnotatedMember member = writer.getMember();
    JavaType declared = writer.getType();
    if (member != null && !introspector.refineSerializationType(config, member, declared).equals(declared)
        && mayHoldProtected(declared)) {
      throw new InvalidProtectionException(type.getName(), name, "may hold protected values but " + OTHER_TYPE);
    }
    boolean whole = writer.hasSerializer()
        || (member != null && introspector.findSerializationConverter(config, member) != null);
    boolean content = member != null && (introspector.findContentSerializer(config, member) != null
        || introspector.findSerializationContentConverter(config, member) != null);
    if (!whole && !content) {
      return writer;
    }
    if (!isContainer(declared) && isOpen(declared.getRawClass())) {
      return new OpenPropertyWriter(writer, guard, type.getName(), name);
    }
    if (whole ? mayHoldProtected(declared) : mayHoldProtected(declared.getContentType())) {
      throw new InvalidProtectionException(type.getName(), name, "may hold protected values but " + OWN_SERIALIZER);
    }
    return writer;
  }

  /**
   * Whether values of a declared type may hold protected values: by the classes it declares, through
   * collections, maps, arrays and optionals, or because it may be of any class ({@link #isOpen}).
   */
  private boolean mayHoldProtected(@Nullable JavaType declared) {
    if (declared == null || declared.isPrimitive()) {
      return false;
    }
    if (isContainer(declared)) {
      return mayHoldProtected(declared.getContentType()) || mayHoldProtected(declared.getKeyType());
    }
    return isOpen(declared.getRawClass()) || guard.mayHoldProtected(declared.getRawClass());
  }

  /** Whether Jackson writes values of the type as a container of others: a collection, a map, an array, an optional. */
  private static boolean isContainer(JavaType declared) {
    return declared.isContainerType() || declared.isReferenceType();
  }

  @Override
  public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType type,
      BeanDescription.Supplier description, ValueSerializer<?> serializer) {
    Class<?> key = type.getKeyType().getRawClass();
    // a key declared Object, an interface or an abstract class may be of any class: checked as the map is written
    ValueSerializer<?> keys = isOpen(key) || guard.mayHoldProtected(key)
        ? new GuardedMapSerializer(serializer, guard) : serializer;
    // a property filter is given the map, its keys and values, and may write them past their writers
    return mayHoldProtected(type) ? PropertyFilterCheck.checkedMap(keys,
        config.getAnnotationIntrospector().findFilterId(config, description.getClassInfo())) : keys;
  }

  /**
   * Whether values declared as the class may be of any class, which only each value tells: {@code
   * Object}, an interface (a Spring Data projection's), an abstract class.
   */
  static boolean isOpen(Class<?> declared) {
    return declared == Object.class || declared.isInterface() || Modifier.isAbstract(declared.getModifiers());
  }

  @Override
  public BeanSerializerBuilder updateBuilder(SerializationConfig config, BeanDescription.Supplier description,
      BeanSerializerBuilder builder) {
    Class<?> type = description.getBeanClass();
    boolean holdsProtected = protectedCategories(type).length > 0;
    Map<String, String> javaNames = javaNames(description);
    for (BeanPropertyDefinition property : idProperties(description.get())) {
      String name = property.getInternalName();
      if (isUnguarded(type, name, property.getAccessor(), holdsProtected)) {
        throw new InvalidProtectionException(type.getName(), name, property.isTypeId()
            ? TYPE_ID + " in a class holding protected values, which Jackson writes as the object's type, past the"
                + " guard; " + TYPE_ID_REMEDY
            : OBJECT_ID + ", which Jackson writes in place of the object wherever it appears again, past the guard; "
                + OBJECT_ID_REMEDY);
      }
    }
    if (holdsProtected && description.get().getClassAnnotations().has(JsonTypeIdResolver.class)) {
      throw new InvalidProtectionException(type.getName(), "", "has a @JsonTypeIdResolver, which is given the whole"
          + " object and writes what it likes as its type, past the guard; let @JsonTypeInfo name the class"
          + " (use = Id.NAME)");
    }
    for (BeanPropertyWriter writer : builder.getProperties()) {
      if (writer instanceof AnyGetterWriter && holdsProtected) {
        String name = javaName(writer, javaNames);
        if (isUnguarded(type, name, writer.getMember(), holdsProtected)) {
          throw new InvalidProtectionException(type.getName(), name,
              "is written by a @JsonAnyGetter in a class holding protected values, which the guard cannot"
                  + " redact; tag the fields and let Jackson write them");
        }
      }
    }
    return builder;
  }

  /**
   * The properties that Jackson reads past the class's property writers as its object id ({@code
   * @JsonIdentityInfo(generator = PropertyGenerator.class)} on the class) or as its type id ({@code
   * @JsonTypeId}).
   */
  private static List<BeanPropertyDefinition> idProperties(BeanDescription description) {
    ObjectIdInfo ids = description.getObjectIdInfo();
    String objectId = ids != null && ids.getGeneratorType() == ObjectIdGenerators.PropertyGenerator.class
        ? ids.getPropertyName().getSimpleName() : null;
    List<BeanPropertyDefinition> found = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.isTypeId() || property.getName().equals(objectId)) {
        found.add(property);
      }
    }
    return found;
  }

  /**
   * Whether a property that Jackson reads, through a member, past the class's property writers would
   * write protected values: a protected one, or, in a class holding protected values, one that may
   * compute from them ({@link Read#COMPUTED}: a computed getter, a method that does more than return
   * its field, a virtual property). One read through a plain getter that a subclass may override
   * ({@link Read#OVERRIDABLE}) is checked as each object is written ({@link OverriddenIdCheck}).
   */
  private boolean isUnguarded(Class<?> type, String name, @Nullable AnnotatedMember member, boolean holdsProtected) {
    return !guard.protectedCategories(type, name).isEmpty()
        || holdsProtected && read(type, name, member, knownProperties(type)) == Read.COMPUTED;
  }

  /**
   * The object id and type id of a class holding protected values that Jackson reads through a plain
   * getter a subclass may override, which {@link OverriddenIdCheck} checks as each object is written.
   */
  private static List<OverriddenIdCheck.Id> overridableIds(Class<?> type, BeanDescription description) {
    List<OverriddenIdCheck.Id> ids = new ArrayList<>();
    Set<String> known = knownProperties(type);
    for (BeanPropertyDefinition property : idProperties(description)) {
      String name = property.getInternalName();
      if (property.getAccessor() instanceof AnnotatedMethod getter
          && read(type, name, getter, known) == Read.OVERRIDABLE) {
        ids.add(property.isTypeId() ? new OverriddenIdCheck.Id(getter.getAnnotated(), name, TYPE_ID, TYPE_ID_REMEDY)
            : new OverriddenIdCheck.Id(getter.getAnnotated(), name, OBJECT_ID, OBJECT_ID_REMEDY));
      }
    }
    return ids;
  }

  @Override
  public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
      ValueSerializer<?> serializer) {
    Class<?> type = description.getBeanClass();
    if (isOpen(type)) {
      // Jackson writes objects of other classes with it when it types statically
      return new OpenTypeSerializer(serializer, this, type);
    }
    ValueSerializer<?> guarded = guardedOwnClass(type, description, serializer);
    // the decision may not be about the subject of an object Jackson reaches but the guard did not see
    return guard.identifiesSubject(type) ? new SubjectBoundSerializer(guarded, guard) : guarded;
  }

  /**
   * The serializer of a class that is not open, guarded for what it writes past the property
   * writers. A serializer of the class's own ({@code @JsonSerialize(using)}, a module's, {@code
   * @JsonValue}, {@code @JsonFormat(shape = STRING)}) writes the value only when the decision
   * releases every category the class may hold: its protected properties' or, for a class that only
   * holds objects with protected values ({@code record CaseFile(String id, Resident resident)}),
   * those its properties' declared types hold, which such a serializer may write past their
   * writers ({@code resident.status()}).
   */
  private ValueSerializer<?> guardedOwnClass(Class<?> type, BeanDescription.Supplier description,
      ValueSerializer<?> serializer) {
    Category[] all = protectedCategories(type);
    if (serializer instanceof BeanSerializerBase) {
      if (all.length > 0) {
        // it guards each of its getters that a subclass may override; a property that holds it may name one as its id
        List<OverriddenIdCheck.Id> ids = overridableIds(type, description.get());
        ValueSerializer<?> checked = new PropertyObjectIdCheck(serializer);
        return ids.isEmpty() ? checked : new OverriddenIdCheck(checked, type, ids);
      }
      // a property filter may write what it holds (a computed getter's value, a record's toString) past the writers
      ValueSerializer<?> checked = guard.mayHoldProtected(type) ? PropertyFilterCheck.checked(serializer) : serializer;
      // so may it write a subclass's objects, whose overriding getters return what they like
      return Modifier.isFinal(type.getModifiers()) ? checked : new OpenTypeSerializer(checked, this, type);
    }
    Category[] held = all.length > 0 ? all : heldCategories(type);
    return held.length == 0 ? serializer : new GuardedValueSerializer(serializer, held, SLOTS.getAndIncrement());
  }

  /** Whether a class holds protected values: its own, or those the declared types of its properties hold. */
  boolean holdsProtected(Class<?> type) {
    return heldCategories(type).length > 0;
  }

  /**
   * The categories a class holds: its own protected properties', and those the declared types of its
   * properties hold, through every level of them; every category the guard knows for a class with a
   * field that may hold an object of any class ({@link #holdsAnything}), whose getters may return
   * whatever it holds.
   */
  private Category[] heldCategories(Class<?> type) {
    if (type.isPrimitive() || type.isArray() || !guard.mayHoldProtected(type)) {
      return new Category[0];
    }
    if (holdsAnything(type)) {
      return guard.policy().categories().all().toArray(Category[]::new);
    }
    return guard.declaredCategories(type).toArray(Category[]::new);
  }

  /**
   * Whether a field of a class or of a superclass, a record's component, a captured variable or the
   * outer object of an anonymous, local or inner class ({@code val$detail}, {@code this$0}) among
   * them, is declared, itself or through the collections, maps, arrays and optionals it is, as
   * {@code Object} or an interface or abstract class of the JDK ({@link #mayBeAnything}): what it
   * holds declares no category ({@code ((Resident) body).status()}), though the guard's scan finds
   * it. Not a collection, a map or an optional, whose fields Jackson does not write.
   */
  private static boolean holdsAnything(Class<?> type) {
    if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type == Optional.class
        || AtomicReference.class.isAssignableFrom(type)) {
      return false; // Jackson writes what a container holds with the writers of each value's own class
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        // what the compiler captured is typed as the code declared it; a field the application declares is typed for
        // what it holds, an interface of its own or a library's (a Page, a Pageable) by what that declares
        if (!Modifier.isStatic(field.getModifiers()) && mayBeAnything(field.getGenericType(), field.isSynthetic())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether values of a declared type, or the elements, keys or values it holds, may be of any class:
   * {@code Object}, or an interface or abstract class of the JDK ({@code Supplier<?>}, {@code
   * Serializable}); any interface or abstract class if {@code anyOpen} (a captured variable's). Not
   * a type variable's ({@code record Reply<T>(T body)}, {@code Optional<T>}'s value): Jackson
   * writes it with the class it is typed with, whose own writers decide it, and so does a generic
   * class's computed getter that returns it ({@code Page.getContent()}).
   */
  private static boolean mayBeAnything(Type declared, boolean anyOpen) {
    if (declared instanceof TypeVariable<?>) {
      return false;
    }
    if (declared instanceof WildcardType wildcard) {
      return mayBeAnything(wildcard.getUpperBounds()[0], anyOpen);
    }
    if (declared instanceof GenericArrayType array) {
      return mayBeAnything(array.getGenericComponentType(), anyOpen);
    }
    if (declared instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      return Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class
          ? Arrays.stream(parameterized.getActualTypeArguments()).anyMatch(argument -> mayBeAnything(argument, anyOpen))
          : mayBeAnything(raw, anyOpen);
    }
    if (declared instanceof Class<?> type) {
      return type.isArray() ? mayBeAnything(type.getComponentType(), anyOpen)
          : !type.isPrimitive() && isOpen(type) && (anyOpen || type == Object.class || type.getName().startsWith("java."));
    }
    return true;
  }

  /** The categories of every protected property the class declares or inherits. */
  private Category[] protectedCategories(Class<?> type) {
    if (type.isPrimitive() || type.isArray() || !guard.mayHoldProtected(type)) {
      return new Category[0];
    }
    Set<Category> all = new LinkedHashSet<>();
    for (String name : knownProperties(type)) {
      all.addAll(guard.protectedCategories(type, name));
    }
    return all.toArray(Category[]::new);
  }

  /** The field of a class or of a superclass that stores a property, or null. */
  private static @Nullable Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    return null;
  }

  /** The properties the guard knows of a class: its record components, or its fields and those it inherits. */
  private static Set<String> knownProperties(Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        names.add(component.getName());
      }
      return names;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          names.add(field.getName());
        }
      }
    }
    return names;
  }

  /** The Java name of each property by the name Jackson writes it under. */
  private static Map<String, String> javaNames(BeanDescription.Supplier description) {
    Map<String, String> names = new HashMap<>();
    for (BeanPropertyDefinition property : description.get().findProperties()) {
      names.put(property.getName(), property.getInternalName());
    }
    return names;
  }

  private static String javaName(BeanPropertyWriter writer, Map<String, String> javaNames) {
    String internal = javaNames.get(writer.getName());
    if (internal != null) {
      return internal;
    }
    AnnotatedMember member = writer.getMember();
    if (member == null) {
      return writer.getName();
    }
    String name = member.getName();
    if (member instanceof AnnotatedMethod) {
      for (String prefix : new String[] {"get", "is"}) {
        if (name.length() > prefix.length() && name.startsWith(prefix)
            && Character.isUpperCase(name.charAt(prefix.length()))) {
          String rest = name.substring(prefix.length());
          return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
        }
      }
    }
    return name;
  }
}
