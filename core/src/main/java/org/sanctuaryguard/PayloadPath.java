package org.sanctuaryguard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where in a payload the scan met a class it refuses, for the refusal's message: found by a second
 * walk, on that path alone, so that the scan carries no path. A way names classes, properties and
 * the fields and getters the scan reads past a copy, never a value.
 */
final class PayloadPath {

  /** How many objects the walk reads before it gives up the way: the refusal stands without it. */
  private static final int MOST_READ = 100_000;

  private static final String OUTER = "this$0";

  private PayloadPath() {}

  /** One step from an object to what it holds. */
  private record Step(@Nullable Step from, String label) {}

  /**
   * Returns the refusal, its message telling where the payload holds the refused class, or the
   * refusal as it is if the payload is of that class or the way is not found.
   *
   * @param types the scan's metadata of classes
   */
  static InvalidProtectionException located(InvalidProtectionException refusal, Object payload, Class<?> refused,
      Function<Class<?>, TypeInfo> types) {
    String way;
    try {
      way = find(payload, refused, types);
    } catch (RuntimeException | LinkageError e) {
      return refusal; // the payload's own code failed as it was read again; the refusal needs no way
    }
    if (way == null) {
      return refusal;
    }
    String found = "It is held at " + way + ".";
    if (way.contains("." + OUTER)) {
      found += " A this$0 is the object that an anonymous, local or inner class was made in, which the compiler"
          + " keeps for it and its getters may read: make such a class a record or a static nested class, or make it"
          + " in a static method, so that it holds no outer object.";
    }
    return refusal.heldAt(found);
  }

  /**
   * The shortest way from the payload to an object of the class, or null if the payload holds none
   * or is one: a way to the payload itself tells nothing.
   */
  private static @Nullable String find(Object payload, Class<?> refused, Function<Class<?>, TypeInfo> types) {
    if (payload.getClass() == refused) {
      return null;
    }
    Map<Object, Step> reached = new IdentityHashMap<>();
    Deque<Object> work = new ArrayDeque<>();
    reached.put(payload, new Step(null, ""));
    work.add(payload);
    while (!work.isEmpty() && reached.size() < MOST_READ) {
      Object value = work.poll();
      Step step = reached.get(value);
      if (value.getClass() == refused) {
        return way(step);
      }
      TypeInfo info = types.apply(value.getClass());
      if (info.error != null || info.kind == TypeInfo.Kind.VIEW) {
        continue; // read no view's getters again: they are the application's code
      }
      List<Object> held = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      if (info.kind == TypeInfo.Kind.CONTAINER) {
        elements(value, held, labels);
      } else if (info.kind != TypeInfo.Kind.LEAF) {
        Object[] values = info.values(value);
        for (int i = 0; i < values.length; i++) {
          held.add(values[i]);
          labels.add(name(value.getClass()) + "." + info.properties[i].name);
        }
      }
      for (TypeInfo.HeldGetter getter : info.uncopied) {
        try {
          held.add(getter.read(value));
        } catch (Throwable e) {
          return null;
        }
        labels.add(name(value.getClass()) + "." + getter.name());
      }
      for (int i = 0; i < held.size(); i++) {
        Object inside = held.get(i);
        if (inside != null && !reached.containsKey(inside)) {
          reached.put(inside, new Step(step, labels.get(i)));
          work.add(inside);
        }
      }
    }
    return null;
  }

  private static void elements(Object container, List<Object> held, List<String> labels) {
    String label = container instanceof Optional<?> ? "the value of an Optional"
        : container instanceof Collection<?> ? "an element of a collection"
        : container instanceof Map<?, ?> ? "a key or value of a map" : "an element of an array";
    Collection<?> elements = container instanceof Optional<?> optional ? optional.stream().toList()
        : container instanceof Collection<?> collection ? collection
        : container instanceof Map<?, ?> map ? mapContents(map)
        : Arrays.asList((Object[]) container);
    for (Object element : elements) {
      held.add(element);
      labels.add(label);
    }
  }

  private static List<Object> mapContents(Map<?, ?> map) {
    List<Object> contents = new ArrayList<>(map.keySet());
    contents.addAll(map.values());
    return contents;
  }

  private static String way(Step last) {
    List<String> labels = new ArrayList<>();
    for (Step step = last; step.from() != null; step = step.from()) {
      labels.add(0, step.label());
    }
    return String.join(", then ", labels);
  }

  /** A class's name without its package: an anonymous class's too ({@code Service$1}). */
  private static String name(Class<?> type) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    return name.substring(dot + 1);
  }
}
