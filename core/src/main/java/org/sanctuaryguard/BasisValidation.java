package org.sanctuaryguard;

import jakarta.validation.Configuration;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bean Validation of legal bases. The provider (Hibernate Validator at run time) is bootstrapped
 * once, with a message interpolator that needs no Expression Language.
 */
final class BasisValidation {

  private BasisValidation() {}

  static List<String> problems(LegalBasis basis) {
    List<String> problems = new ArrayList<>();
    for (ConstraintViolation<LegalBasis> violation : Holder.VALIDATOR.validate(basis)) {
      String path = violation.getPropertyPath().toString().replaceAll("\\[\\]\\.?<[^>]*>", "");
      problems.add((path.isEmpty() ? "document" : path) + ": " + violation.getMessage());
    }
    problems.sort(null);
    return List.copyOf(problems);
  }

  private static final class Holder {
    @SuppressWarnings("resource") // lives as long as the class loader: validators are shared
    static final Validator VALIDATOR = bootstrap();

    private static Validator bootstrap() {
      Configuration<?> configuration = Validation.byDefaultProvider().configure();
      ConstraintValidatorFactory providers = configuration.getDefaultConstraintValidatorFactory();
      ValidatorFactory factory =
          configuration
              .messageInterpolator(new AttributeInterpolator())
              .constraintValidatorFactory(new OwnValidators(providers))
              .buildValidatorFactory();
      return factory.getValidator();
    }
  }

  /** Creates the library's own, package-private, validators; the provider creates the others. */
  private record OwnValidators(ConstraintValidatorFactory provider) implements ConstraintValidatorFactory {

    @Override
    public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
      if (key == CompleteBasisValidator.class) {
        return key.cast(new CompleteBasisValidator());
      }
      return provider.getInstance(key);
    }

    @Override
    public void releaseInstance(ConstraintValidator<?, ?> instance) {
      if (!(instance instanceof CompleteBasisValidator)) {
        provider.releaseInstance(instance);
      }
    }
  }

  /** Replaces {@code {name}} with the constraint's attribute of that name; nothing else. */
  static final class AttributeInterpolator implements MessageInterpolator {

    @Override
    public String interpolate(String template, Context context) {
      Map<String, Object> attributes = context.getConstraintDescriptor().getAttributes();
      StringBuilder out = new StringBuilder(template.length());
      int i = 0;
      while (i < template.length()) {
        char c = template.charAt(i);
        int close = c == '{' ? template.indexOf('}', i) : -1;
        if (close > i) {
          Object value = attributes.get(template.substring(i + 1, close));
          if (value != null) {
            out.append(value);
            i = close + 1;
            continue;
          }
        }
        out.append(c);
        i++;
      }
      return out.toString();
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
      return interpolate(template, context);
    }
  }
}
