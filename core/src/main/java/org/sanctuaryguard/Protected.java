package org.sanctuaryguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags a field, record component or getter as protected personal data of the given categories.
 * A guard releases it only when its decision releases every one of its categories; otherwise the
 * released copy holds it as absent ({@code null}, an empty collection, {@code Optional.empty()}).
 *
 * <pre>{@code
 * record Resident(
 *     @SubjectId String clientId,
 *     @Protected("identity.name") String name,
 *     @Protected("immigration.status") String status,
 *     @Protected({"location.home-address"}) Address address,
 *     int household) {}
 * }</pre>
 *
 * <p>Protected properties must be of reference types: a withheld {@code int} or {@code boolean}
 * would read as a real value; and instance fields: the guard and Jackson never read a static one
 * (an interface's constants are static).
 * Tagging errors are reported, naming the class and the property, the first time a guard meets the
 * class. Classes that cannot be annotated are registered with {@link
 * ProtectedProperties} instead.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Protected {

  /** The category keys of the value, for example {@code "location.home-address"}. */
  String[] value();
}
