package org.sanctuaryguard.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Proxies each bean of a kind, as Spring proxies a bean for {@code @Async}, so that one of its
 * methods runs through an interceptor: by a subclass of the bean's own class, which keeps its type
 * (what the application or Spring Boot injects by its class still finds it), or, for a class that
 * cannot be extended or whose method is final (a subclass could not override it, and the proxy, none
 * of whose fields is set, would run it itself), by its interfaces.
 */
abstract class OwnClassProxies extends AbstractAdvisingBeanPostProcessor {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final Class<?>[] parameters;

  /**
   * @param kind the classes of the beans to proxy
   * @param method the name of the method to intercept
   * @param parameters its parameter types
   * @param interceptor what runs instead, calling {@code proceed} to run the bean's method
   */
  OwnClassProxies(ClassFilter kind, String method, Class<?>[] parameters, MethodInterceptor interceptor) {
    this.method = method;
    this.parameters = parameters.clone();
    StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {
      @Override
      public boolean matches(Method candidate, Class<?> targetClass) {
        return candidate.getName().equals(method) && Arrays.equals(candidate.getParameterTypes(), parameters);
      }
    };
    pointcut.setClassFilter(kind);
    advisor = new DefaultPointcutAdvisor(pointcut, interceptor);
    setProxyTargetClass(true);
    setBeforeExistingAdvisors(true);
  }

  @Override
  protected void customizeProxyFactory(ProxyFactory proxyFactory) {
    Class<?> target = proxyFactory.getTargetClass();
    if (target != null && (Modifier.isFinal(target.getModifiers()) || interceptedMethodIsFinal(target))) {
      proxyFactory.setProxyTargetClass(false);
      evaluateProxyInterfaces(target, proxyFactory);
    }
  }

  private boolean interceptedMethodIsFinal(Class<?> type) {
    try {
      return Modifier.isFinal(type.getMethod(method, parameters).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
