package org.sanctuaryguard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tests a request's legal basis against a rule's {@link Rule.BasisTest}, and says in a caseworker's
 * words which check failed. Messages never repeat free text from the document or the request: they
 * name types, roles, dates, form numbers and categories.
 *
 * <p>Court documents carry implicit checks a pack need not spell out: the issuer must be a court
 * and, for judicial types, the signer a judge; their authenticity must be verified, and a document
 * that passes everything but that is escalated rather than refused.
 */
final class BasisTester {

  private static final Set<SignerRole> JUDGES =
      EnumSet.of(SignerRole.ARTICLE_III_JUDGE, SignerRole.MAGISTRATE_JUDGE, SignerRole.STATE_JUDGE);

  /** The names by which an issuer is one of immigration enforcement's agencies, as whole words. */
  private static final Set<String> IMMIGRATION_AGENCIES = Set.of("dhs", "ice", "cbp", "hsi", "uscis", "ero", "eoir");

  private BasisTester() {}

  /**
   * What a test found, apart from whether each category is in scope: the failures, and what only
   * counsel can settle (a court document not yet verified, or one that names every person).
   */
  record Finding(List<String> failures, List<String> forCounsel) {

    /** Whether the document passes every test but its scope, which is settled category by category. */
    boolean passes() {
      return failures.isEmpty();
    }

    /** Whether only counsel can settle it. */
    boolean needsCounsel() {
      return !forCounsel.isEmpty();
    }
  }

  /** Returns whether the test is about documents of this type at all; if not, {@link #test} has nothing to say. */
  static boolean concerns(Rule.BasisTest test, BasisType type) {
    return test.types().contains(type);
  }

  /** Tests the request's document, of a type the test {@linkplain #concerns concerns}, as of {@code today}. */
  static Finding test(Rule.BasisTest test, DisclosureRequest request, LocalDate today) {
    LegalBasis basis = request.basis();
    BasisType type = basis.type();
    List<String> failures = new ArrayList<>();
    if (type != BasisType.NONE) {
      for (String problem : basis.problems()) {
        failures.add("the document is incomplete: " + problem);
      }
    }
    if (type.isCourtDocument()) {
      issuer(test.issuer() == null ? Rule.IssuerTest.COURT : test.issuer(), basis, failures);
    } else if (test.issuer() != null) {
      issuer(test.issuer(), basis, failures);
    }
    Set<SignerRole> roles = test.signerRoles().isEmpty() && type.isJudicial() ? JUDGES : test.signerRoles();
    basis.signer().ifPresent(signer -> signer(roles, signer.role(), failures));
    if (test.dates()) {
      dates(basis, today, failures);
    }
    if (!test.citations().isEmpty()) {
      List<String> accepted = test.citations().stream().map(Citations::normalize).toList();
      if (!Citations.anyMatch(basis.citation().orElse(""), accepted)) {
        failures.add("the law cited is not one this rule accepts (" + String.join("; ", test.citations()) + ")");
      }
    }
    if (type == BasisType.WRITTEN_CONSENT) {
      consent(basis, request, failures);
    }
    List<String> forCounsel = new ArrayList<>();
    if (test.scope() && needsScope(type)) {
      subjects(basis, request, failures, forCounsel);
    }
    if (type.isCourtDocument() && !basis.authenticity().verified()) {
      forCounsel.add("its authenticity has not been verified with the court");
    }
    return new Finding(failures, forCounsel);
  }

  /** Returns whether {@code category} is inside the document's scope, or the test does not ask. */
  static boolean inScope(Rule.BasisTest test, LegalBasis basis, long[] documentScope, Category category) {
    return !test.scope() || !needsScope(basis.type()) || Bits.get(documentScope, category.index);
  }

  /** Says why {@code category} is outside the document's scope. */
  static String outOfScope(LegalBasis basis, Category category) {
    return basis.categories().isEmpty()
        ? "the document does not say which records it covers"
        : "the document does not cover " + category.key();
  }

  /** Describes what the basis tests of a rule's alternatives accept, types then signers. */
  static String accepted(List<Rule.Alternative> alternatives) {
    Set<BasisType> types = java.util.EnumSet.noneOf(BasisType.class);
    Set<SignerRole> roles = java.util.EnumSet.noneOf(SignerRole.class);
    for (Rule.Alternative alternative : alternatives) {
      if (alternative.basis() != null) {
        types.addAll(alternative.basis().types());
        roles.addAll(alternative.basis().signerRoles());
      }
    }
    return accepted(types, roles);
  }

  static boolean needsScope(BasisType type) {
    return type != BasisType.NONE
        && type != BasisType.REQUIRED_BY_LAW
        && type != BasisType.EXIGENT_CIRCUMSTANCES;
  }

  static String refusal(LegalBasis basis) {
    String form = basis.form().map(f -> "Form " + f).orElse(null);
    SignerRole role = basis.signer().map(Signer::role).orElse(null);
    return switch (basis.type()) {
      case NONE -> "no legal document was presented";
      case ADMINISTRATIVE_WARRANT ->
          "signed by "
              + (role == null ? SignerRole.IMMIGRATION_OFFICER.description() : role.description())
              + ", not a judge: "
              + (form == null ? "it" : form)
              + " is an administrative warrant";
      case DETAINER ->
          (form == null ? "an immigration detainer" : form)
              + " is a request from an immigration officer, not an order of a judge";
      case ADMINISTRATIVE_SUBPOENA ->
          (form == null ? "an administrative subpoena" : form)
              + " is issued by an agency, not a court; it binds only once a court orders compliance";
      case CLERK_SUBPOENA -> "a subpoena issued by a clerk or an attorney is not signed by a judge";
      default -> capitalize(basis.type().description()) + " is not enough here";
    };
  }

