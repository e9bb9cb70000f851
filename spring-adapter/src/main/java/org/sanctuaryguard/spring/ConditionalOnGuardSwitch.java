package org.sanctuaryguard.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches unless one of the switches is off: each property, when set, must read as a boolean as
 * Spring reads one ({@code true}, {@code on}, {@code yes}, {@code 1}, and their opposites), and a
 * value that does not stops start-up naming it, since a mistyped switch must not turn the guard off.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Conditional(GuardSwitchCondition.class)
@interface ConditionalOnGuardSwitch {

  /** The switches' property names, all of which must be on or unset. */
  String[] value();
}
