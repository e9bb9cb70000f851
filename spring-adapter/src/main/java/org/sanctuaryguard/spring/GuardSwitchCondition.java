package org.sanctuaryguard.spring;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnGuardSwitch}. */
final class GuardSwitchCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes = Objects.requireNonNull(
        metadata.getAnnotationAttributes(ConditionalOnGuardSwitch.class.getName()), "attributes");
    for (String name : (String[]) attributes.get("value")) {
      String value = context.getEnvironment().getProperty(name);
      if (value == null) {
        continue;
      }
      Boolean on;
      try {
        on = context.getEnvironment().getProperty(name, Boolean.class);
      } catch (RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException(name, value,
            "a switch is true or false; a value it cannot read does not turn the guard off");
      }
      if (Boolean.FALSE.equals(on)) {
        return ConditionOutcome.noMatch(name + " is off");
      }
    }
    return ConditionOutcome.match("the guard's switches are on");
  }
}