  private static String accepted(Set<BasisType> types, Set<SignerRole> roles) {
    String accepted = join(types.stream().map(BasisType::description).toList());
    if (!roles.isEmpty()) {
      accepted += " signed by " + join(roles.stream().map(SignerRole::description).toList());
    }
    return accepted;
  }

  private static void issuer(Rule.IssuerTest test, LegalBasis basis, List<String> failures) {
    String issuer = basis.issuer().orElse(null);
    if (issuer == null) {
      failures.add("the document does not name its issuer; it must be issued by " + test.description());
      return;
    }
    String text = issuer.toLowerCase(Locale.ROOT);
    Set<String> words = Arrays.stream(text.split("[^a-z0-9]+")).collect(Collectors.toSet());
    boolean immigration =
        text.contains("immigration")
            || text.contains("homeland security")
            || text.contains("executive office for")
            || words.stream().anyMatch(IMMIGRATION_AGENCIES::contains);
    boolean court = text.contains("court") && !immigration;
    boolean federal = text.contains("united states") || text.contains("u.s.") || text.contains("federal")
        || words.contains("us") || words.contains("usdc");
    if (!court) {
      failures.add(
          immigration && text.contains("court")
              ? "issued by an immigration court, which belongs to the Department of Justice, not to the judiciary"
              : "issued by an agency, not a court");
    } else if (test == Rule.IssuerTest.FEDERAL_COURT && !federal) {
      failures.add("issued by a state court; this rule needs a federal court");
    } else if (test == Rule.IssuerTest.STATE_COURT && federal) {
      failures.add("issued by a federal court; this rule needs a state court");
    }
    SignerRole role = basis.signer().map(Signer::role).orElse(null);
    if (court && role != null && role.isJudge() && (role == SignerRole.STATE_JUDGE) == federal) {
      // a keying mistake, or a forgery: either way the document does not say who issued it
      failures.add("signed by " + role.description() + " but issued by a " + (federal ? "federal" : "state")
          + " court: the signer and the issuer disagree");
    }
  }

  private static void signer(Set<SignerRole> roles, SignerRole role, List<String> failures) {
    if (roles.isEmpty() || roles.contains(role)) {
      return;
    }
    if (role.isJudge()) {
      failures.add(
          "signed by " + role.description() + "; this rule needs "
              + join(roles.stream().map(SignerRole::description).toList()));
    } else {
      failures.add("signed by " + role.description() + ", not a judge");
    }
  }

  private static void dates(LegalBasis basis, LocalDate today, List<String> failures) {
    basis.issued().filter(issued -> issued.isAfter(today))
        .ifPresent(issued -> failures.add("dated " + issued + ", after the request (" + today + ")"));
    basis.expires().filter(expires -> expires.isBefore(today))
        .ifPresent(expires -> failures.add("expired on " + expires + ", before the request (" + today + ")"));
  }

  private static void consent(LegalBasis basis, DisclosureRequest request, List<String> failures) {
    String recipient = basis.recipient().orElse(null);
    if (recipient == null) {
      failures.add("the consent does not name the recipient it was given for");
    } else if (!recipient.equals(request.recipient().id())) {
      failures.add("the consent was given for another recipient");
    }
    Purpose purpose = basis.purpose().orElse(null);
    if (purpose == null) {
      failures.add("the consent does not name the purpose it was given for");
    } else if (purpose != request.purpose()) {
      failures.add("the consent was given for another purpose (" + purpose + ")");
    }
  }

  private static void subjects(
      LegalBasis basis, DisclosureRequest request, List<String> failures, List<String> forCounsel) {
    Set<String> named = basis.subjects();
    if (named.contains(DisclosureRequest.ALL_SUBJECTS)) {
      if (basis.type() == BasisType.WRITTEN_CONSENT) {
        failures.add("consent is given by a person for themselves; it cannot name every person");
      } else if (basis.type().isCourtDocument()) {
        forCounsel.add("the document names no particular person but every one, which a warrant or order must do");
      }
      return;
    }
    if (request.subjects().contains(DisclosureRequest.ALL_SUBJECTS)) {
      failures.add("the request covers every subject, but the document names particular people");
    } else if (request.hasUnnamedSubject()) {
      failures.add("the payload holds protected values of a person it does not identify (no subject id), whom the"
          + " document cannot be shown to name");
    } else if (request.subjects().isEmpty()) {
      failures.add("the request names no subject, so the document's scope cannot be checked");
    } else if (!named.containsAll(request.subjects())) {
      failures.add("the document does not name every person the request is about");
    }
  }

  /** Says what document met a test: its type, form and signer. */
  static String met(LegalBasis basis) {
    StringBuilder met = new StringBuilder("met by ").append(basis.type().description());
    basis.form().ifPresent(form -> met.append(" (Form ").append(form).append(')'));
    basis.signer().ifPresent(signer -> met.append(" signed by ").append(signer.role().description()));
    return met.toString();
  }

  static String join(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + items.get(items.size() - 1);
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
