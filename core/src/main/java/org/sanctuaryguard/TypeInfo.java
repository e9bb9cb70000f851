package org.sanctuaryguard;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EventObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.function.BiFunction;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.BaseStream;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.bytecode.RecordAccessors;
import org.sanctuaryguard.internal.text.Suggestions;

/**
 * What the guard knows of a class: whether it is a value it leaves alone, a record, a class it can
 * copy through a no-argument constructor, or one it can only read; its properties with fast
 * accessors; and which of them are protected. Computed once per class and guard, and immutable.
 *
 * <p>A JDK proxy of an application's interfaces is a view, read through their getters. A subclass
 * that a library generates at run time to stand for another object (a Spring CGLIB proxy, a
 * Hibernate lazy reference) is refused: its values are in the object it stands for, not in the
 * fields the guard reads.
 */
final class TypeInfo {

  enum Kind {
    /**
     * A value the guard does not look into: JDK types (not a JDK proxy of an application's
     * interfaces, a view), servlet containers' own, enums, primitives, primitive arrays. Of a JDK
     * event, exception or naming binding, the guard reads what its getters give ({@link #uncopied}), but
     * never copies it.
     */
    LEAF,
    /** A collection, a map, an {@code Optional} or an array of objects: its elements are converted. */
    CONTAINER,
    /** A record, copied through its canonical constructor. */
    RECORD,
    /** A class with a no-argument constructor, copied field by field. */
    BEAN,
    /**
     * A JDK proxy of an application's interfaces (a Spring Data interface projection): read through
     * their getters, as Jackson writes it, and copied as a new proxy of them that answers the copied
     * values.
     */
    VIEW,
    /** A class the guard can read but not copy: released as a map. */
    OPAQUE
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private static final HeldGetter[] NO_GETTERS = new HeldGetter[0];
  private static final HeldGetter SOURCE = jdkGetter(EventObject.class, "getSource");
  private static final HeldGetter CAUSE = jdkGetter(Throwable.class, "getCause");
  private static final HeldGetter SUPPRESSED = jdkGetter(Throwable.class, "getSuppressed");
  private static final HeldGetter SET_ORDER = jdkGetter(SortedSet.class, "comparator");
  private static final HeldGetter MAP_ORDER = jdkGetter(SortedMap.class, "comparator");
  private static final HeldGetter QUEUE_ORDER = jdkGetter(PriorityQueue.class, "comparator");

  /**
   * The getters of what JDK events, exceptions and naming bindings outside {@code java.base} hold
   * besides what their superclasses do, by the name of the class that declares them: found in a
   * value's class by name, so that the core requires no module for them ({@code java.desktop}'s
   * {@code java.beans}, {@code java.management}, {@code java.naming}).
   */
  private static final Map<String, List<String>> JDK_GETTERS = Map.of(
      "java.beans.PropertyChangeEvent", List.of("getOldValue", "getNewValue", "getPropagationId"),
      "java.beans.PropertyVetoException", List.of("getPropertyChangeEvent"),
      "javax.management.Notification", List.of("getUserData"),
      "javax.management.AttributeChangeNotification", List.of("getOldValue", "getNewValue"),
      "javax.naming.NamingException", List.of("getResolvedObj"),
      "javax.naming.Binding", List.of("getObject"),
      "javax.naming.event.NamingEvent", List.of("getOldBinding", "getNewBinding", "getChangeInfo"),
      "javax.naming.event.NamingExceptionEvent", List.of("getException"));

  final Class<?> type;
  final Kind kind;
  final Property[] properties;
  /** For beans and an application's collections and maps: the no-argument constructor, {@code ()Object}. */
  final @Nullable MethodHandle constructor;
  /** For views: the application's interfaces and how their getters answer; null for any other class. */
  final @Nullable View view;
  /** For records: builds one from its components (the second argument is unused). */
  final @Nullable BiFunction<Object[], Object, Object> buildRecord;
  /** For records with generated accessors: every component at once. */
  private final @Nullable Function<Object, Object[]> readAll;
  /** For records with generated accessors: {@code apply(original, walk)}, see {@link RecordAccessors}. */
  final @Nullable BiFunction<Object, Object, Object> copier;
  private volatile @Nullable KeptBits kept;
  final @Nullable InvalidProtectionException error;
  /**
   * Whether values of the class are holders ({@link #isHolder}), which the scan reads but nothing
   * copies; not for a holder class tagged wrongly, whose error the scan throws.
   */
  final boolean holder;
  private final boolean marked;
  /** Whether every property holds leaf values, so that reading it finds nothing more to walk into. */
  final boolean flat;
  /** Whether a property of the class is a subject id: whose its protected values are. */
  final boolean declaresSubject;
  /** Whether a property of the class is protected itself, not only what it may refer to. */
  final boolean ownProtected;
  /** The properties that are subject ids, in property order. */
  final Property[] subjectIds;
  /**
   * Of a JDK event or exception, the JDK's own or an application's subclass, or a naming binding:
   * the getters of what the JDK holds in fields of its own, which the scan reads but no copy can
   * rebuild ({@code java.base} is not open to reflection); of a sorted set, map or priority queue,
   * its comparator, which its copy shares; of an anonymous, local or inner class, its captured
   * variables and outer instance, which no copy rebuilds either; empty for any other class.
   */
  final HeldGetter[] uncopied;
  private final Function<Class<?>, TypeInfo> lookup;
  private volatile @Nullable Boolean propertiesMayHoldProtected;

  private TypeInfo(
      Class<?> type,
      Kind kind,
      Property[] properties,
      @Nullable MethodHandle constructor,
      @Nullable BiFunction<Object[], Object, Object> buildRecord,
      @Nullable RecordAccessors generated,
      @Nullable InvalidProtectionException error,
      boolean holder,
      @Nullable View view,
      Function<Class<?>, TypeInfo> lookup) {
    this.type = type;
    this.kind = kind;
    this.properties = properties;
    this.constructor = constructor;
    this.view = view;
    this.buildRecord = buildRecord;
    this.readAll = generated == null ? null : generated.read;
    this.copier = generated == null ? null : generated.copy;
    this.error = error;
    this.holder = holder;
    this.lookup = lookup;
    boolean any = false;
    boolean own = false;
    boolean leaves = kind != Kind.CONTAINER;
    for (Property property : properties) {
      any |= property.isProtected() || property.subjectId;
      own |= property.isProtected();
      leaves &= property.leafValues;
    }
    this.marked = any;
    this.ownProtected = own;
    this.flat = leaves;
    this.subjectIds = Arrays.stream(properties).filter(property -> property.subjectId).toArray(Property[]::new);
    this.declaresSubject = subjectIds.length > 0;
    this.uncopied = error == null ? uncopiedGetters(type) : NO_GETTERS;
  }

