package org.sanctuaryguard.redaction;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.SubjectId;

/**
 * A resident's case file as a JPA entity is written: a class with a no-argument constructor and
 * getters, which Spring and Hibernate proxy by generating subclasses of it at run time. The two
 * subclasses below are written as those libraries generate them, since the guard sees a class only
 * by reflection: top-level classes named after the class they extend, with fields of their own for
 * their machinery, overriding each getter to answer from the object they stand for, whose values
 * their own inherited fields never hold.
 */
class CaseFile {

  /** The case files stored, as a database holds them: out of the guard's sight until one is loaded. */
  static final Map<String, CaseFile> STORED = Map.of("C-9", new CaseFile("C-9", "Marta Quispe", "tps", "Jamaica"));

  @SubjectId
  private @Nullable String clientId;
  @Protected("identity.name")
  private @Nullable String name;
  @Protected("immigration.status")
  private @Nullable String status;
  private @Nullable String office;

  CaseFile() {}

  CaseFile(String clientId, String name, String status, String office) {
    this.clientId = clientId;
    this.name = name;
    this.status = status;
    this.office = office;
  }

  public @Nullable String getClientId() {
    return clientId;
  }

  public @Nullable String getName() {
    return name;
  }

  public @Nullable String getStatus() {
    return status;
  }

  public @Nullable String getOffice() {
    return office;
  }

  /** What Spring's {@code ProxyFactory} makes of a case file with {@code proxyTargetClass}: a CGLIB subclass. */
  static CaseFile springProxy(CaseFile target) {
    return new CaseFile$$SpringCGLIB$$0(target);
  }

  /** What Hibernate makes of a reference to a stored case file that is not loaded yet: a ByteBuddy subclass. */
  static CaseFile lazyReference(String clientId) {
    return new CaseFile$HibernateProxy$Q7d2(clientId);
  }

  /** A subclass of the application's own, declared in the class it extends, as javac names it: no proxy. */
  static final class Draft extends CaseFile {
    private @Nullable String reviewer;

    Draft() {}

    Draft(String clientId, String name, String reviewer) {
      super(clientId, name, "pending", "Canal St");
      this.reviewer = reviewer;
    }

    /** Not what the field holds: the guard reads an application's own class by its fields. */
    @Override
    public String getName() {
      return "draft of " + reviewer;
    }
  }
}

/**
 * As Spring's CGLIB writes a class proxy: callback fields, the first of which holds the advice and
 * the target, and every getter asking the target, whose values the proxy's own fields never hold.
 */
final class CaseFile$$SpringCGLIB$$0 extends CaseFile {

  /** As Spring's {@code AdvisedSupport}: the target and the advice chain, which hold no value of the record. */
  static final class Advised {
    final CaseFile target;
    final List<Object> advisors = List.of(new Object());

    Advised(CaseFile target) {
      this.target = target;
    }
  }

  /** As Spring's {@code DynamicAdvisedInterceptor}: no no-argument constructor. */
  static final class DynamicAdvisedInterceptor {
    final Advised advised;

    DynamicAdvisedInterceptor(Advised advised) {
      this.advised = advised;
    }
  }

  private boolean CGLIB$BOUND;
  private final DynamicAdvisedInterceptor CGLIB$CALLBACK_0;

  CaseFile$$SpringCGLIB$$0(CaseFile target) {
    CGLIB$CALLBACK_0 = new DynamicAdvisedInterceptor(new Advised(target));
    CGLIB$BOUND = true;
  }

  @Override
  public @Nullable String getClientId() {
    return CGLIB$BOUND ? CGLIB$CALLBACK_0.advised.target.getClientId() : super.getClientId();
  }

  @Override
  public @Nullable String getName() {
    return CGLIB$BOUND ? CGLIB$CALLBACK_0.advised.target.getName() : super.getName();
  }

  @Override
  public @Nullable String getStatus() {
    return CGLIB$BOUND ? CGLIB$CALLBACK_0.advised.target.getStatus() : super.getStatus();
  }

  @Override
  public @Nullable String getOffice() {
    return CGLIB$BOUND ? CGLIB$CALLBACK_0.advised.target.getOffice() : super.getOffice();
  }
}

/**
 * As Hibernate's ByteBuddy writes a lazy reference: an interceptor field with the entity's name and
 * id, which loads the entity from the session the first time a getter is called.
 */
final class CaseFile$HibernateProxy$Q7d2 extends CaseFile {

  /** As Hibernate's {@code ByteBuddyInterceptor}: the id, and the target once loaded. */
  static final class Interceptor {
    final String entityName = CaseFile.class.getName();
    final String id;
    @Nullable CaseFile target;

    Interceptor(String id) {
      this.id = id;
    }

    CaseFile implementation() {
      CaseFile loaded = target;
      if (loaded == null) {
        loaded = STORED.get(id);
        if (loaded == null) {
          throw new IllegalStateException("Unable to find " + entityName + " with id " + id);
        }
        target = loaded;
      }
      return loaded;
    }
  }

  private final Interceptor $$_hibernate_interceptor;

  CaseFile$HibernateProxy$Q7d2(String id) {
    $$_hibernate_interceptor = new Interceptor(id);
  }

  @Override
  public @Nullable String getClientId() {
    return $$_hibernate_interceptor.implementation().getClientId();
  }

  @Override
  public @Nullable String getName() {
    return $$_hibernate_interceptor.implementation().getName();
  }

  @Override
  public @Nullable String getStatus() {
    return $$_hibernate_interceptor.implementation().getStatus();
  }

  @Override
  public @Nullable String getOffice() {
    return $$_hibernate_interceptor.implementation().getOffice();
  }
}
