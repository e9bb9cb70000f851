package org.sanctuaryguard;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One property of a class the guard copies or scans: a record component or a field, with fast
 * accessors, and, if protected, the mask of its categories. Immutable once built.
 */
final class Property {

  final String name;
  final Class<?> type;
  final Type genericType;
  final MethodHandle getter;
  final @Nullable MethodHandle setter;
  final long @Nullable [] categories;
  final List<Category> categoryList;
  final boolean subjectId;
  /** Whether every value the property can hold is a value the guard leaves alone (String, Integer...). */
  final boolean leafValues;
  /** Whether every value the property can hold is of its declared class exactly (a record, a final class). */
  final boolean exactValues;
  private volatile @Nullable TypeInfo exactInfo;
  /** The value the property takes when withheld, if it can be shared (null, empty immutable ones). */
  private final @Nullable Object sharedAbsent;
  /** Whether a withheld value must be a new empty instance each time (a mutable collection class). */
  private final boolean freshAbsent;

  Property(
      String name,
      Class<?> type,
      Type genericType,
      MethodHandle getter,
      @Nullable MethodHandle setter,
      long @Nullable [] categories,
      List<Category> categoryList,
      boolean subjectId) {
    this.name = name;
    this.type = type;
    this.genericType = genericType;
    this.getter = getter;
    this.setter = setter;
    this.categories = categories;
    this.categoryList = List.copyOf(categoryList);
    this.subjectId = subjectId;
    this.leafValues = leafValues(type, genericType);
    this.exactValues = !type.isInterface() && !type.isArray()
        && (type.isRecord() || java.lang.reflect.Modifier.isFinal(type.getModifiers()));
    Object absent = Redactor.absent(type);
    this.freshAbsent = absent != null && absent != Redactor.absent(type);
    this.sharedAbsent = freshAbsent ? null : absent;
  }

  /**
   * Whether every value a property declared as the type can hold is a value the guard leaves alone:
   * a leaf, or a JDK stream, iterator or holder of leaves only.
   */
  static boolean leafValues(Class<?> type, Type genericType) {
    return isLeafValue(type) || holdsOnlyLeafValues(genericType);
  }

  /** Whether values declared as the class are leaves: primitives, and the JDK's final classes. */
  private static boolean isLeafValue(Class<?> type) {
    return type.isPrimitive()
        || (TypeInfo.isLeaf(type) && !type.isArray() && java.lang.reflect.Modifier.isFinal(type.getModifiers()));
  }

  /**
   * Whether values declared as the type are JDK streams, iterators or holders of leaves only,
   * {@code Stream<String>} or {@code Map.Entry<String, String>}: nothing in them can be protected,
   * so the guard passes them on as they are, where it would refuse one it must look into (which it
   * could not without consuming it). Collections of leaves are copied as before; an application's
   * stream, iterator or holder may hold other than its type arguments, and is looked at.
   */
  private static boolean holdsOnlyLeafValues(java.lang.reflect.Type declared) {
    return declared instanceof java.lang.reflect.ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw && TypeInfo.notLookedInto(raw) != null
        && TypeInfo.holdsItsArguments(raw) && argumentsAreLeaves(parameterized);
  }

  private static boolean argumentsAreLeaves(java.lang.reflect.ParameterizedType parameterized) {
    for (java.lang.reflect.Type argument : parameterized.getActualTypeArguments()) {
      if (!(argument instanceof Class<?> leaf && (isLeafValue(leaf) || leaf.isEnum()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a withheld value is a new empty collection each time, not a shared one. */
  boolean freshAbsent() {
    return freshAbsent;
  }

  /** The value the property takes when withheld: absent, never a fake value. */
  @Nullable Object absent() {
    return freshAbsent ? Redactor.absent(type) : sharedAbsent;
  }

  /** The metadata of the class of this property's values, where it is the declared one, looked up once. */
  TypeInfo infoOf(Object value, Redactor redactor) {
    if (!exactValues) {
      return redactor.info(value.getClass());
    }
    TypeInfo info = exactInfo;
    if (info == null) {
      info = redactor.info(type);
      exactInfo = info;
    }
    return info;
  }

  boolean isProtected() {
    return categories != null;
  }

  /** Whether the value may leave: every one of its categories is covered by a released one. */
  boolean permitted(long[] permitted) {
    long[] own = categories;
    return own == null || Redactor.covered(own, permitted);
  }

  @Nullable Object get(Object owner) {
    try {
      return (Object) getter.invokeExact(owner);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e.getClass().getName());
    }
  }

  void set(Object owner, @Nullable Object value) {
    try {
      setter.invokeExact(owner, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return name + (categories == null ? "" : " " + categoryList);
  }
}
