package org.sanctuaryguard;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.BaseStream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the protected values in an object graph and releases a copy without those a decision
 * withholds. One per guard: it holds the guard's taxonomy and registrations, and the metadata of
 * each class it meets, computed once ({@link ClassValue}, so classes can still be unloaded).
 *
 * <p>Copies never modify the original. Records are built from their copied components; beans and
 * containers are created first and filled afterwards from a work list, so that a cycle terminates
 * and an object referenced twice is copied once and stays shared. Objects of classes that cannot
 * hold a protected value are shared, not copied.
 */
final class Redactor {

  /** How many generic uses of classes a walk of declared types visits at most: it ends on recursive generics. */
  private static final int MOST_DECLARED_USES = 256;

  /**
   * How many views (JDK proxies) a payload may hold: a view's getters run the application's code,
   * and one whose getter makes a new view at each call would otherwise be read forever.
   */
  static final int MOST_VIEWS = 100_000;

  private final Categories taxonomy;
  private final ProtectedProperties registry;
  private final ClassValue<TypeInfo> types = new ClassValue<>() {
    @Override
    protected TypeInfo computeValue(Class<?> type) {
      return TypeInfo.inspect(type, taxonomy, registry, Redactor.this::info);
    }
  };

  Redactor(Categories taxonomy, ProtectedProperties registry) {
    this.taxonomy = taxonomy;
    this.registry = registry;
  }

  /** Returns the metadata of a class, or throws the tagging error found in it. */
  TypeInfo info(Class<?> type) {
    TypeInfo info = types.get(type);
    if (info.error != null) {
      throw info.error;
    }
    return info;
  }

  /** A type as written where its type variables mean what the bindings say. */
  private record Bound(Type type, Map<TypeVariable<?>, Bound> bindings) {}

  /**
   * What an {@code Iterable}, an {@code Iterator}, a {@code Spliterator}, a stream, a map or an
   * {@code AtomicReference} yields: the type variables a page of records, a cursor, or an
   * application's map or holder binds to what it holds.
   */
  private static final List<TypeVariable<?>> ELEMENTS = List.of(Iterable.class.getTypeParameters()[0],
      Iterator.class.getTypeParameters()[0], Spliterator.class.getTypeParameters()[0],
      BaseStream.class.getTypeParameters()[0], Map.class.getTypeParameters()[0], Map.class.getTypeParameters()[1],
      AtomicReference.class.getTypeParameters()[0]);

  /**
   * Returns the categories of the protected properties that a value of the declared type may hold,
   * as far as declared types tell: its class's, and those of the classes its properties declare,
   * through collections, maps, optionals, arrays, other iterables and streams, with a generic
   * class's type variables (and its supertypes') bound to the arguments it is used with. An unbound
   * type variable or a wildcard counts as its bounds.
   */
  Set<Category> declaredCategories(Type declared) {
    Set<Category> categories = new HashSet<>();
    addDeclared(declared, Map.of(), categories, new HashSet<>());
    return Set.copyOf(categories);
  }

