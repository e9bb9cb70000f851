package org.sanctuaryguard.benchmarks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Category;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Signer;

/**
 * A request's attributes in the flat form that the general policy engines read: strings for the
 * vocabulary, epoch days for dates, and what a city would compute before asking such an engine
 * (whether the issuer is a court, whether the document names every subject of the request), since
 * neither jCasbin's nor Cedar's expression language can do it. The guard reads the request itself;
 * the engines' benchmarks build these inputs at set-up, so their times leave this work out.
 *
 * @param recipientClass the recipient's class, {@code unknown} for an address nothing resolves
 * @param purpose the purpose
 * @param basisType the type of the document presented, {@code none} if none was
 * @param issuedByCourt whether its issuer is a court, and not an immigration court or an agency
 * @param signerRole the role of its signer, {@code none} if it names none
 * @param verified whether its authenticity was verified
 * @param issued the epoch day it was issued, or the earliest day if it names none
 * @param expires the epoch day it expires, or the latest day if it names none
 * @param day the epoch day of the request, in the zone the rules read dates in
 * @param namesEverySubject whether it names each subject of the request, and not "every person"
 * @param documentCategories the categories it covers
 * @param categories the categories asked for, in the request's order
 */
record EngineInputs(
    String recipientClass,
    String purpose,
    String basisType,
    boolean issuedByCourt,
    String signerRole,
    boolean verified,
    long issued,
    long expires,
    long day,
    boolean namesEverySubject,
    List<String> documentCategories,
    List<Category> categories) {

  /** Reads the attributes of {@code request}, made at its time, with dates read in {@code zone}. */
  static EngineInputs of(DisclosureRequest request, ZoneId zone) {
    LegalBasis basis = request.basis();
    Set<String> named = basis.subjects();
    Set<String> asked = request.subjects();
    return new EngineInputs(
        request.recipient().recipientClass().id(),
        request.purpose().id(),
        basis.type().id(),
        basis.type() != BasisType.NONE && basis.issuer().map(EngineInputs::isCourt).orElse(false),
        basis.signer().map(Signer::role).map(role -> role.id()).orElse("none"),
        basis.authenticity().verified(),
        basis.issued().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE),
        basis.expires().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE),
        LocalDate.ofInstant(request.at().orElseThrow(), zone).toEpochDay(),
        !named.contains(DisclosureRequest.ALL_SUBJECTS)
            && !asked.contains(DisclosureRequest.ALL_SUBJECTS)
            && !asked.isEmpty()
            && named.containsAll(asked),
        List.copyOf(basis.categories()),
        List.copyOf(request.categories()));
  }

  /** The guard's reading of an issuer: a court, and not an immigration court or an agency. */
  private static boolean isCourt(String issuer) {
    String text = issuer.toLowerCase(Locale.ROOT);
    return text.contains("court") && !text.contains("immigration") && !text.contains("homeland security");
  }
}
