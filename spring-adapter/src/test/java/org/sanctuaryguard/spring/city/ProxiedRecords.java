package org.sanctuaryguard.spring.city;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.spring.city.Model.Resident;
import org.sanctuaryguard.spring.city.Model.ResidentEntity;
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
 * does; views over records made with {@code java.lang.reflect.Proxy}; a Spring AOP class proxy of
 * an entity ({@code ResidentEntity$$SpringCGLIB$$0}); a lazy reference to an entity not loaded yet,
 * a subclass generated, named and shaped as Hibernate's ({@code ResidentEntity$HibernateProxy$0});
 * and a record holding a lambda that captured a resident's record. Each looks the resident up first,
 * as a repository would: any other id than {@link Model#SUBJECT} is not found.
 */
@RestController
@RequestMapping("/run-time/residents/{id}")
class ProxiedRecords {

  /** A view of a resident's record, as a Spring Data interface projection declares one. */
  public interface ResidentSummary {
    String getClientId();

    Resident getResident();
  }

  /** A record that holds a resident's record as a function that gives it. */
  public record Deferred(String clientId, Supplier<Resident> record) {}

  /** Names a generated subclass as Hibernate's ByteBuddy names a lazy reference. */
  private static final NamingPolicy HIBERNATE = (prefix, source, key, names) -> {
    int n = 0;
    while (names.evaluate(prefix + "$HibernateProxy$" + n)) {
      n++;
    }
    return prefix + "$HibernateProxy$" + n;
  };

  /** How many times a handler looked a resident up. */
  final AtomicInteger lookups = new AtomicInteger();

  /** The resident's summary: a JDK proxy whose getters answer from a row, as Spring Data projects a native query. */
  @GetMapping("/summary")
  ResidentSummary summary(@PathVariable @SubjectId String id) {
    Map<String, Object> row = Map.of("clientId", lookUp(id), "resident", Model.resident());
    ProxyFactory projection = new ProxyFactory();
    projection.setTarget(row);
    projection.setOpaque(true);
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
    Resident resident = Model.resident();
    Map<String, Object> values = Map.of("clientId", lookUp(id), "resident", resident);
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
    ProxyFactory advised = new ProxyFactory(Model.residentEntity());
    advised.setProxyTargetClass(true);
    return (ResidentEntity) advised.getProxy(getClass().getClassLoader());
  }

  /** A reference to the resident's entity that loads it the first time one of its getters is called. */
  @GetMapping("/reference")
  ResidentEntity reference(@PathVariable @SubjectId String id) {
    String clientId = lookUp(id);
    Enhancer enhancer = new Enhancer();
    enhancer.setSuperclass(ResidentEntity.class);
    enhancer.setNamingPolicy(HIBERNATE);
    enhancer.setCallback(new LazyInitializer(clientId));
    return (ResidentEntity) enhancer.create();
  }

  /** The resident's record, held as a lambda that captured it. */
  @GetMapping("/later")
  Deferred later(@PathVariable @SubjectId String id) {
    Resident resident = Model.resident();
    return new Deferred(lookUp(id), () -> resident);
  }

  /** As Hibernate's interceptor: the id of what it stands for, and the entity once it loaded it. */
  static final class LazyInitializer implements InvocationHandler {
    private final String id;
    private @Nullable ResidentEntity target;

    LazyInitializer(String id) {
      this.id = id;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      ResidentEntity loaded = target;
      if (loaded == null) {
        // the database: out of the guard's sight until a getter loads the entity
        loaded = Model.SUBJECT.equals(id) ? Model.residentEntity() : null;
        if (loaded == null) {
          throw new IllegalStateException("no entity with id " + id);
        }
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
