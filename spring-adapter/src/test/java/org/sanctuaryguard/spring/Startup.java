package org.sanctuaryguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

/** Start-up failures of the adapter, as Spring Boot's failure analysis reports them. */
final class Startup {

  private Startup() {}

  /**
   * Asserts that the context failed on a property: the failure names it and its value, and gives a
   * reason.
   */
  static InvalidConfigurationPropertyValueException failedOn(ApplicationContextAssertProvider<?> context, String property,
      Object value, String reason) {
    Throwable cause = context.getStartupFailure();
    assertThat(cause).as("the context failed to start").isNotNull();
    while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("the failure names a property").isInstanceOf(InvalidConfigurationPropertyValueException.class);
    InvalidConfigurationPropertyValueException invalid = (InvalidConfigurationPropertyValueException) cause;
    assertThat(invalid.getName()).isEqualTo(property);
    assertThat(String.valueOf(invalid.getValue())).isEqualTo(String.valueOf(value));
    assertThat(invalid.getReason()).contains(reason);
    return invalid;
  }
}
