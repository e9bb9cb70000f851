package org.sanctuaryguard;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A legal basis carries what its type requires, and its dates are in order. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CompleteBasisValidator.class)
@interface CompleteBasis {

  String message() default "is incomplete";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
