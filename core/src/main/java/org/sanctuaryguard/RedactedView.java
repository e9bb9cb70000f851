package org.sanctuaryguard;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The handler of a view's redacted copy: a new JDK proxy of the application's interfaces the view
 * implements, whose getters answer the copied values, and whose default methods run on it, as a
 * record's methods run on its copied components: a default getter computes from the copy's values,
 * not the original's, and what it returns is redacted to the same decision, once, at its first
 * call (a default getter that looks a record up elsewhere gets it whole). Its {@code toString}
 * names its interfaces and no value; {@code equals} and {@code hashCode} are those of its
 * identity; any other method is refused, as the copy has nothing but its getters' values.
 */
final class RedactedView implements InvocationHandler {

  private final TypeInfo.View view;
  private final Object[] values;
  private final UnaryOperator<Object> redact;
  /** The values the default getters computed, redacted, by index; null until one is called. */
  private @Nullable Object @Nullable [] computed;

  private RedactedView(TypeInfo.View view, Object[] values, UnaryOperator<Object> redact) {
    this.view = view;
    this.values = values;
    this.redact = redact;
  }

  /**
   * A copy of a view, which answers {@code values}, in the order of the view's properties, filled
   * before the copy is released, and redacts what its default getters compute with {@code redact}.
   *
   * @throws Redactor.RefusedCopy if no proxy of the view's interfaces can be made where the view is
   */
  static Object of(TypeInfo info, Object[] values, UnaryOperator<Object> redact) {
    try {
      TypeInfo.View view = Objects.requireNonNull(info.view, "a view");
      return Proxy.newProxyInstance(info.type.getClassLoader(), view.interfaces().clone(),
          new RedactedView(view, values, redact));
    } catch (IllegalArgumentException | SecurityException e) {
      throw new Redactor.RefusedCopy(info.type, e);
    }
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] arguments) throws Throwable {
    String name = method.getName();
    if (method.isDefault()) {
      Integer index = arguments == null || arguments.length == 0 ? view.getters().get(name) : null;
      return index == null ? invokeDefault(proxy, method, arguments) : computed(index, proxy, method);
    }
    if (arguments == null || arguments.length == 0) {
      Integer index = view.getters().get(name);
      if (index != null) {
        return values[index];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (name.equals("toString")) {
        return "redacted copy of a view of " + view.names();
      }
    } else if (name.equals("equals") && arguments.length == 1 && method.getDeclaringClass() == Object.class) {
      return proxy == arguments[0];
    }
    throw new UnsupportedOperationException("a redacted copy of a view of " + view.names()
        + " answers its getters, not "
        + name + "()");
  }

  /** What a default getter computes on the copy, redacted, computed once. */
  private synchronized @Nullable Object computed(int index, Object proxy, Method getter) throws Throwable {
    Object[] known = computed;
    if (known == null) {
      known = new Object[values.length];
      computed = known;
    }
    if (known[index] == null) {
      Object value = invokeDefault(proxy, getter, null);
      known[index] = value == null ? NOTHING : redact.apply(value);
    }
    return known[index] == NOTHING ? null : known[index];
  }

  private static final Object NOTHING = new Object();

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
