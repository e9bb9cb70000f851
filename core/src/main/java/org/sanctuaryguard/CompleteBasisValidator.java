package org.sanctuaryguard;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks that a basis carries the fields its type requires and that its dates are in order. */
final class CompleteBasisValidator implements ConstraintValidator<CompleteBasis, LegalBasis> {

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
