package org.sanctuaryguard.spring.city;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.cglib.core.NamingPolicy;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.InvocationHandler;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints that answer with objects of classes made at run time, as a Spring service's do: an
 * interface projection that Spring's {@code ProxyFactory} makes a JDK proxy of, as Spring Data
 * does; views over a record made with {@code java.lang.reflect.Proxy}; a Spring AOP class proxy of
 * an entity ({@code ResidentEntity$$SpringCGLIB$$0}); and a lazy reference to an entity, a subclass
 * generated and named as Hibernate's ({@code ResidentEntity$HibernateProxy$0}). Each looks the
 * resident up first, as a repository would: any other id than {@link Model#SUBJECT} is not found.
 */
@RestController
@RequestMapping("/run-time/residents/{id}")
class ProxiedRecords {

  /** A view of a resident's record, as a Spring Data interface projection declares one. */
  public interface ResidentSummary {
    String getClientId();

    Resident getResident();
  }

  /** A resident's record as a JPA entity is written: a class with a no-argument constructor. */
  public static class ResidentEntity {
    @SubjectId private String clientId = Model.SUBJECT;
    @Protected("identity.name") private String name = Model.NAME;
    @Protected("immigration.status") private String status = Model.STATUS;

    public String getClientId() {
      return clientId;
    }

    public String getName() {
      return name;
    }

    public String getStatus() {
      return status;
    }
  }

  /** Names a generated subclass as Hibernate's Byte Buddy names a lazy reference. */
  private static final NamingPolicy HIBERNATE = (prefix, source, key, names) -> {
    int n = 0;
    while (names.evaluate(prefix + "$HibernateProxy$" + n)) {
      n++;
    }
    return prefix + "$HibernateProxy$" + n;
  };

  /** How many times a handler looked a resident up. */
  final AtomicInteger lookups = new AtomicInteger();

  /**
   * The resident's summary: an opaque JDK proxy made by Spring's {@code ProxyFactory}, as Spring
   * Data makes a projection, whose getters answer from a row as Spring Data projects a native query;
   * it also implements Spring's {@code SpringProxy} and {@code DecoratingProxy}, whose getters are
   * Spring's, not the view's.
   */
  @GetMapping("/summary")
  ResidentSummary summary(@PathVariable @SubjectId String id) {
    return projection(id, true);
  }

  /** The same summary from a proxy that is not opaque: it also implements Spring's {@code Advised}. */
  @GetMapping("/advised")
  ResidentSummary advised(@PathVariable @SubjectId String id) {
    return projection(id, false);
  }

  private ResidentSummary projection(String id, boolean opaque) {
    Map<String, Object> row = Map.of("clientId", lookUp(id), "resident", Model.resident());
    ProxyFactory projection = new ProxyFactory();
    projection.setTarget(row);
    projection.setOpaque(opaque);
    projection.setInterfaces(ResidentSummary.class);
    projection.addAdvice((MethodInterceptor) invocation -> {
      Object value = row.get(property(invocation.getMethod()));
      return value != null ? value : invocation.proceed();
    });
    return (ResidentSummary) projection.getProxy(getClass().getClassLoader());
  }

  /** The resident's summaries: views over the record, made with {@code java.lang.reflect.Proxy}. */
  @GetMapping("/views")
  List<ResidentSummary> views(@PathVariable @SubjectId String id) {
    Map<String, Object> values = Map.of("clientId", lookUp(id), "resident", Model.resident());
    return List.of((ResidentSummary) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ResidentSummary.class}, (proxy, method, arguments) -> switch (method.getName()) {
          case "toString" -> "ResidentSummary view";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == arguments[0];
          default -> values.get(property(method));
        }));
  }

  /** The resident's entity, advised by Spring AOP through a CGLIB subclass, as a class-based proxy is. */
  @GetMapping("/entity")
  ResidentEntity entity(@PathVariable @SubjectId String id) {
    lookUp(id);
    ProxyFactory advised = new ProxyFactory(new ResidentEntity());
    advised.setProxyTargetClass(true);
    return (ResidentEntity) advised.getProxy(getClass().getClassLoader());
  }

  /** A reference to the resident's entity that loads it the first time one of its getters is called. */
  @GetMapping("/reference")
  ResidentEntity reference(@PathVariable @SubjectId String id) {
    lookUp(id);
    Enhancer enhancer = new Enhancer();
    enhancer.setSuperclass(ResidentEntity.class);
    enhancer.setNamingPolicy(HIBERNATE);
    enhancer.setCallback(new LazyInitializer());
    return (ResidentEntity) enhancer.create();
  }

  /** As Hibernate's interceptor: loads the entity when a getter is first called. */
  static final class LazyInitializer implements InvocationHandler {
    private @Nullable ResidentEntity target;

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      ResidentEntity loaded = target;
      if (loaded == null) {
        loaded = new ResidentEntity();
        target = loaded;
      }
      return method.invoke(loaded, arguments);
    }
  }

  private String lookUp(String id) {
    lookups.incrementAndGet();
    if (!Model.SUBJECT.equals(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return id;
  }

  /** The property a getter reads: {@code clientId} for {@code getClientId}. */
  private static String property(Method getter) {
    String name = getter.getName().startsWith("get") ? getter.getName().substring(3) : getter.getName();
    return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }
}
