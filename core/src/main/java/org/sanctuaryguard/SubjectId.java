package org.sanctuaryguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags the field, record component or getter that holds the id of the person a record is about, so
 * that a request made from a payload knows whose data it is. Guard events record it only as a keyed
 * pseudonym. A collection, an array or an {@code Optional} of ids names each id it holds; a {@code
 * char[]} is one id, and so is a {@code byte[]}, read as its bytes in lowercase hexadecimal.
 *
 * <p>On a parameter of a handler method, the Spring Boot adapter reads it as the person a request
 * asks about: a path variable ({@code @PathVariable @SubjectId String id}) or a request parameter
 * ({@code @RequestParam @SubjectId String client}).
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface SubjectId {}
