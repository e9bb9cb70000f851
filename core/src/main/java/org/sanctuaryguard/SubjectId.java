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
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface SubjectId {}