  /**
   * A public getter of what a JDK event or exception holds in a field of the JDK's own, or the
   * compiler's field of an anonymous, local or inner class ({@link #captured}), typed {@code
   * (Object)Object}: named by its class's simple name and its own ({@code EventObject.getSource()}),
   * for messages, which never hold what it returns, and with the type it declares. An application's
   * subclass that overrides it is read through its override, as Jackson and {@code printStackTrace}
   * read it.
   */
  record HeldGetter(String name, MethodHandle handle, Type declared) {

    @Nullable Object read(Object owner) throws Throwable {
      return (Object) handle.invokeExact(owner);
    }
  }

  /**
   * The getters of what values of the class hold in fields that no copy can rebuild: the JDK's own,
   * an event's source, a property change's old and new values (and propagation id, which its {@code
   * toString} prints), a veto's property change, a naming binding's object, an exception's cause
   * and suppressed exceptions, a sorted set's, map's or priority queue's comparator, which its copy
   * shares (a copy of it would order the elements otherwise); and the compiler's, an anonymous, local or inner class's captured
   * variables ({@code val$x}) and outer instance ({@code this$0}), which its getters, written by
   * Jackson, may read (not a collection's or a map's, which Jackson writes as its elements alone). Empty, and shared, for any other class: the common payloads look no further.
   */
  private static HeldGetter[] uncopiedGetters(Class<?> type) {
    List<HeldGetter> getters = new ArrayList<>();
    HeldGetter order = order(type);
    if (EventObject.class.isAssignableFrom(type)) {
      getters.add(SOURCE);
    } else if (Throwable.class.isAssignableFrom(type)) {
      getters.addAll(List.of(CAUSE, SUPPRESSED));
    } else if (order != null) {
      getters.add(order);
    }
    // Jackson writes a collection or a map as its elements, and its copy holds them alone: what an
    // anonymous one captures (new ArrayList<>() {{ add(resident); }}) is neither written nor copied
    boolean elementsOnly = Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (String name : JDK_GETTERS.getOrDefault(c.getName(), List.of())) {
        getters.add(jdkGetter(c, name));
      }
      if (!elementsOnly && c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()) && !isJdk(c)) {
        for (Field field : c.getDeclaredFields()) {
          if (field.isSynthetic() && !Modifier.isStatic(field.getModifiers())) {
            getters.add(captured(type, c, field));
          }
        }
      }
    }
    return getters.isEmpty() ? NO_GETTERS : getters.toArray(HeldGetter[]::new);
  }

  /** The getter of the comparator of a sorted set, a sorted map or a priority queue; null for any other class. */
  private static @Nullable HeldGetter order(Class<?> type) {
    return SortedSet.class.isAssignableFrom(type) ? SET_ORDER : SortedMap.class.isAssignableFrom(type) ? MAP_ORDER
        : PriorityQueue.class.isAssignableFrom(type) ? QUEUE_ORDER : null;
  }

  /**
   * A field the compiler gave an anonymous, local or inner class, read as a getter of what it holds:
   * named by the field ({@code val$resident}, {@code this$0}), and by its class if a superclass
   * declares it.
   */
  private static HeldGetter captured(Class<?> type, Class<?> declaring, Field field) {
    String name = (declaring == type ? "" : declaring.getName() + ".") + field.getName();
    return new HeldGetter(name, open(type, field.getName(), field, () -> LOOKUP.unreflectGetter(field))
        .asType(MethodType.methodType(Object.class, Object.class)), field.getGenericType());
  }

  private static HeldGetter jdkGetter(Class<?> owner, String name) {
    try {
      Method getter = owner.getMethod(name);
      // a JDK module the core does not require (java.desktop): a method handle needs to read it, reflection would not
      TypeInfo.class.getModule().addReads(owner.getModule());
      return new HeldGetter(owner.getSimpleName() + "." + name + "()",
          LOOKUP.unreflect(getter).asType(MethodType.methodType(Object.class, Object.class)),
          getter.getGenericReturnType());
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(owner.getName() + "." + name + "()", e);
    }
  }

  static boolean isLeaf(Class<?> type) {
    if (type.isPrimitive() || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      return true;
    }
    if (type.isArray()) {
      return type.getComponentType().isPrimitive();
    }
    if (isContainer(type)) {
      return false;
    }
    return (isJdk(type) && !isView(type)) || isServerInternal(type);
  }

  /** Whether the class is a JDK proxy of an application's interfaces, which the JDK names in a package of its own. */
  private static boolean isView(Class<?> type) {
    return Proxy.isProxyClass(type) && viewed(type).length > 0;
  }

  /**
   * Whether the class is a servlet container's own (Tomcat's, Jetty's, Undertow's), by its package:
   * the machinery that serves requests, which holds no resident's record, though its fields reach
   * everything the server holds (a filter's registration, which Spring Boot Actuator's mappings
   * describe, leads to the server's context, its sessions and its threads).
   */
  private static boolean isServerInternal(Class<?> type) {
    String name = type.getName();
    return name.startsWith("org.apache.catalina.") || name.startsWith("org.apache.tomcat.")
        || name.startsWith("org.apache.coyote.") || name.startsWith("org.eclipse.jetty.")
        || name.startsWith("io.undertow.");
  }

  /** Whether the class is the JDK's, by its package. */
  private static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  /** Whether the class is a collection, a map or an {@code Optional}, whose elements are converted. */
  static boolean isContainer(Class<?> type) {
    return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type == Optional.class;
  }

  /**
   * Whether values of the class yield their elements once: streams and iterators, which the guard
   * cannot look into without consuming them.
   */
  static boolean isConsumable(Class<?> type) {
    return BaseStream.class.isAssignableFrom(type) || Iterator.class.isAssignableFrom(type)
        || Spliterator.class.isAssignableFrom(type);
  }

  /**
   * Whether values of the class are the JDK's holders of one value or one pair, which Jackson writes
   * by what they hold but the guard does not copy: {@code AtomicReference}, an application's
   * subclass of it too (whose held value is the JDK's field, which no bean property reads), and
   * {@code Map.Entry}, a JDK proxy of one too.
   */
  static boolean isHolder(Class<?> type) {
    return AtomicReference.class.isAssignableFrom(type)
        || ((isLeaf(type) || Proxy.isProxyClass(type)) && Map.Entry.class.isAssignableFrom(type));
  }

  /**
   * Whether values of the class hold a value that is not theirs yet, or not for good: a {@code
   * Future} (a {@code CompletableFuture}), which the guard would have to wait for, a {@code
   * Reference} (weak, soft), which the collector may clear, a {@code ThreadLocal}, which holds
   * another value on each thread.
   */
  static boolean isDeferred(Class<?> type) {
    return Future.class.isAssignableFrom(type) || Reference.class.isAssignableFrom(type)
        || ThreadLocal.class.isAssignableFrom(type);
  }

  /**
   * Why the guard does not look into values of the class, or null if it does: a stream or an
   * iterator, which it could not without consuming it, a future, a reference or a thread-local,
   * whose value it cannot take as it is, or a JDK holder.
   */
  static @Nullable String notLookedInto(Class<?> type) {
    if (isConsumable(type)) {
      return "a stream or an iterator, which the guard cannot look into without consuming it; collect it into a"
          + " list first";
    }
    if (isDeferred(type)) {
      return "a Future, a Reference or a ThreadLocal, whose value the guard cannot take as it is (it would wait for"
          + " it, or it may change); hold the value itself";
    }
    if (isHolder(type)) {
      return "a Map.Entry or an AtomicReference, which the guard does not look into; hold what it holds in a"
          + " record, a map or a list instead";
    }
    return null;
  }

  /**
   * Whether what a generic JDK type holds is its type arguments: a container's, an iterable's, a
   * stream's, an iterator's, a holder's or a future's ({@code Stream<Resident>} holds residents). Not an
   * application's, whose arguments need not be what it holds ({@code PeopleBy<String> extends
   * HashMap<String, Resident>} holds residents too).
   */
  static boolean holdsItsArguments(Class<?> type) {
    return isJdk(type) && (isContainer(type) || isHolder(type) || Iterable.class.isAssignableFrom(type)
        || isConsumable(type) || isDeferred(type));
  }

  static TypeInfo inspect(
      Class<?> type, Categories taxonomy, ProtectedProperties registry, Function<Class<?>, TypeInfo> lookup) {
    try {
      String notLookedInto = notLookedInto(type);
      if (notLookedInto != null) {
        if (isHolder(type)) {
          refuseTags(type, registry);
          refuseHeldFields(type);
        }
        return refused(type, new InvalidProtectionException(type.getName(), "", notLookedInto), isHolder(type), lookup);
      }
      if (isLeaf(type) || type.isArray() || isContainer(type)) {
        refuseTags(type, registry);
        return new TypeInfo(type, isLeaf(type) ? Kind.LEAF : Kind.CONTAINER, new Property[0], ownContainer(type), null,
            null, null, false, null, lookup);
      }
      String generator = generator(type);
      if (generator != null) {
        throw new InvalidProtectionException(type.getName(), "", "is a subclass that " + generator + " generates at run"
            + " time to stand for another object (a proxy, a lazy reference), whose values are in that object, not in"
            + " the fields the guard reads: release the object itself (unproxied, loaded), or a record of its values");
      }
      TypeInfo info;
      if (type.isRecord()) {
        info = record(type, taxonomy, registry, lookup);
      } else if (isView(type)) {
        info = view(type, taxonomy, registry, lookup);
      } else {
        info = bean(type, taxonomy, registry, lookup);
      }
      for (Property property : info.properties) {
        refuseTagsOfDeclared(property.genericType, registry);
      }
      return info;
    } catch (InvalidProtectionException e) {
      return refused(type, e, false, lookup);
    }
  }

  /**
   * The metadata of a class whose values the guard refuses, with the error it throws where it meets
   * one; of a holder's, the scan reads what it holds instead, and throws the error only if that may
   * be protected.
   */
  private static TypeInfo refused(
      Class<?> type, InvalidProtectionException error, boolean holder, Function<Class<?>, TypeInfo> lookup) {
    return new TypeInfo(type, Kind.OPAQUE, new Property[0], null, null, null, error, holder, null, lookup);
  }

  /**
   * Refuses a field of an application's {@code AtomicReference} that may hold more than plain values
   * (a string, a number, a date): the guard reads an {@code AtomicReference} for the value it holds,
   * as Jackson writes it, and does not copy it, so what such a field holds would never be scanned,
   * and would go out as it is with the payload, to Java serialization or any writer of fields.
   */
  private static void refuseHeldFields(Class<?> type) {
    for (Field field : instanceFields(type)) {
      if (!Property.leafValues(field.getType(), field.getGenericType())) {
        throw new InvalidProtectionException(type.getName(), field.getName(), "may hold more than a plain value, but"
            + " the guard reads an AtomicReference only for the value it holds (as Jackson writes only that), so what"
            + " this field holds would go out unscanned: hold it in a record or a class of its own, beside the"
            + " AtomicReference");
      }
    }
  }

  /**
   * The instance fields of a class and of its superclasses up to the JDK's, whose fields the guard
   * does not read: the class's own first.
   */
  private static List<Field> instanceFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          fields.add(field);
        }
      }
    }
    return fields;
  }

  /**
   * Of a class that a library generates at run time to stand for another object, the library's
   * name; null for any other class. Known by the interfaces the libraries give their classes, or the
   * marks they put in their names, never by a bare {@code $}, which an application's own classes
   * may carry.
   */
  static @Nullable String generator(Class<?> type) {
    if (type.isInterface() || type.isRecord() || type.isArray() || type.isPrimitive() || Proxy.isProxyClass(type)) {
      return null;
    }
    String name = type.getName();
    for (Map.Entry<String, String> mark : GENERATED_NAMES.entrySet()) {
      if (name.contains(mark.getKey())) {
        return mark.getValue();
      }
    }
    for (String contract : interfaceNames(type)) {
      String generator = GENERATED_INTERFACES.get(contract);
      if (generator != null) {
        return generator;
      }
    }
    return null;
  }

  /** The names of the interfaces a class, its superclasses and those interfaces implement or extend. */
  private static Set<String> interfaceNames(Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      addInterfaceNames(c.getInterfaces(), names);
    }
    return names;
  }

  private static void addInterfaceNames(Class<?>[] interfaces, Set<String> names) {
    for (Class<?> contract : interfaces) {
      if (names.add(contract.getName())) {
        addInterfaceNames(contract.getInterfaces(), names);
      }
    }
  }

  /** The marks that libraries put in the names of the subclasses they generate. */
  private static final Map<String, String> GENERATED_NAMES = Map.of(
      "$$SpringCGLIB$$", "Spring's CGLIB", "$$EnhancerBySpringCGLIB$$", "Spring's CGLIB",
      "$HibernateProxy$", "Hibernate", "$ByteBuddy$", "Byte Buddy", "_$$_jvst", "Javassist");

  /** The interfaces that libraries give the subclasses they generate. */
  private static final Map<String, String> GENERATED_INTERFACES = Map.of(
      "org.springframework.cglib.proxy.Factory", "Spring's CGLIB", "org.springframework.aop.SpringProxy", "Spring AOP",
      "org.hibernate.proxy.HibernateProxy", "Hibernate", "javassist.util.proxy.ProxyObject", "Javassist",
      "net.sf.cglib.proxy.Factory", "CGLIB");

  /**
   * A JDK proxy of an application's interfaces: a Spring Data interface projection, a view made
   * with {@code java.lang.reflect.Proxy}. What it holds is its handler's, which the guard cannot see
   * into, and what it gives is what the getters of its interfaces return, which is what Jackson
   * writes of it: its properties are those getters, which the scan calls once and walks into what
   * they return (a resident's record, found by its tags). A tag on a method of its interfaces is
   * refused, as on any class's interfaces.
   */
  private static TypeInfo view(
      Class<?> type, Categories taxonomy, ProtectedProperties registry, Function<Class<?>, TypeInfo> lookup) {
    if (interfaceNames(type).contains("org.springframework.aop.framework.Advised")) {
      throw new InvalidProtectionException(type.getName(), "", "is a Spring AOP proxy that is not opaque: Jackson writes"
          + " the properties of its Advised interface, its target among them, which the guard does not read; make it"
          + " opaque (ProxyFactory.setOpaque(true), as Spring Data does for a projection), or release its target");
    }
    if (Iterable.class.isAssignableFrom(type)) {
      throw new InvalidProtectionException(type.getName(), "", "is a JDK proxy of an Iterable, which Jackson writes as"
          + " the elements it iterates, and the guard reads only its getters: return a list, or a record holding one");
    }
    refuseInterfaceTags(type, type, registry);
    Class<?>[] interfaces = viewed(type);
    List<Method> getters = getters(interfaces);
    Property[] properties = new Property[getters.size()];
    boolean[] computed = new boolean[getters.size()];
    Map<String, Integer> byProperty = new HashMap<>();
    for (int i = 0; i < properties.length; i++) {
      Method getter = getters.get(i);
      MethodHandle read = open(type, getter.getName() + "()", getter, () -> LOOKUP.unreflect(getter));
      properties[i] = property(type, propertyName(getter), getter.getReturnType(), getter.getGenericReturnType(), read,
          null, Set.of(), false, taxonomy);
      computed[i] = getter.isDefault();
      byProperty.put(properties[i].name, i);
    }
    Map<String, Integer> byName = new HashMap<>();
    for (Method getter : allGetters(interfaces)) {
      byName.put(getter.getName(), byProperty.get(propertyName(getter)));
    }
    return new TypeInfo(type, Kind.VIEW, properties, null, null, null, null, false,
        new View(interfaces, Map.copyOf(byName), computed), lookup);
  }

  /**
   * What a view is beyond its properties: the application's interfaces it implements, which its
   * copy implements; the index of each getter's property by the getter's name (a getter takes no
   * parameter), every getter of a property answering its value ({@code getActive} and {@code
   * isActive} alike); and, by index, whether a property's getter is a default method, which
   * computes it.
   */
  record View(Class<?>[] interfaces, Map<String, Integer> getters, boolean[] computed) {

    /** The interfaces' names, for a message: never a value. */
    String names() {
      List<String> names = new ArrayList<>();
      for (Class<?> contract : interfaces) {
        names.add(contract.getName());
      }
      return String.join(", ", names);
    }
  }

  /**
   * The interfaces of a JDK proxy that are the application's: not the JDK's, nor Spring's or
   * Jakarta EE's (Spring's {@code TargetAware}, {@code SpringProxy} and {@code DecoratingProxy},
   * which a Spring Data projection also implements, and whose getters Jackson ignores; a request
   * that Spring injects as a proxy of {@code HttpServletRequest}).
   */
  static Class<?>[] viewed(Class<?> proxy) {
    List<Class<?>> own = new ArrayList<>();
    for (Class<?> contract : proxy.getInterfaces()) {
      if (!isJdk(contract) && !isFramework(contract)) {
        own.add(contract);
      }
    }
    return own.toArray(Class<?>[]::new);
  }

  /** Whether the class is Spring's or Jakarta EE's: machinery, not a view of an application's. */
  private static boolean isFramework(Class<?> type) {
    String name = type.getName();
    return name.startsWith("org.springframework.") || name.startsWith("jakarta.");
  }

  /**
   * The getters of an application's interfaces and of the application's interfaces they extend, by
   * property, the first of a name kept: public and default methods without parameters named {@code
   * getX}, or {@code isX} returning a boolean, as Jackson finds a bean's. What a JDK proxy of the
   * interfaces gives, and so what a value declared as one of them may hold.
   */
  static List<Method> getters(Class<?>... interfaces) {
    Map<String, Method> getters = new LinkedHashMap<>();
    for (Method getter : allGetters(interfaces)) {
      getters.putIfAbsent(propertyName(getter), getter);
    }
    return List.copyOf(getters.values());
  }

  /**
   * Every getter of an application's interfaces and of the application's interfaces they extend,
   * several of one property among them ({@code getActive} and {@code isActive}, an override).
   */
  static List<Method> allGetters(Class<?>... interfaces) {
    List<Method> getters = new ArrayList<>();
    addGetters(interfaces, getters, new HashSet<>());
    return getters;
  }

  private static void addGetters(Class<?>[] interfaces, List<Method> getters, Set<Class<?>> visited) {
    for (Class<?> contract : interfaces) {
      if (isJdk(contract) || isFramework(contract) || !visited.add(contract)) {
        continue;
      }
      for (Method method : contract.getDeclaredMethods()) {
        if (isGetter(method)) {
          getters.add(method);
        }
      }
      addGetters(contract.getInterfaces(), getters, visited);
    }
  }

  private static boolean isGetter(Method method) {
    int modifiers = method.getModifiers();
    if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || method.isSynthetic() || method.isBridge()
        || method.getParameterCount() != 0 || method.getReturnType() == void.class) {
      return false;
    }
    String name = method.getName();
    return hasPrefix(name, "get")
        || (hasPrefix(name, "is") && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class));
  }

  private static boolean hasPrefix(String name, String prefix) {
    return name.length() > prefix.length() && name.startsWith(prefix)
        && Character.isUpperCase(name.charAt(prefix.length()));
  }

  /**
   * The no-argument constructor of an application's collection or map class, so that a copy is of
   * the original's class; null for the JDK's classes, which the redactor makes itself, and for a
   * class without one, whose copy is the JDK's collection or map of its kind.
   */
  private static @Nullable MethodHandle ownContainer(Class<?> type) {
    if (isJdk(type) || type.isArray() || type == Optional.class || Modifier.isAbstract(type.getModifiers())) {
      return null;
    }
    try {
      Constructor<?> noArguments = type.getDeclaredConstructor();
      return open(type, "", noArguments, () -> LOOKUP.unreflectConstructor(noArguments))
          .asType(MethodType.methodType(Object.class));
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * Refuses tags and registrations on a class whose fields the guard does not read: an enum, whose
   * constants it takes as they are, a collection or a map, of which it reads the elements, a holder,
   * of which it reads what it holds, or another class of the JDK. Such a tag, on a field or a method
   * of the class, of a superclass or of an interface it implements, would protect nothing.
   */
  private static void refuseTags(Class<?> type, ProtectedProperties registry) {
    String unread = unreadFields(type);
    String property = unread == null ? null : tagged(type, registry);
    if (property != null) {
      throw new InvalidProtectionException(type.getName(), property,
          "is protected or a subject id (by a tag or a registration), but " + unread);
    }
  }

  /**
   * Why the guard reads no field of the class, so that a tag or a registration of one of its
   * properties would protect nothing, or null if it reads them: an enum, a collection or a map, a
   * holder (an application's {@code AtomicReference} too), another class of the JDK, an interface
   * (whose fields are constants), or a JDK proxy (whose values its handler gives).
   */
  static @Nullable String unreadFields(Class<?> type) {
    if (Enum.class.isAssignableFrom(type)) {
      return "the guard takes an enum's constants as they are, without reading their fields: tag the fields and"
          + " record components that hold the enum instead";
    }
    if (isContainer(type)) {
      return "the guard reads only the elements of a collection or a map: hold the value in a class of its own,"
          + " beside the collection, and tag it there";
    }
    if (isHolder(type)) {
      return "the guard reads only what a Map.Entry or an AtomicReference holds (as Jackson writes only that), never"
          + " a field of its class: hold the value in a record or a class of its own and tag it there";
    }
    if (isLeaf(type)) {
      return "the guard takes values of the JDK's classes as they are: tag the fields and record components that"
          + " hold them instead";
    }
    if (Proxy.isProxyClass(type)) {
      return "a JDK proxy has no field the guard reads: its getters give what its handler returns, in which the"
          + " guard finds the records and objects it holds; register the field or record component of the class"
          + " that holds the value";
    }
    if (type.isInterface()) {
      return "an interface has no field the guard reads: its fields are constants, which neither the guard nor"
          + " Jackson reads, and its methods are implemented by classes; register the field or record component of"
          + " the class that holds the value";
    }
    return null;
  }

  /**
   * The first property of a class, its superclasses or its interfaces that is registered, or tagged
   * (the JDK's classes are not), or null: a field's name, or a method's followed by {@code ()}.
   */
  private static @Nullable String tagged(Class<?> type, ProtectedProperties registry) {
    if (type.isPrimitive() || type.isArray()) {
      return null;
    }
    Set<String> registered = new LinkedHashSet<>(registry.categoriesOf(type).keySet());
    registered.addAll(registry.subjectIdsOf(type));
    if (!registered.isEmpty()) {
      return registered.iterator().next();
    }
    if (!isJdk(type)) {
      for (Field field : type.getDeclaredFields()) {
        if (isTagged(field)) {
          return field.getName();
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isBridge() && !method.isSynthetic() && isTagged(method)) {
          return method.getName() + "()";
        }
      }
    }
    List<Class<?>> supertypes = new ArrayList<>(List.of(type.getInterfaces()));
    if (type.getSuperclass() != null) {
      supertypes.add(type.getSuperclass());
    }
    for (Class<?> supertype : supertypes) {
      String property = tagged(supertype, registry);
      if (property != null) {
        return property;
      }
    }
    return null;
  }

  /**
   * Refuses tags on the classes a property declares that the guard does not look into (an enum, a
   * collection or a map, a holder, a class of the JDK), its type arguments included: the scan meets
   * a value of such a class only where it walks into the property, and never where it is declared an
   * enum, whose values are leaves.
   */
  private static void refuseTagsOfDeclared(Type declared, ProtectedProperties registry) {
    if (declared instanceof Class<?> raw) {
      if (raw.isArray()) {
        refuseTagsOfDeclared(raw.getComponentType(), registry);
      } else if (isLeaf(raw) || isContainer(raw) || isHolder(raw)) {
        refuseTags(raw, registry);
      }
    } else if (declared instanceof ParameterizedType parameterized) {
      refuseTagsOfDeclared(parameterized.getRawType(), registry);
      for (Type argument : parameterized.getActualTypeArguments()) {
        refuseTagsOfDeclared(argument, registry);
      }
    } else if (declared instanceof GenericArrayType array) {
      refuseTagsOfDeclared(array.getGenericComponentType(), registry);
    } else if (declared instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        refuseTagsOfDeclared(bound, registry);
      }
    }
  }

  /** The properties a decision's mask lets through, as bits of a record's generated copier. */
  long kept(long[] permitted) {
    KeptBits known = kept;
    if (known != null && known.permitted == permitted) {
      return known.bits;
    }
    long bits = 0;
    for (int i = 0; i < properties.length && i < Long.SIZE; i++) {
      if (properties[i].isProtected() && properties[i].permitted(permitted)) {
        bits |= 1L << i;
      }
    }
    kept = new KeptBits(permitted, bits);
    return bits;
  }

  private record KeptBits(long[] permitted, long bits) {}

  /** Returns the values of every property of {@code owner}, in property order, in a new array. */
  Object[] values(Object owner) {
    if (readAll != null) {
      return readAll.apply(owner);
    }
    Object[] values = new Object[properties.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = properties[i].get(owner);
    }
    return values;
  }

  /**
   * Whether an object of this class may hold a protected value, itself or in what it refers to: in
   * its properties, or in what it holds in fields no copy rebuilds ({@link #uncopied}: a JDK event's
   * or exception's, a captured variable, an outer object), which may be anything.
   */
  boolean mayHoldProtected() {
    return uncopied.length > 0 || propertiesMayHoldProtected();
  }

  /**
   * Whether the properties of an object of this class, those the guard reads and copies, may hold a
   * protected value: if not, the object goes out as it is (with what the JDK holds for it, if it is
   * an event or an exception, once that is found released).
   */
  boolean propertiesMayHoldProtected() {
    Boolean known = propertiesMayHoldProtected;
    if (known == null) {
      known = reachesThroughProperties(new HashSet<>());
      propertiesMayHoldProtected = known;
    }
    return known;
  }

  private boolean reaches(Set<Class<?>> visiting) {
    return uncopied.length > 0 || reachesThroughProperties(visiting);
  }

  private boolean reachesThroughProperties(Set<Class<?>> visiting) {
    if (kind == Kind.LEAF || kind == Kind.CONTAINER) {
      return kind == Kind.CONTAINER;
    }
    if (marked) {
      return true;
    }
    if (!visiting.add(type)) {
      return false;
    }
    for (Property property : properties) {
      if (typeReaches(property.genericType, visiting)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether values declared as a JDK type may be of an application's class: {@code Object}, the
   * JDK's interfaces and abstract classes ({@code Serializable}, {@code Comparable}, {@code Record},
   * {@code Number}), and its events and exceptions that are not final ({@code EventObject}, {@code
   * RuntimeException}), which applications extend with fields of their own; Jackson writes each by
   * the class of the value. The JDK's other concrete classes are what they are declared, and enums
   * are constants.
   */
  private static boolean isOpen(Class<?> leaf) {
    return leaf == Object.class || (!leaf.isPrimitive() && !leaf.isArray() && leaf != Enum.class && !leaf.isEnum()
        && (leaf.isInterface() || Modifier.isAbstract(leaf.getModifiers()) || !Modifier.isFinal(leaf.getModifiers())
            && (EventObject.class.isAssignableFrom(leaf) || Throwable.class.isAssignableFrom(leaf))));
  }

  /** Conservative: a type whose runtime class is not known (not final) may hold anything. */
  private boolean typeReaches(Type declared, Set<Class<?>> visiting) {
    if (declared instanceof Class<?> raw) {
      if (raw.isArray()) {
        return typeReaches(raw.getComponentType(), visiting);
      }
      if (notLookedInto(raw) != null) {
        return true; // what it holds is unknown
      }
      if (isLeaf(raw)) {
        return isOpen(raw) || lookup.apply(raw).uncopied.length > 0;
      }
      if (isContainer(raw)) {
        return true;
      }
      if (!Modifier.isFinal(raw.getModifiers()) && !raw.isRecord()) {
        return true;
      }
      return lookup.apply(raw).reaches(visiting);
    }
    if (declared instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
        && holdsItsArguments(raw)) {
      if (order(raw) != null) {
        return true; // a sorted one's comparator may hold anything
      }
      for (Type argument : parameterized.getActualTypeArguments()) {
        if (typeReaches(argument, visiting)) {
          return true;
        }
      }
      return false;
    }
    if (declared instanceof ParameterizedType parameterized) {
      return typeReaches(parameterized.getRawType(), visiting);
    }
    if (declared instanceof GenericArrayType array) {
      return typeReaches(array.getGenericComponentType(), visiting);
    }
    return true;
  }

  /**
   * A record's properties are its components as its fields hold them, read like {@link
   * RecordAccessors} reads them: the copy is built from them, and its {@code toString}, {@code
   * equals} and serialization read them, whatever an accessor returns.
   */
  private static TypeInfo record(
      Class<?> type, Categories taxonomy, ProtectedProperties registry, Function<Class<?>, TypeInfo> lookup) {
    RecordComponent[] components = type.getRecordComponents();
    Set<Method> accessors = new HashSet<>();
    for (RecordComponent component : components) {
      accessors.add(component.getAccessor());
    }
    for (Method method : type.getDeclaredMethods()) {
      // javac copies an accessor's tags to the bridge it adds for a generic or covariant interface method
      if (!accessors.contains(method) && !method.isBridge() && !method.isSynthetic() && isTagged(method)) {
        throw new InvalidProtectionException(type.getName(), method.getName() + "()", "is tagged, but a record's"
            + " protected values are its components: tag the component it reads");
      }
    }
    refuseInterfaceTags(type, type, registry);
    refuseStaticTags(type, type, registry);
    Map<String, List<String>> registered = registered(type, registry, names(components));
    Set<String> registeredIds = registeredIds(type, registry, names(components));
    Property[] properties = new Property[components.length];
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      Method accessor = component.getAccessor();
      Set<String> keys = new LinkedHashSet<>(registered.getOrDefault(component.getName(), List.of()));
      keys.addAll(keys(component.getAnnotation(Protected.class)));
      keys.addAll(keys(accessor.getAnnotation(Protected.class)));
      boolean subjectId = registeredIds.contains(component.getName())
          || component.isAnnotationPresent(SubjectId.class) || accessor.isAnnotationPresent(SubjectId.class);
      Field field = field(type, component);
      MethodHandle getter = open(type, component.getName(), field, () -> LOOKUP.unreflectGetter(field));
      properties[i] = property(type, component.getName(), component.getType(), component.getGenericType(),
          getter, null, keys, subjectId, taxonomy);
      parameterTypes[i] = component.getType();
    }
    BiFunction<Object[], Object, Object> spreading = spreading(type, parameterTypes);
    try {
      return new TypeInfo(type, Kind.RECORD, properties, null, spreading, generate(type, properties), null, false,
          null, lookup);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return new TypeInfo(type, Kind.RECORD, properties, null, spreading, null, null, false, null, lookup);
    }
  }

  /** The private field that holds a record's component. */
  private static Field field(Class<?> type, RecordComponent component) {
    try {
      return type.getDeclaredField(component.getName());
    } catch (NoSuchFieldException e) {
      throw new InvalidProtectionException(type.getName(), component.getName(), "a record component without its field");
    }
  }

  /** Generates a record's accessors and copier, unless a withheld value must be created afresh. */
  private static RecordAccessors generate(Class<?> type, Property[] properties) throws ReflectiveOperationException {
    boolean[] kept = new boolean[properties.length];
    boolean[] converted = new boolean[properties.length];
    Object[] absent = new Object[properties.length];
    for (int i = 0; i < properties.length; i++) {
      Property property = properties[i];
      if (property.isProtected() && (property.freshAbsent() || i >= Long.SIZE)) {
        throw new IllegalArgumentException("copied by method handles: " + property.name);
      }
      kept[i] = property.isProtected();
      converted[i] = !property.leafValues;
      absent[i] = property.absent();
    }
    return RecordAccessors.of(type, kept, converted, absent);
  }

  /** Builds a record through its canonical constructor, by method handle: where accessors cannot be generated. */
  private static BiFunction<Object[], Object, Object> spreading(Class<?> type, Class<?>[] parameterTypes) {
    MethodHandle constructor;
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
      constructor = open(type, "", canonical, () -> LOOKUP.unreflectConstructor(canonical))
          .asSpreader(Object[].class, parameterTypes.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (NoSuchMethodException missing) {
      throw new InvalidProtectionException(type.getName(), "", "a record without its canonical constructor");
    }
    return (components, unused) -> {
      try {
        return (Object) constructor.invokeExact(components);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e.getClass().getName(), e);
      }
    };
  }

  /** Whether a field or a method carries a tag of the guard. */
  private static boolean isTagged(AnnotatedElement element) {
    return element.isAnnotationPresent(Protected.class) || element.isAnnotationPresent(SubjectId.class);
  }

  /**
   * Refuses tags on the methods and the constants of the interfaces a class implements: the guard
   * reads fields, record components and a class's own getters, and an interface's fields are static,
   * so such a tag would protect nothing.
   */
  private static void refuseInterfaceTags(Class<?> type, Class<?> declaring, ProtectedProperties registry) {
    for (Class<?> contract : declaring.getInterfaces()) {
      for (Method method : contract.getDeclaredMethods()) {
        if (!method.isBridge() && !method.isSynthetic() && isTagged(method)) {
          throw new InvalidProtectionException(type.getName(), method.getName() + "()", "is tagged in interface "
              + contract.getName() + ", which the guard does not read: tag the field or component it reads (for a"
              + " Spring Data projection of protected values, project into a record whose components are tagged)");
        }
      }
      refuseStaticTags(type, contract, registry);
      refuseInterfaceTags(type, contract, registry);
    }
  }

  /**
   * Refuses tags and registrations on the static fields of a class, of a superclass of it or of an
   * interface it implements (an interface's constants): the guard and Jackson read an object's
   * fields, never its class's, so such a tag would protect nothing.
   */
  private static void refuseStaticTags(Class<?> type, Class<?> declaring, ProtectedProperties registry) {
    for (Field field : declaring.getDeclaredFields()) {
      String name = field.getName();
      if (Modifier.isStatic(field.getModifiers()) && (isTagged(field)
          || registry.categoriesOf(declaring).containsKey(name) || registry.subjectIdsOf(declaring).contains(name))) {
        throw new InvalidProtectionException(type.getName(), name, (declaring == type ? "is static"
            : "is a static field of " + (declaring.isInterface() ? "interface " : "") + declaring.getName())
            + ", and the guard and Jackson read an object's fields, never its class's: a tag or a registration on it"
            + " protects nothing; hold the value in an instance field or a record component and tag that");
      }
    }
  }

  private static TypeInfo bean(
      Class<?> type, Categories taxonomy, ProtectedProperties registry, Function<Class<?>, TypeInfo> lookup) {
    for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
      refuseInterfaceTags(type, c, registry);
      refuseStaticTags(type, c, registry);
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    List<Field> hidden = new ArrayList<>();
    for (Field field : instanceFields(type)) {
      Field hiding = fields.putIfAbsent(field.getName(), field);
      if (hiding != null) {
        hidden.add(field);
      }
    }
    Map<String, List<String>> tagged = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
      Set<String> own = new LinkedHashSet<>();
      for (Field field : c.getDeclaredFields()) {
        own.add(field.getName());
      }
      registered(c, registry, own).forEach((name, keys) -> tagged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(keys));
      ids.addAll(registeredIds(c, registry, own));
      for (Method method : c.getDeclaredMethods()) {
        Protected tag = method.getAnnotation(Protected.class);
        boolean id = method.isAnnotationPresent(SubjectId.class);
        if (tag == null && !id) {
          continue;
        }
        String name = propertyName(method);
        if (!fields.containsKey(name)) {
          throw new InvalidProtectionException(type.getName(), method.getName() + "()",
              "is tagged, but there is no field '" + name + "' to withhold; tag the field it reads");
        }
        tagged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(keys(tag));
        if (id) {
          ids.add(name);
        }
      }
    }
    for (Field field : hidden) {
      String name = field.getName();
      if (isTagged(field) || isTagged(fields.get(name)) || tagged.containsKey(name) || ids.contains(name)) {
        throw new InvalidProtectionException(type.getName(), name, "hides the field '" + name + "' of "
            + field.getDeclaringClass().getName() + ", and one of them is protected or a subject id (by a tag on it"
            + " or its getter, or a registration): the guard reads only the first; rename one");
      }
    }
    List<Property> properties = new ArrayList<>();
    for (Field field : fields.values()) {
      Set<String> keys = new LinkedHashSet<>(tagged.getOrDefault(field.getName(), List.of()));
      keys.addAll(keys(field.getAnnotation(Protected.class)));
      boolean subjectId = ids.contains(field.getName()) || field.isAnnotationPresent(SubjectId.class);
      MethodHandle getter = open(type, field.getName(), field, () -> LOOKUP.unreflectGetter(field));
      MethodHandle setter = setter(field);
      properties.add(property(type, field.getName(), field.getType(), field.getGenericType(), getter, setter, keys,
          subjectId, taxonomy));
    }
    for (Field field : hidden) {
      // untagged (a tag on either is refused above), but what it holds is scanned and copied as any field's
      String name = field.getDeclaringClass().getName() + "." + field.getName();
      MethodHandle getter = open(type, name, field, () -> LOOKUP.unreflectGetter(field));
      properties.add(property(type, name, field.getType(), field.getGenericType(), getter, setter(field), Set.of(),
          false, taxonomy));
    }
    MethodHandle constructor = null;
    Kind kind = Kind.OPAQUE;
    if (!Modifier.isAbstract(type.getModifiers()) && !type.isInterface()
        && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()))
        && properties.stream().allMatch(p -> p.setter != null)) {
      try {
        Constructor<?> noArguments = type.getDeclaredConstructor();
        constructor = open(type, "", noArguments, () -> LOOKUP.unreflectConstructor(noArguments))
            .asType(MethodType.methodType(Object.class));
        kind = Kind.BEAN;
      } catch (NoSuchMethodException e) {
        kind = Kind.OPAQUE;
      }
    }
    return new TypeInfo(type, kind, properties.toArray(Property[]::new), constructor, null, null, null, false, null, lookup);
  }

  private static @Nullable MethodHandle setter(Field field) {
    try {
      return LOOKUP.unreflectSetter(field).asType(MethodType.methodType(void.class, Object.class, Object.class));
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Property property(
      Class<?> owner,
      String name,
      Class<?> type,
      Type genericType,
      MethodHandle getter,
      @Nullable MethodHandle setter,
      Set<String> keys,
      boolean subjectId,
      Categories taxonomy) {
    long[] mask = null;
    List<Category> categories = new ArrayList<>();
    if (!keys.isEmpty()) {
      if (type.isPrimitive()) {
        throw new InvalidProtectionException(owner.getName(), name,
            "is protected but of primitive type " + type.getName() + ": a withheld value would read as "
                + (type == boolean.class ? "false" : "0") + "; use " + boxed(type));
      }
      mask = Bits.empty(taxonomy.words());
      for (String key : keys) {
        Category category = taxonomy.find(key).orElseThrow(() -> new InvalidProtectionException(owner.getName(), name,
            new UnknownIdentifierException("category", key, taxonomy.all().stream().map(Category::key).toList())
                .getMessage()));
        Bits.set(mask, category.index);
        categories.add(category);
      }
    }
    MethodHandle objectGetter = getter.asType(MethodType.methodType(Object.class, Object.class));
    return new Property(name, type, genericType, objectGetter, setter, mask, categories, subjectId);
  }

  private static String boxed(Class<?> primitive) {
    return MethodType.methodType(primitive).wrap().returnType().getSimpleName();
  }

  private static Map<String, List<String>> registered(Class<?> type, ProtectedProperties registry, Set<String> known) {
    Map<String, List<String>> registered = registry.categoriesOf(type);
    for (String name : registered.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidProtectionException(type.getName(), name,
            "is registered as protected, but the class has no such property" + Suggestions.hint(name, known));
      }
    }
    return registered;
  }

  private static Set<String> registeredIds(Class<?> type, ProtectedProperties registry, Set<String> known) {
    Set<String> ids = registry.subjectIdsOf(type);
    for (String name : ids) {
      if (!known.contains(name)) {
        throw new InvalidProtectionException(type.getName(), name,
            "is registered as the subject id, but the class has no such property" + Suggestions.hint(name, known));
      }
    }
    return ids;
  }

  private static Set<String> names(RecordComponent[] components) {
    Set<String> names = new LinkedHashSet<>();
    for (RecordComponent component : components) {
      names.add(component.getName());
    }
    return names;
  }

  private static List<String> keys(@Nullable Protected tag) {
    return tag == null ? List.of() : List.of(tag.value());
  }

  static String propertyName(Method method) {
    String name = method.getName();
    for (String prefix : new String[] {"get", "is"}) {
      if (hasPrefix(name, prefix)) {
        String rest = name.substring(prefix.length());
        return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
      }
    }
    return name;
  }

  /** Makes a member accessible and unreflects it, or says which package to open. */
  private static MethodHandle open(Class<?> owner, String name, AccessibleObject member, Unreflect unreflect) {
    try {
      member.setAccessible(true);
      return unreflect.get();
    } catch (RuntimeException | IllegalAccessException e) {
      throw new InvalidProtectionException(owner.getName(), name,
          "cannot be read by the guard: open package " + owner.getPackageName() + " to module org.sanctuaryguard.core ("
              + e.getClass().getSimpleName() + ")");
    }
  }

  @FunctionalInterface
  private interface Unreflect {
    MethodHandle get() throws IllegalAccessException;
  }

  @Override
  public String toString() {
    return "TypeInfo[" + type.getName() + ", " + kind + ", " + List.of(properties) + "]";
  }
}