  private void addDeclared(Type declared, Map<TypeVariable<?>, Bound> bindings, Set<Category> into, Set<Bound> visited) {
    if (declared instanceof Class<?> raw) {
      if (raw.isArray()) {
        addDeclared(raw.getComponentType(), Map.of(), into, visited);
      } else {
        addProperties(raw, Map.of(), into, visited);
      }
    } else if (declared instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (TypeInfo.holdsItsArguments(raw)) {
        for (Type argument : arguments) {
          addDeclared(argument, bindings, into, visited);
        }
        return;
      }
      addProperties(raw, bind(raw.getTypeParameters(), arguments, bindings), into, visited);
    } else if (declared instanceof GenericArrayType array) {
      addDeclared(array.getGenericComponentType(), bindings, into, visited);
    } else if (declared instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        addDeclared(bound, bindings, into, visited);
      }
    } else if (declared instanceof TypeVariable<?> variable) {
      Bound bound = bindings.get(variable);
      if (bound != null) {
        addDeclared(bound.type(), bound.bindings(), into, visited);
      } else {
        for (Type upper : variable.getBounds()) {
          addDeclared(upper, bindings, into, visited);
        }
      }
    }
  }

  /**
   * Walks a class's properties, those it inherits included, and what it yields if it is iterable
   * without being one of the JDK's collections (a page of records, {@code Page<Resident>}, an
   * application's list or map) or a cursor, with the type variables of its supertypes bound to the
   * arguments it gives them; for a sealed class or interface, the classes it permits; and for an
   * application's interface, what its getters and those it inherits return, which a proxy of it
   * gives; for an anonymous, local or inner class, what its captured variables and outer object
   * hold, which its getters may return.
   */
  private void addProperties(Class<?> raw, Map<TypeVariable<?>, Bound> bindings, Set<Category> into, Set<Bound> visited) {
    if (TypeInfo.isLeaf(raw) || TypeInfo.holdsItsArguments(raw) || visited.size() >= MOST_DECLARED_USES
        || !visited.add(new Bound(raw, bindings))) {
      return;
    }
    if (raw.isSealed()) {
      for (Class<?> permitted : raw.getPermittedSubclasses()) {
        addProperties(permitted, Map.of(), into, visited); // what a value of a sealed type may be
      }
    }
    Map<TypeVariable<?>, Bound> all = new HashMap<>(bindings);
    bindSupertypes(raw, bindings, all);
    for (TypeVariable<?> variable : ELEMENTS) {
      Bound element = all.get(variable);
      if (element != null) {
        addDeclared(element.type(), element.bindings(), into, visited);
      }
    }
    if (TypeInfo.notLookedInto(raw) != null) {
      return; // a cursor's or a holder's fields are not what it yields, and the guard does not look into one
    }
    TypeInfo info = info(raw);
    for (Property property : info.properties) {
      into.addAll(property.categoryList);
      addDeclared(property.genericType, all, into, visited);
    }
    for (TypeInfo.HeldGetter held : info.uncopied) {
      addDeclared(held.declared(), all, into, visited); // a captured variable's, an outer object's
    }
    if (raw.isInterface()) {
      // what a JDK proxy of it gives, such as a Spring Data interface projection
      for (java.lang.reflect.Method getter : TypeInfo.getters(raw)) {
        addDeclared(getter.getGenericReturnType(), all, into, visited);
      }
    }
  }

  /**
   * Adds to {@code all} the type variables of each generic supertype of a class, theirs, and so on,
   * each bound to the argument the class below gives it, in terms of that class's bindings ({@code
   * own}): a bound never refers to {@code all}, so that bounds stay finite to compare and hash.
   */
  private static void bindSupertypes(Class<?> raw, Map<TypeVariable<?>, Bound> own, Map<TypeVariable<?>, Bound> all) {
    List<Type> supertypes = new ArrayList<>(List.of(raw.getGenericInterfaces()));
    if (raw.getGenericSuperclass() != null) {
      supertypes.add(raw.getGenericSuperclass());
    }
    for (Type supertype : supertypes) {
      if (supertype instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> above) {
        Map<TypeVariable<?>, Bound> level = bind(above.getTypeParameters(), parameterized.getActualTypeArguments(), own);
        level.forEach(all::putIfAbsent);
        bindSupertypes(above, level, all);
      } else if (supertype instanceof Class<?> above) {
        bindSupertypes(above, Map.of(), all);
      }
    }
  }

  /** Binds a generic class's type variables to the arguments it is used with, in terms of the user's bindings. */
  private static Map<TypeVariable<?>, Bound> bind(TypeVariable<?>[] variables, Type[] arguments,
      Map<TypeVariable<?>, Bound> bindings) {
    Map<TypeVariable<?>, Bound> bound = new HashMap<>();
    for (int i = 0; i < variables.length && i < arguments.length; i++) {
      Type argument = arguments[i];
      bound.put(variables[i], argument instanceof TypeVariable<?> variable && bindings.containsKey(variable)
          ? bindings.get(variable) : new Bound(argument, argument instanceof Class<?> ? Map.of() : bindings));
    }
    return bound;
  }

  /**
   * What a payload holds: the categories of its protected values, its subjects, whether some of its
   * protected values are of a person it does not identify, and whether it copies.
   *
   * <p>A protected value is of the subject whose id the object holding it carries; an object whose
   * class has no subject id is taken to be about the subject of the object it is in (an address in
   * a resident's record). A protected value is of an unnamed person when its object's subject id is
   * null, or when neither its object nor any it is in has a subject id.
   *
   * <p>The values the getters of its views returned, by view, are kept for the copy, so that what
   * is released is what was decided on, and no getter is called twice; null if it holds no view.
   */
  record Scan(long[] categories, Set<String> subjects, int unnamed, boolean copyable,
      @Nullable Map<Object, Object[]> views) {}

  /**
   * Whose a value is, as the walk carries it: of the subject of an object with an id ({@link
   * #NAMED}), under an object whose subject id is null ({@link #NULL_ID}), or under no subject id
   * at all ({@link #NO_ID}). The same bits, but {@code NAMED}, say in a {@link Scan} which kinds of
   * unnamed values a payload holds: a request that names its subject itself takes the last kind to
   * be theirs, never the first.
   */
  static final int NAMED = 0;
  static final int NULL_ID = 1;
  static final int NO_ID = 2;

  /**
   * A bit the walk adds to whose a value is: it is held in a field that no copy rebuilds ({@link
   * TypeInfo#uncopied}: the JDK's own, under an event or an exception, a sorted container's
   * comparator, or the compiler's, under an anonymous, local or inner class), which goes out as it
   * is or not at all. What it holds
   * is decided, but never copied, so a class the guard cannot copy there does not make the payload a
   * tree.
   */
  private static final int UNCOPIED = 4;

  /**
   * Returns what a payload holds.
   *
   * @throws SanctuaryGuardException if the payload's own code (an accessor, a getter) failed; the
   *     message names the failure's class but not its message, which may hold a protected value
   */
  Scan scan(Object payload) {
    try {
      return scanGraph(payload, null, null, NO_ID);
    } catch (SanctuaryGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      SanctuaryGuardException unreadable = new SanctuaryGuardException("the guard could not read the payload: "
          + e.getClass().getName() + " (its message is not repeated, as it may hold a protected value)");
      unreadable.setStackTrace(e.getStackTrace());
      throw unreadable;
    }
  }

  /**
   * Walks a graph for what it holds.
   *
   * @param bound the decision whose subjects alone the graph may be about, or null if it may be
   *     about anyone: an object about someone else throws {@link UndecidedSubject}, and so does a
   *     protected value under no subject id if the decision does not cover such values ({@link
   *     #coversNoId})
   * @param known the values of views read before, by view, which the scan adds to; null if none
   * @param top whose the payload is if it has no subject id of its own: {@link #NO_ID} at the top
   *     of a payload, {@link #NAMED} under an object with a subject id
   */
  private Scan scanGraph(Object payload, @Nullable Decision bound, @Nullable Map<Object, Object[]> known,
      int top) {
    long[] categories = Bits.empty(taxonomy.words());
    Set<String> subjects = new LinkedHashSet<>();
    boolean refusesNoId = bound != null && !coversNoId(bound);
    TypeInfo root = scanned(payload.getClass());
    if (root.flat && !root.holder && root.kind != TypeInfo.Kind.VIEW && root.uncopied.length == 0) {
      // nothing inside to walk into, so no walk to set up
      boolean mayHold = root.mayHoldProtected();
      if (mayHold && bound != null && !covers(payload, root, bound)) {
        throw new UndecidedSubject(root.type);
      }
      int unnamed = mayHold
          ? read(payload, root.values(payload), root, categories, subjects, null, top, null) : NAMED;
      if (refusesNoId && unnamed == NO_ID) {
        throw UndecidedSubject.noId(root.type);
      }
      return new Scan(categories, subjects, unnamed, root.kind != TypeInfo.Kind.OPAQUE || !mayHold, null);
    }
    boolean copyable = true;
    int unnamed = NAMED;
    Map<Object, Object[]> views = known;
    // whose each value was first read as; one read under a subject id and then reached under none is read again
    Map<Object, Integer> seen = new IdentityHashMap<>();
    Deque<Object> work = new ArrayDeque<>();
    // whose each value on the work is (NAMED, NULL_ID, NO_ID, with UNCOPIED), pushed and popped with it
    Deque<Integer> whose = new ArrayDeque<>();
    work.push(payload);
    whose.push(top);
    while (!work.isEmpty()) {
      Object value = work.pop();
      int popped = whose.pop();
      int inherited = popped & ~UNCOPIED;
      int inUncopied = popped & UNCOPIED;
      Integer before = seen.get(value);
      if (before != null && (before == NO_ID || inherited != NO_ID)) {
        continue; // read before, and not first under a subject id and now under none
      }
      // met first, or read under a subject id first and now reached under none: an object the payload holds both
      // ways is taken to be no one's, whichever the walk met first
      seen.put(value, inherited);
      TypeInfo info = types.get(value.getClass());
      if (info.error != null && !info.holder) {
        throw PayloadPath.located(info.error, payload, info.type, types::get);
      }
      if (before != null && info.declaresSubject) {
        continue; // whose its values are does not depend on where it is
      }
      if (info.holder) {
        for (Object inside : held(value)) {
          if (inside != null && mayHold(inside)) {
            // the guard does not look into a holder of what may be protected
            throw PayloadPath.located(Objects.requireNonNull(info.error), payload, info.type, types::get);
          }
        }
        copyable &= inUncopied != 0; // the guard does not copy a holder, even of plain values
        continue;
      }
      if (info.kind == TypeInfo.Kind.CONTAINER) {
        pushElements(value, work, whose, popped);
        for (TypeInfo.HeldGetter getter : info.uncopied) {
          Object held = readUncopied(value, getter); // a sorted one's comparator, which its copy shares
          if (held != null) {
            push(held, work, whose, inherited | UNCOPIED);
          }
        }
      } else if (info.mayHoldProtected()) {
        // an object whose properties hold nothing protected goes out as it is, an event or exception too
        copyable &= inUncopied != 0 || info.kind != TypeInfo.Kind.OPAQUE || !info.propertiesMayHoldProtected();
        if (bound != null && !covers(value, info, bound)) {
          throw new UndecidedSubject(info.type);
        }
        Object[] values;
        if (info.kind == TypeInfo.Kind.VIEW) {
          if (views == null) {
            views = new IdentityHashMap<>();
          }
          values = views.get(value);
          if (values == null) {
            values = readView(value, info, views.size());
            views.put(value, values);
          }
        } else {
          values = info.values(value);
        }
        int own = read(value, values, info, categories, subjects, work, inherited | inUncopied, whose);
        if (refusesNoId && own == NO_ID) {
          throw UndecidedSubject.noId(info.type);
        }
        unnamed |= own;
      }
    }
    return new Scan(categories, subjects, unnamed, copyable, views);
  }

  /**
   * Calls the getters of a view, the application's code: one that fails refuses the payload, its
   * failure named by class but never by its message, which may hold a protected value.
   *
   * @param read how many views of the payload were read before
   */
  private static Object[] readView(Object view, TypeInfo info, int read) {
    if (read >= MOST_VIEWS) {
      throw new SanctuaryGuardException("the payload holds more than " + MOST_VIEWS + " views (JDK proxies of "
          + Objects.requireNonNull(info.view).names() + " and others): the guard stops there, as a view whose getter"
          + " makes a new view at each call would be read forever");
    }
    Object[] values = new Object[info.properties.length];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = info.properties[i].get(view);
      } catch (VirtualMachineError e) {
        throw withoutMessage(e);
      } catch (Throwable e) {
        SanctuaryGuardException unreadable = new SanctuaryGuardException("the guard could not read the view of "
            + Objects.requireNonNull(info.view).names() + ": its getter of '" + info.properties[i].name + "' threw "
            + e.getClass().getName() + " (its message is not repeated, as it may hold a protected value)");
        unreadable.setStackTrace(e.getStackTrace());
        throw unreadable;
      }
    }
    return values;
  }

  /**
   * Calls a getter of what a value holds in a field that no copy rebuilds (what the JDK holds for an
   * event or an exception, which an application's subclass may override): one that fails refuses the payload, named with the class, never by its
   * failure's message, which may hold a protected value.
   */
  private static @Nullable Object readUncopied(Object owner, TypeInfo.HeldGetter getter) {
    try {
      return getter.read(owner);
    } catch (VirtualMachineError e) {
      throw withoutMessage(e);
    } catch (Throwable e) {
      SanctuaryGuardException unreadable = new SanctuaryGuardException("the guard could not read what a "
          + owner.getClass().getName() + " holds: its " + getter.name() + " threw " + e.getClass().getName()
          + " (its message is not repeated, as it may hold a protected value)");
      unreadable.setStackTrace(e.getStackTrace());
      throw unreadable;
    }
  }

  /**
   * An error of the virtual machine that a view's getter threw, passed on as it is but for its
   * message, cause and suppressed exceptions, which the application's code may have written (a
   * protected value in them).
   */
  private static VirtualMachineError withoutMessage(VirtualMachineError error) {
    if (error.getMessage() == null && error.getCause() == null && error.getSuppressed().length == 0) {
      return error;
    }
    VirtualMachineError bare;
    try {
      bare = error.getClass().getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      bare = new InternalError();
    }
    bare.setStackTrace(error.getStackTrace());
    return bare;
  }

  /**
   * Adds the categories of an object's protected values that are present (its properties' {@code
   * values}), and its subject ids;
   * pushes the values that may hold more onto the work, which a {@link TypeInfo#flat} object that is
   * not a JDK event or exception needs none of, each with whose it is: of an event or an exception
   * (or a class the compiler gave fields of its own), what it holds in fields no copy rebuilds too
   * ({@link TypeInfo#uncopied}), as if it were a property.
   *
   * @param inherited whose the object is ({@link #NAMED}, {@link #NULL_ID}, {@link #NO_ID}) if it
   *     has no subject id of its own: the object's it is in; with {@link #UNCOPIED} if it is
   *     held in a field that no copy rebuilds, which what it holds is too
   * @return whose the object's protected values are, if some are present and are of no identified
   *     subject ({@link #NULL_ID}, {@link #NO_ID}); else {@link #NAMED}
   */
  private int read(Object owner, Object[] values, TypeInfo info, long[] categories, Set<String> subjects,
      @Nullable Deque<Object> work, int inherited, @Nullable Deque<Integer> whose) {
    boolean hasSubject = false;
    boolean protectedPresent = false;
    int pushed = 0;
    int pushedFromJdk = 0;
    for (int i = 0; i < values.length; i++) {
      Property property = info.properties[i];
      Object held = values[i];
      if (held == null) {
        continue;
      }
      if (property.categories != null && present(held)) {
        Bits.or(categories, property.categories);
        protectedPresent = true;
      }
      if (property.subjectId) {
        hasSubject |= addSubjects(held, subjects);
      }
      if (!property.leafValues) {
        Objects.requireNonNull(work, "a flat object holds only leaf values").push(held);
        pushed++;
      }
    }
    for (TypeInfo.HeldGetter getter : info.uncopied) {
      Object held = readUncopied(owner, getter);
      if (held != null) {
        Objects.requireNonNull(work, "a flat object holds nothing of the JDK's").push(held);
        pushedFromJdk++;
      }
    }
    int own = !info.declaresSubject ? inherited & ~UNCOPIED : hasSubject ? NAMED : NULL_ID;
    for (int i = 0; i < pushed; i++) {
      Objects.requireNonNull(whose).push(own | (inherited & UNCOPIED));
    }
    for (int i = 0; i < pushedFromJdk; i++) {
      Objects.requireNonNull(whose).push(own | UNCOPIED);
    }
    return protectedPresent ? own : NAMED;
  }

  /**
   * Returns the metadata of a class the scan meets: a JDK holder's too, which the scan reads
   * (reading consumes nothing); any other class found wrong throws its error.
   */
  private TypeInfo scanned(Class<?> type) {
    TypeInfo info = types.get(type);
    if (info.error != null && !info.holder) {
      throw info.error;
    }
    return info;
  }

  /**
   * What a JDK holder holds: a {@code Map.Entry}'s key and value, an {@code AtomicReference}'s
   * value. A holder of plain values passes; one of anything that may hold a protected value is
   * refused, as the guard does not copy holders.
   */
  private static List<Object> held(Object holder) {
    return holder instanceof Map.Entry<?, ?> entry ? Arrays.asList(entry.getKey(), entry.getValue())
        : Collections.singletonList(((AtomicReference<?>) holder).get());
  }

  /** Whether a value held in a holder may itself be or hold a protected value. */
  private boolean mayHold(Object value) {
    TypeInfo info = scanned(value.getClass());
    return info.holder || info.kind == TypeInfo.Kind.CONTAINER || info.mayHoldProtected();
  }

  /**
   * Pushes the elements of a container (an {@code Optional}'s value, a collection's elements, a
   * map's keys and values, an array's elements) that are not null onto the work, each with whose it
   * is if {@code whose} is given.
   */
  private static void pushElements(Object container, Deque<Object> work, @Nullable Deque<Integer> whose,
      int inherited) {
    if (container instanceof Optional<?> optional) {
      optional.ifPresent(element -> push(element, work, whose, inherited));
    } else if (container instanceof Collection<?> collection) {
      pushAll(collection, work, whose, inherited);
    } else if (container instanceof Map<?, ?> map) {
      pushAll(map.keySet(), work, whose, inherited);
      pushAll(map.values(), work, whose, inherited);
    } else if (container instanceof Object[] array) {
      pushAll(Arrays.asList(array), work, whose, inherited);
    }
  }

  private static void pushAll(Collection<?> values, Deque<Object> work, @Nullable Deque<Integer> whose,
      int inherited) {
    for (Object element : values) {
      if (element != null) {
        push(element, work, whose, inherited);
      }
    }
  }

  private static void push(Object element, Deque<Object> work, @Nullable Deque<Integer> whose, int inherited) {
    work.push(element);
    if (whose != null) {
      whose.push(inherited);
    }
  }

  private static boolean present(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.isPresent();
    }
    if (value instanceof Collection<?> collection) {
      return !collection.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    return !value.getClass().isArray() || Array.getLength(value) > 0;
  }

  /**
   * Whether a decision was made about every subject id an object carries: each is one of its
   * request's, or the request is bulk. An object with no subject-id property is its holder's, and
   * covered here; one whose subject id is null is covered when the request's payload held such an
   * object; a decision made for no request (a {@link Policy}'s alone) covers no object with a
   * subject id.
   */
  boolean covers(Object value, Decision decision) {
    return covers(value, scanned(value.getClass()), decision);
  }

  /**
   * As {@link #covers(Object, Decision)}, with the object's metadata. A view has no subject id of its
   * own ({@link TypeInfo} gives its getters none), so no getter of one is called here.
   */
  private static boolean covers(Object value, TypeInfo info, Decision decision) {
    if (!info.declaresSubject) {
      return true;
    }
    DisclosureRequest request = decision.madeFor();
    if (request == null) {
      return false;
    }
    if (request.isBulk()) {
      return true;
    }
    Set<String> requested = request.subjects();
    boolean any = false;
    for (Property property : info.subjectIds) {
      Object held = property.get(value);
      if (held instanceof String id) {
        if (!requested.contains(id)) {
          return false;
        }
        any = true;
      } else if (held != null) {
        Set<String> ids = new HashSet<>();
        any |= addSubjects(held, ids);
        if (!requested.containsAll(ids)) {
          return false;
        }
      }
    }
    return any || request.heldNullSubjectId();
  }

  /**
   * Whether a decision covers the protected values of an object that neither has a subject id nor
   * is in one that has (an address at the top of a payload, or in a list there): of no identified
   * person, they are covered, as a null id is, when the request's payload held such values too, or
   * when the request is bulk. A decision made for no request covers none.
   */
  static boolean coversNoId(Decision decision) {
    DisclosureRequest request = decision.madeFor();
    return request != null && (request.isBulk() || request.heldUnderNoSubjectId());
  }

  /** Adds the subject ids a subject-id property holds; returns whether it held any. */
  private static boolean addSubjects(Object value, Set<String> subjects) {
    boolean any = false;
    if (value instanceof Collection<?> collection) {
      for (Object element : collection) {
        any |= addSubjects(element, subjects);
      }
    } else if (value instanceof Optional<?> optional) {
      any = optional.isPresent() && addSubjects(optional.get(), subjects);
    } else if (value instanceof char[] chars) {
      subjects.add(new String(chars));
      any = true;
    } else if (value instanceof byte[] bytes) {
      subjects.add(HexFormat.of().formatHex(bytes));
      any = true;
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0, length = Array.getLength(value); i < length; i++) {
        any |= addSubjects(Array.get(value, i), subjects);
      }
    } else if (value != null) {
      subjects.add(String.valueOf(value));
      any = true;
    }
    return any;
  }

  /**
   * Returns a copy of the payload without what {@code permitted} does not cover.
   *
   * @param bound the decision whose subjects alone the copy may be about ({@link #covers(Object,
   *     Decision)}), or null if it may be about anyone (the payload decided)
   * @throws RefusedCopy if a constructor refused the copy (for example a null it was given), or an
   *     application's collection or map its elements
   * @throws UndecidedSubject if the payload holds an object the bound decision does not cover
   */
  Object copy(Object payload, long[] permitted, @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
    return new Copy(permitted, views, bound).run(payload);
  }

  /**
   * Returns the payload as a read-only tree of maps and lists, without what is not permitted.
   *
   * @throws UndecidedSubject if the payload holds an object the bound decision does not cover
   */
  Object tree(Object payload, long[] permitted, @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
    return new Tree(permitted, views, bound).run(payload);
  }

  /**
   * The payload holds an object about a person the decision it is released under was not made
   * about, or protected values of no identified person that it does not cover; nothing of it is
   * released. The message names the object's class, never its subject id.
   */
  static final class UndecidedSubject extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecidedSubject(Class<?> type) {
      super("a " + type.getName() + " about a person the decision was not made about", null, false, false);
    }

    /** An object without a subject id, under none, holding protected values. */
    static UndecidedSubject noId(Class<?> type) {
      return new UndecidedSubject("a " + type.getName() + " with protected values under no subject id, of no person"
          + " the decision was made about");
    }

    private UndecidedSubject(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The payload holds a JDK event or exception, or an anonymous, local or inner class, whose own
   * fields, which no copy can rebuild, hold a protected value the decision withholds; nothing of it
   * is released. Names the value's class and the getter or field that read it ({@code
   * EventObject.getSource()}, {@code val$resident}), never what it returned.
   */
  static final class WithheldUncopied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The value's class and the getter, for the decision's reason. */
    final String held;

    WithheldUncopied(Class<?> type, TypeInfo.HeldGetter getter) {
      super("a " + type.getName() + " whose " + getter.name() + " holds data the decision withholds, in a field of"
          + " the JDK's or the compiler's that no copy can rebuild", null, false, false);
      this.held = type.getName() + ", " + getter.name();
    }
  }

  /**
   * A constructor, or an application's collection or map, refused a copy; the payload is released
   * as a tree instead.
   */
  static final class RefusedCopy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedCopy(Class<?> type, Throwable cause) {
      super(type.getName() + " refused the redacted copy (" + cause.getClass().getSimpleName() + ")", null, false, false);
    }
  }

  private abstract class Walk {
    private static final int SMALL = 4;

    final long[] permitted;
    /** The decision whose subjects alone the walk may release the data of; null for anyone. */
    final @Nullable Decision bound;
    /**
     * Whether the walk refuses a protected value under no subject id: the bound decision does not
     * cover such values ({@link #coversNoId}). Only then does the walk follow {@link #underSubjectId}.
     */
    final boolean refusesNoId;
    /**
     * Whether what the walk converts now is in an object with a subject id, whose person it is
     * about; false at the top of the payload and in the containers and objects without a subject id
     * that it reaches from there. A fill made {@link #later} runs under what it was when it was made.
     */
    boolean underSubjectId;
    private @Nullable Object original0;
    private @Nullable Object converted0;
    /** Pairs of an original and its conversion, up to the first null. */
    private Object @Nullable [] small;
    private @Nullable Map<Object, Object> done;
    private @Nullable Deque<Runnable> pending;
    /** What only some payloads need, made when first needed, so that a walk of records costs no more. */
    private @Nullable Occasional occasional;

    /**
     * The values of views, by view: those the scan read, and those read here; and the sets and maps
     * whose elements or keys are copies, filled once every object is (see {@link #place}).
     */
    private static final class Occasional {
      @Nullable Map<Object, Object[]> views;
      @Nullable List<Placed> placed;
      /** The objects found under no subject id by {@link #refuseNoIdFrom}, each looked at once. */
      @Nullable Set<Object> underNoId;
    }

    Walk(long[] permitted, @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
      this.permitted = permitted;
      this.bound = bound;
      this.refusesNoId = bound != null && !coversNoId(bound);
      if (views != null) {
        occasional().views = views;
      }
    }

    private Occasional occasional() {
      Occasional known = occasional;
      if (known == null) {
        known = new Occasional();
        occasional = known;
      }
      return known;
    }

    /** The values of an object's properties: of a view, those the scan read, else read once now. */
    final Object[] values(Object value, TypeInfo info) {
      if (info.kind != TypeInfo.Kind.VIEW) {
        return info.values(value);
      }
      Occasional known = occasional();
      Map<Object, Object[]> views = known.views;
      if (views == null) {
        views = new IdentityHashMap<>();
        known.views = views;
      }
      Object[] read = views.get(value);
      if (read == null) {
        read = readView(value, info, views.size());
        views.put(value, read);
      }
      return read;
    }

    final Object run(Object root) {
      Object result = convert(root);
      Deque<Runnable> later = pending;
      while (later != null && !later.isEmpty()) {
        Runnable fill = later.poll();
        underSubjectId = true; // unless the fill is a NoSubjectId, made outside any object with a subject id
        fill.run();
      }
      if (occasional != null && occasional.placed != null) {
        fillPlaced(occasional.placed);
      }
      return result;
    }

    /**
     * A set's or a map's copy whose elements (or keys) are copies: what the copy holds, and how to
     * fill and empty it; and the hashes of the elements (or keys) when it was last filled.
     */
    private static final class Placed {
      final List<Object> keys;
      final Runnable fill;
      final Runnable clear;
      int @Nullable [] hashes;

      Placed(List<Object> keys, Runnable fill, Runnable clear) {
        this.keys = keys;
        this.fill = fill;
        this.clear = clear;
      }
    }

    /**
     * Fills a set or a map (or a queue, or another collection that places what it holds by its hash
     * or its order) once every object in the copy is filled, if what places its elements is copies:
     * a copy of a bean is filled after it is made, and placed unfilled its hash or order would be
     * another's, so two beans that differ only once filled would be merged into one. A copy that
     * holds another such set or map (a record holding a set, in a set) is placed by the other's
     * elements, which may not be there yet: each is filled again, from what it holds, until no
     * element's hash changed since it was last filled. Otherwise it is filled at once.
     *
     * @param copied whether an element (or a key) is a copy, not the original's own
     * @param keys the converted elements, or keys, that place what the copy holds
     */
    final void place(boolean copied, List<Object> keys, Runnable fill, Runnable clear) {
      if (!copied) {
        fill.run();
        return;
      }
      Occasional known = occasional();
      if (known.placed == null) {
        known.placed = new ArrayList<>();
      }
      known.placed.add(new Placed(keys, fill, clear));
    }

    /** Converts a map's keys and values once the current object is done, and puts them as {@link #place} says. */
    final void fillMap(Map<?, ?> map, java.util.function.BiConsumer<Object, Object> put, Runnable clear) {
      later(() -> {
        List<Object> keys = new ArrayList<>(map.size());
        Object[] values = new Object[map.size()];
        boolean copied = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object key = convert(entry.getKey());
          copied |= key != entry.getKey();
          values[keys.size()] = convert(entry.getValue());
          keys.add(key);
        }
        place(copied, keys, () -> {
          for (int i = 0; i < values.length; i++) {
            put.accept(keys.get(i), values[i]);
          }
        }, clear);
      });
    }

    /** Fills the sets and maps of {@link #place}, the last met first, and again until they hold still. */
    private static void fillPlaced(List<Placed> all) {
      for (int round = 0; round <= all.size(); round++) {
        boolean changed = false;
        for (int i = all.size() - 1; i >= 0; i--) {
          Placed copy = all.get(i);
          int[] hashes = new int[copy.keys.size()];
          for (int k = 0; k < hashes.length; k++) {
            hashes[k] = Objects.hashCode(copy.keys.get(k));
          }
          if (Arrays.equals(hashes, copy.hashes)) {
            continue;
          }
          if (copy.hashes != null) {
            copy.clear.run();
          }
          copy.fill.run();
          copy.hashes = hashes;
          changed = true;
        }
        if (!changed) {
          return;
        }
      }
    }

    /**
     * Fills a copy once the current object is done: how cycles terminate. The fill runs under no
     * subject id if it is made under none and the walk refuses what is there.
     */
    final void later(Runnable fill) {
      Deque<Runnable> queue = pending;
      if (queue == null) {
        queue = new ArrayDeque<>();
        pending = queue;
      }
      queue.add(refusesNoId && !underSubjectId ? new NoSubjectId(fill) : fill);
    }

    /** A fill made under no subject id, which runs under none. */
    private final class NoSubjectId implements Runnable {
      private final Runnable fill;

      NoSubjectId(Runnable fill) {
        this.fill = fill;
      }

      @Override
      public void run() {
        underSubjectId = false;
        fill.run();
      }
    }

    /**
     * Whether an object met now must hold no protected value: it has protected properties but no
     * subject id, it is under no object with one, and the bound decision does not cover such values.
     */
    final boolean refusesOwnValues(TypeInfo info) {
      return refusesNoId && !underSubjectId && info.ownProtected && !info.declaresSubject;
    }

    /**
     * Refuses the payload if an object that {@link #refusesOwnValues} holds a protected value:
     * checked on the values the copy is made of, so that what is checked is what would go out.
     *
     * @throws UndecidedSubject if one of its protected values is present
     */
    final void refuseOwnValues(Object[] values, TypeInfo info) {
      for (int i = 0; i < values.length; i++) {
        if (info.properties[i].isProtected() && values[i] != null && present(values[i])) {
          throw UndecidedSubject.noId(info.type);
        }
      }
    }

    /**
     * Refuses the payload if an object met again, now under no subject id, holds under none a
     * protected value (itself, or the containers and objects without a subject id it reaches): it
     * was converted under an object with a subject id, and an object that the payload holds under
     * one and outside any is taken to be no one's, whichever the walk met first.
     *
     * @throws UndecidedSubject if it does
     */
    private void refuseNoIdIfUnderNone(Object value, TypeInfo info) {
      if (refusesNoId && !underSubjectId && !info.declaresSubject) {
        refuseNoIdFrom(value);
      }
    }

    /** Refuses the payload if what is reached from an object, under no subject id, holds a protected value. */
    private void refuseNoIdFrom(Object from) {
      Occasional known = occasional();
      Set<Object> looked = known.underNoId;
      if (looked == null) {
        looked = Collections.newSetFromMap(new IdentityHashMap<>());
        known.underNoId = looked;
      }
      Deque<Object> work = new ArrayDeque<>();
      work.push(from);
      while (!work.isEmpty()) {
        Object value = work.pop();
        if (!looked.add(value)) {
          continue;
        }
        TypeInfo info = scanned(value.getClass());
        if (info.holder || info.declaresSubject) {
          continue; // a holder is refused where it is converted; one with a subject id is its own person's
        }
        if (info.kind == TypeInfo.Kind.CONTAINER) {
          pushElements(value, work, null, 0);
        } else if (info.mayHoldProtected()) {
          Object[] values = values(value, info);
          if (info.ownProtected) {
            refuseOwnValues(values, info);
          }
          for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !info.properties[i].leafValues) {
              work.push(values[i]);
            }
          }
        }
        for (TypeInfo.HeldGetter getter : info.uncopied) {
          Object held = readUncopied(value, getter);
          if (held != null) {
            work.push(held);
          }
        }
      }
    }

    /** The conversion of an object met before: small graphs by a scan of pairs, large by identity map. */
    private @Nullable Object converted(Object original) {
      if (original0 == original) {
        return converted0;
      }
      if (done != null) {
        return done.get(original);
      }
      Object[] pairs = small;
      for (int i = 0; pairs != null && i < pairs.length && pairs[i] != null; i += 2) {
        if (pairs[i] == original) {
          return pairs[i + 1];
        }
      }
      return null;
    }

    final @Nullable Object convert(@Nullable Object value) {
      return value == null ? null : convert(value, info(value.getClass()));
    }

    /** Converts a property's value; values of final leaf types are taken as they are. */
    final @Nullable Object convert(Property property, @Nullable Object value) {
      return property.leafValues || value == null ? value : convert(value, property.infoOf(value, Redactor.this));
    }

    private Object convert(Object value, TypeInfo info) {
      if (info.kind == TypeInfo.Kind.LEAF) {
        return info.uncopied.length > 0 ? keep(value, info) : value.getClass().isArray() ? cloneArray(value) : value;
      }
      Object known = converted(value);
      if (known != null) {
        refuseNoIdIfUnderNone(value, info);
        return known;
      }
      if (info.kind == TypeInfo.Kind.CONTAINER) {
        return container(value, info);
      }
      if (!info.propertiesMayHoldProtected()) {
        return info.uncopied.length > 0 ? keep(value, info) : value;
      }
      if (bound != null && !covers(value, info, bound)) {
        throw new UndecidedSubject(info.type);
      }
      if (refusesNoId && !underSubjectId && info.declaresSubject) {
        underSubjectId = true;
        try {
          return object(value, info);
        } finally {
          underSubjectId = false;
        }
      }
      return object(value, info);
    }

    /**
     * Returns a JDK event or exception as it is, with what the JDK holds for it in fields of its own
     * (its source, cause, suppressed exceptions), which no copy can rebuild, or an anonymous, local
     * or inner class with its captured variables and outer object: if everything protected
     * in them is released, and, under a bound decision, every object in them is about its subjects.
     *
     * @throws WithheldUncopied if they hold a protected value that is not released
     * @throws UndecidedSubject if they hold an object about someone the bound decision is not about
     */
    private Object keep(Object value, TypeInfo info) {
      if (converted(value) != null) {
        refuseNoIdIfUnderNone(value, info);
        return value;
      }
      refuseWithheldUncopied(value, info);
      return register(value, value);
    }

    /**
     * Refuses a value whose fields that no copy rebuilds ({@link TypeInfo#uncopied}) hold a protected
     * value that is not released, or, under a bound decision, an object about someone else.
     *
     * @throws WithheldUncopied if they hold a protected value that is not released
     * @throws UndecidedSubject if they hold an object about someone the bound decision is not about
     */
    final void refuseWithheldUncopied(Object value, TypeInfo info) {
      if (info.uncopied.length > 0 && (bound != null || !covered(taxonomy.everything().bits, permitted))) {
        Occasional known = occasional();
        if (known.views == null) {
          known.views = new IdentityHashMap<>();
        }
        int whose = underSubjectId || info.declaresSubject ? NAMED : NO_ID;
        for (TypeInfo.HeldGetter getter : info.uncopied) {
          Object held = readUncopied(value, getter);
          if (held != null && !covered(scanGraph(held, bound, known.views, whose).categories(), permitted)) {
            throw new WithheldUncopied(info.type, getter);
          }
        }
      }
    }

    /** Converts a collection, map, array of objects or optional, met for the first time. */
    abstract Object container(Object value, TypeInfo info);

    /** Converts an object that may hold a protected value, met for the first time. */
    abstract Object object(Object value, TypeInfo info);

    final <T> T register(Object original, T converted) {
      if (original0 == null) {
        original0 = original;
        converted0 = converted;
        return converted;
      }
      Object[] pairs = small;
      if (done == null) {
        if (pairs == null) {
          pairs = new Object[2 * SMALL];
          small = pairs;
        }
        int free = 0;
        while (free < pairs.length && pairs[free] != null) {
          free += 2;
        }
        if (free < pairs.length) {
          pairs[free] = original;
          pairs[free + 1] = converted;
          return converted;
        }
      }
      Map<Object, Object> map = done;
      if (map == null) {
        map = new IdentityHashMap<>();
        map.put(original0, converted0);
        for (int i = 0; i < pairs.length; i += 2) {
          map.put(pairs[i], pairs[i + 1]);
        }
        done = map;
      }
      map.put(original, converted);
      return converted;
    }
  }

  /**
   * Copies of the payload's own types. A record's generated copier calls back through the two
   * interfaces: which of its components to keep, and the conversion of those that need one.
   */
  private final class Copy extends Walk implements LongSupplier, UnaryOperator<Object> {

    private long kept;

    Copy(long[] permitted, @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
      super(permitted, views, bound);
    }

    @Override
    public long getAsLong() {
      return kept;
    }

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      return convert(value);
    }

    @Override
    Object object(Object value, TypeInfo info) {
      if (info.kind == TypeInfo.Kind.RECORD) {
        return register(value, copyRecord(value, info));
      }
      if (info.kind == TypeInfo.Kind.BEAN) {
        Object copy = register(value, construct(info, null));
        boolean refuses = refusesOwnValues(info);
        later(() -> {
          // read once if checked, so that what is checked is what is copied
          Object @Nullable [] values = refuses ? info.values(value) : null;
          if (values != null) {
            refuseOwnValues(values, info);
          }
          for (int i = 0; i < info.properties.length; i++) {
            Property property = info.properties[i];
            property.set(copy, property.permitted(permitted)
                ? convert(property, values == null ? property.get(value) : values[i]) : property.absent());
          }
        });
        return copy;
      }
      if (info.kind == TypeInfo.Kind.VIEW) {
        // filled at once, not later: a sorted set or map that holds the copy asks its getters as it is filled
        Object[] values = values(value, info);
        if (refusesOwnValues(info)) {
          refuseOwnValues(values, info);
        }
        Object[] copied = new Object[values.length];
        boolean under = underSubjectId;
        Object copy = register(value, RedactedView.of(info, copied, result -> computed(result, under)));
        for (int i = 0; i < values.length; i++) {
          Property property = info.properties[i];
          copied[i] = property.permitted(permitted) ? convert(property, values[i]) : property.absent();
        }
        return copy;
      }
      throw new RefusedCopy(info.type, new IllegalStateException("neither a record nor a class with a no-argument constructor"));
    }

    /** What a default getter of a view's copy computed, redacted as the view was, under its subject id if it was. */
    private Object computed(Object value, boolean under) {
      try {
        Copy copy = new Copy(permitted, null, bound);
        copy.underSubjectId = under;
        return copy.run(value);
      } catch (UndecidedSubject e) {
        throw new SanctuaryGuardException("a default getter computed " + e.getMessage() + "; nothing of it is released");
      }
    }

    /** Collections, maps, arrays of objects and optionals: checked only once known to be one. */
    @Override
    Object container(Object value, TypeInfo info) {
      if (value instanceof Optional<?> optional) {
        return register(value, optional.map(this::convert));
      }
      refuseWithheldUncopied(value, info); // a sorted one's comparator, which the copy shares
      if (info.type.isArray()) {
        Object copy = register(value, Array.newInstance(info.type.getComponentType(), Array.getLength(value)));
        later(() -> {
          for (int i = 0; i < Array.getLength(value); i++) {
            Array.set(copy, i, convert(Array.get(value, i)));
          }
        });
        return copy;
      }
      // an application's collection or map is filled through its own methods, which may refuse it
      Object own = info.constructor == null ? null : own(info, value);
      if (value instanceof Collection<?> collection) {
        @SuppressWarnings("unchecked")
        Collection<Object> copy = register(value, own == null ? newCollection(collection) : (Collection<Object>) own);
        if (copy instanceof List<?>) {
          later(() -> collection.forEach(element -> add(copy, convert(element), own != null, info)));
        } else {
          later(() -> {
            List<Object> elements = new ArrayList<>(collection.size());
            boolean copied = false;
            for (Object element : collection) {
              Object converted = convert(element);
              copied |= converted != element;
              elements.add(converted);
            }
            place(copied, elements, () -> elements.forEach(element -> add(copy, element, own != null, info)),
                () -> owned(info, copy::clear));
          });
        }
        return copy;
      }
      Map<?, ?> map = (Map<?, ?>) value;
      @SuppressWarnings("unchecked")
      Map<Object, Object> copy = register(value, own == null ? newMap(map) : (Map<Object, Object>) own);
      fillMap(map, own == null ? copy::put : (key, converted) -> owned(info, () -> copy.put(key, converted)),
          () -> owned(info, copy::clear));
      return copy;
    }

    /** Adds to a copy of a collection, through its own methods if it is an application's, which may refuse it. */
    private void add(Collection<Object> copy, @Nullable Object element, boolean own, TypeInfo info) {
      if (own) {
        owned(info, () -> copy.add(element));
      } else {
        copy.add(element);
      }
    }

    /**
     * An empty instance of an application's collection or map class, whatever its constructor put
     * in; or null if it would order its elements otherwise than the original (a sorted one whose
     * no-argument constructor sets another comparator), whose copy is then the JDK's sorted
     * collection or map with the original's comparator, so that no element is merged away.
     */
    private @Nullable Object own(TypeInfo info, Object original) {
      Object copy = construct(info, null);
      if (!Objects.equals(comparator(copy), comparator(original))) {
        return null;
      }
      owned(info, copy instanceof Collection<?> collection ? collection::clear : ((Map<?, ?>) copy)::clear);
      return copy;
    }

    /**
     * Empties or fills an application's collection or map: one that refuses it (a read-only class
     * throws) refuses the copy, and the payload is released as a tree, as for a constructor's refusal.
     */
    private void owned(TypeInfo info, Runnable change) {
      try {
        change.run();
      } catch (RuntimeException e) {
        throw new RefusedCopy(info.type, e);
      }
    }

    /** The hot path: the record's generated copier, else its properties' masks. */
    private Object copyRecord(Object value, TypeInfo info) {
      BiFunction<Object, Object, Object> copier = info.copier;
      boolean refuses = refusesOwnValues(info);
      if (copier != null && !refuses) {
        kept = info.kept(permitted);
        try {
          return copier.apply(value, this);
        } catch (RefusedCopy | InvalidProtectionException | UndecidedSubject | WithheldUncopied e) {
          throw e;
        } catch (RuntimeException e) {
          throw new RefusedCopy(info.type, e);
        }
      }
      Object[] components = info.values(value);
      if (refuses) {
        refuseOwnValues(components, info);
      }
      for (int i = 0; i < components.length; i++) {
        Property property = info.properties[i];
        components[i] = property.permitted(permitted) ? convert(property, components[i]) : property.absent();
      }
      return construct(info, components);
    }

    private Object construct(TypeInfo info, Object @Nullable [] components) {
      try {
        return components == null ? (Object) info.constructor.invokeExact() : info.buildRecord.apply(components, null);
      } catch (Throwable e) {
        throw new RefusedCopy(info.type, e);
      }
    }
  }

  /** Read-only maps and lists: one map per object, withheld properties left out. */
  private final class Tree extends Walk {

    Tree(long[] permitted, @Nullable Map<Object, Object[]> views, @Nullable Decision bound) {
      super(permitted, views, bound);
    }

    @Override
    Object object(Object value, TypeInfo info) {
      Map<String, Object> properties = new LinkedHashMap<>();
      Object view = register(value, Collections.unmodifiableMap(properties));
      boolean refuses = refusesOwnValues(info);
      later(() -> {
        Object[] values = values(value, info);
        if (refuses) {
          refuseOwnValues(values, info);
        }
        for (int i = 0; i < values.length; i++) {
          Property property = info.properties[i];
          if (property.permitted(permitted) && !(info.view != null && info.view.computed()[i])) {
            properties.put(property.name, convert(property, values[i]));
          }
        }
      });
      return view;
    }

    @Override
    Object container(Object value, TypeInfo info) {
      Class<?> type = info.type;
      if (value instanceof Optional<?> optional) {
        Object inner = optional.map(this::convert).orElse(null);
        return inner == null ? Optional.empty() : register(value, inner);
      }
      if (type.isArray() || value instanceof Collection<?>) {
        List<Object> elements = new ArrayList<>();
        Object view = register(value, Collections.unmodifiableList(elements));
        Iterable<?> source = type.isArray() ? Arrays.asList((Object[]) value) : (Collection<?>) value;
        later(() -> source.forEach(element -> elements.add(convert(element))));
        return view;
      }
      Map<?, ?> map = (Map<?, ?>) value;
      Map<Object, Object> entries = new LinkedHashMap<>();
      Object view = register(value, Collections.unmodifiableMap(entries));
      fillMap(map, entries::put, entries::clear);
      return view;
    }
  }

  private static Object cloneArray(Object array) {
    int length = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), length);
    System.arraycopy(array, 0, copy, 0, length);
    return copy;
  }

  static boolean covered(long[] mask, long[] permitted) {
    for (int i = 0; i < mask.length; i++) {
      if ((mask[i] & ~permitted[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The value a withheld property takes: absent, never a fake value. */
  static @Nullable Object absent(Class<?> type) {
    if (type == Optional.class) {
      return Optional.empty();
    }
    if (type.isArray()) {
      return Array.newInstance(type.getComponentType(), 0);
    }
    if (type == List.class || type == Collection.class || type == Iterable.class) {
      return List.of();
    }
    if (type == Set.class) {
      return Set.of();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == SortedSet.class || type == NavigableSet.class) {
      return Collections.emptyNavigableSet();
    }
    if (type == SortedMap.class || type == NavigableMap.class) {
      return Collections.emptyNavigableMap();
    }
    if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
      Supplier<Object> empty = EMPTY.get(type);
      return empty == null ? null : empty.get();
    }
    return null;
  }

  /** The comparator of a sorted collection or map, else null. */
  private static @Nullable Comparator<?> comparator(Object container) {
    return container instanceof SortedSet<?> set ? set.comparator()
        : container instanceof SortedMap<?, ?> map ? map.comparator() : null;
  }

  @SuppressWarnings("unchecked")
  private static Collection<Object> newCollection(Collection<?> original) {
    if (original instanceof SortedSet<?> sorted) {
      return new TreeSet<>((Comparator<Object>) sorted.comparator());
    }
    if (original instanceof java.util.PriorityQueue<?> queue) {
      return new java.util.PriorityQueue<>((Comparator<Object>) queue.comparator());
    }
    Supplier<Object> same = EMPTY.get(original.getClass());
    if (same != null) {
      return (Collection<Object>) same.get();
    }
    if (original instanceof Set<?>) {
      return new LinkedHashSet<>();
    }
    if (original instanceof Queue<?>) {
      return new ArrayDeque<>();
    }
    return new ArrayList<>();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<Object, Object> newMap(Map<?, ?> original) {
    if (original instanceof SortedMap<?, ?> sorted) {
      return new TreeMap<>((Comparator<Object>) sorted.comparator());
    }
    if (original instanceof EnumMap<?, ?> enums) {
      EnumMap copy = new EnumMap(enums);
      copy.clear();
      return copy;
    }
    Supplier<Object> same = EMPTY.get(original.getClass());
    return same != null ? (Map<Object, Object>) same.get() : new LinkedHashMap<>();
  }

  /** A new, empty instance of a public JDK collection class with a public no-argument constructor. */
  private static final ClassValue<@Nullable Supplier<Object>> EMPTY = new ClassValue<>() {
    @Override
    protected @Nullable Supplier<Object> computeValue(Class<?> type) {
      if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
          || !type.getName().startsWith("java.util.")) {
        return null;
      }
      try {
        Constructor<?> constructor = type.getConstructor();
        return () -> {
          try {
            return constructor.newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName(), e);
          }
        };
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };
}
