package org.sanctuaryguard;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The handler of a view's redacted copy: a new JDK proxy of the application's interfaces the view
 * implements, whose getters answer the copied values, and whose default methods run on them. Its
 * {@code toString} names its interfaces and no value; {@code equals} and {@code hashCode} are those
 * of its identity; any other method is refused, as the copy has nothing but its getters' values.
 */
final class RedactedView implements InvocationHandler {

  /**
   * Of a view's class, the index of each getter's value by the getter's name (a getter takes no
   * parameter), in the order of the view's properties.
   */
  private static final ClassValue<Map<String, Integer>> GETTERS = new ClassValue<>() {
    @Override
    protected Map<String, Integer> computeValue(Class<?> view) {
      Map<String, Integer> byName = new HashMap<>();
      for (Method getter : TypeInfo.getters(TypeInfo.viewed(view))) {
        byName.put(getter.getName(), byName.size());
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
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, arguments);
    }
    throw new UnsupportedOperationException("a redacted copy of a view of " + Redactor.interfaceNames(info) + " answers its getters, not "
        + name + "()");
  }
}
