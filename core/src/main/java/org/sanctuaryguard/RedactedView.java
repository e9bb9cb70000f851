package org.sanctuaryguard;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The handler of a view's redacted copy: a new JDK proxy of the application's interfaces the view
 * implements, whose getters answer the copied values, and whose default methods run on them (a
 * default getter computes from the copy's values, not the original's). Its
 * {@code toString} names its interfaces and no value; {@code equals} and {@code hashCode} are those
 * of its identity; any other method is refused, as the copy has nothing but its getters' values.
 */
final class RedactedView implements InvocationHandler {

  /**
   * Of a view's class, the index of each getter's value by the getter's name (a getter takes no
   * parameter): every getter of a property answers its value ({@code getActive} and {@code
   * isActive} alike).
   */
  private static final ClassValue<Map<String, Integer>> GETTERS = new ClassValue<>() {
    @Override
    protected Map<String, Integer> computeValue(Class<?> view) {
      Map<String, Integer> byProperty = new HashMap<>();
      for (Method getter : TypeInfo.getters(TypeInfo.viewed(view))) {
        byProperty.put(TypeInfo.propertyName(getter), byProperty.size());
      }
      Map<String, Integer> byName = new HashMap<>();
      for (Method getter : TypeInfo.allGetters(TypeInfo.viewed(view))) {
        byName.put(getter.getName(), byProperty.get(TypeInfo.propertyName(getter)));
      }
      return Map.copyOf(byName);
    }
  };

  private final Map<String, Integer> getters;
  private final Object[] values;
  private final TypeInfo info;

  private RedactedView(TypeInfo info, Object[] values) {
    this.getters = GETTERS.get(info.type);
    this.values = values;
    this.info = info;
  }

  /**
   * A copy of a view, which answers {@code values}, in the order of the view's properties, filled
   * before the copy is released.
   *
   * @throws Redactor.RefusedCopy if no proxy of the view's interfaces can be made where the view is
   */
  static Object of(TypeInfo info, Object[] values) {
    try {
      return Proxy.newProxyInstance(info.type.getClassLoader(), info.interfaces.clone(), new RedactedView(info, values));
    } catch (IllegalArgumentException | SecurityException e) {
      throw new Redactor.RefusedCopy(info.type, e);
    }
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] arguments) throws Throwable {
    if (method.isDefault()) {
      // computed from the copy's values, as a record's method is from its copied components
      return invokeDefault(proxy, method, arguments);
    }
    String name = method.getName();
    if (arguments == null || arguments.length == 0) {
      Integer index = getters.get(name);
      if (index != null) {
        return values[index];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (name.equals("toString")) {
        return "redacted copy of a view of " + Redactor.interfaceNames(info);
      }
    } else if (name.equals("equals") && arguments.length == 1 && method.getDeclaringClass() == Object.class) {
      return proxy == arguments[0];
    }
    throw new UnsupportedOperationException("a redacted copy of a view of " + Redactor.interfaceNames(info) + " answers its getters, not "
        + name + "()");
  }

  /**
   * Runs an interface's default method on the copy: through the interface's own lookup when the
   * guard's module may not call it directly (an interface of a package only, or of a package not
   * open to it).
   */
  private static @Nullable Object invokeDefault(Object proxy, Method method, Object @Nullable [] arguments)
      throws Throwable {
    try {
      return InvocationHandler.invokeDefault(proxy, method, arguments);
    } catch (IllegalAccessException inaccessible) {
      Class<?> declaring = method.getDeclaringClass();
      MethodHandle body = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
          .unreflectSpecial(method, declaring);
      return body.bindTo(proxy).invokeWithArguments(arguments == null ? new Object[0] : arguments);
    }
  }
}
