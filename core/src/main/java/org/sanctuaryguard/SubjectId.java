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
 * <p>A protected value is of the person whose id the object holding it carries. An object whose
 * class has no subject id is taken to be about the person of the object it is in (an address in a
 * resident's record); one about someone else (a household's members) needs a subject id of its own.
 * A protected value of no identified person (its object's id is null, or no object above it has a
 * subject id) makes the request cover someone it does not name, whom no document naming particular
 * people can be shown to cover.
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
