package org.sanctuaryguard;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

/**
 * Checks that a basis carries the fields its type requires, that its dates are in order, and that a
 * court document does not name a form of DHS's (an I-205 keyed in as a judicial warrant).
 */
final class CompleteBasisValidator implements ConstraintValidator<CompleteBasis, LegalBasis> {

  /** The forms of DHS's administrative warrants and detainers, however they are written. */
  private static final Pattern IMMIGRATION_FORM =
      Pattern.compile("(?i)(?<![a-z0-9])i[- ]?(200|203|205|286|247[a-z]?)(?![0-9])");

  /** Creates the validator; the guard's constraint validator factory calls this. */
  CompleteBasisValidator() {}

  @Override
  public boolean isValid(LegalBasis basis, ConstraintValidatorContext context) {
    context.disableDefaultConstraintViolation();
    boolean valid = true;
    BasisType type = basis.type();
    String required = "is required for " + type.description();
    if (type.isCourtDocument()) {
      valid &= require(basis.issuer().isPresent(), "issuer", required, context);
      valid &= require(basis.signer().isPresent(), "signer", required, context);
      valid &= require(basis.issued().isPresent(), "issued", required, context);
      valid &= require(basis.form().filter(form -> IMMIGRATION_FORM.matcher(form).find()).isEmpty(), "form",
          "names a form of immigration enforcement (I-200, I-203, I-205, I-286, I-247), which an officer signs, not"
              + " a court: its type is administrative-warrant or detainer", context);
    }
    switch (type) {
      case WRITTEN_CONSENT -> {
        valid &= require(basis.signer().isPresent(), "signer", required, context);
        valid &= require(!basis.subjects().isEmpty(), "subjects", required, context);
        valid &= require(!basis.categories().isEmpty(), "categories", required, context);
      }
      case REQUIRED_BY_LAW ->
          valid &= require(basis.citation().filter(c -> !c.isBlank()).isPresent(), "citation", required, context);
      case EXIGENT_CIRCUMSTANCES ->
          valid &= require(basis.description().filter(d -> !d.isBlank()).isPresent(), "description", required, context);
      default -> {}
    }
    if (basis.issued().isPresent()
        && basis.expires().isPresent()
        && basis.expires().get().isBefore(basis.issued().get())) {
      valid &= require(false, "expires", "must not be before issued", context);
    }
    return valid;
  }

  private static boolean require(
      boolean condition, String field, String message, ConstraintValidatorContext context) {
    if (!condition) {
      context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
    }
    return condition;
  }
}
