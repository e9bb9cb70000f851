package org.sanctuaryguard.examples.plain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.DisclosureRefusedException;
import org.sanctuaryguard.DisclosureRequest;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Protected;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.Release;
import org.sanctuaryguard.SignerRole;
import org.sanctuaryguard.SubjectId;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.GuardLogVerifier;
import org.sanctuaryguard.audit.SigningKeys;

/**
 * The guard on the core alone, in the order a city developer meets it: a record tagged once; a
 * guard with the packs of New York City, New York State and federal law, writing its decisions to
 * a signed, hash-chained guard log; three requests for the same resident, released in full, in
 * part, or refused; and the log verified as a security reviewer would.
 *
 * <p>Run it with {@code ./mvnw -q -B install -DskipTests -pl examples/plain-java -am} and then
 * {@code ./mvnw -q -B exec:java -pl examples/plain-java}; it writes the log and its key pair into
 * the directory given as argument, or into a new temporary directory.
 */
public final class PlainJavaExample {

  /**
   * A resident's intake record, tagged once: the subject id says whose data it is, and each
   * protected property names its category. The office is not personal data.
   */
  public record Resident(
      @SubjectId String clientId,
      @Protected("identity.name") String name,
      @Protected("immigration.status") String immigrationStatus,
      @Protected("location.home-address") String homeAddress,
      @Protected("benefits.receipt") String benefits,
      String office) {}

  private PlainJavaExample() {}

  /**
   * Runs the example in the directory given as the only argument, or in a new temporary one; exits
   * with status 1 if the log does not verify.
   */
  public static void main(String[] args) throws IOException {
    Path directory = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
        : Files.createTempDirectory("sanctuary-guard-example");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (!run(directory, out).intact()) {
      System.exit(1);
    }
  }

  /**
   * Decides the three requests with a guard that writes to a guard log in {@code directory}, prints
   * what each released, then verifies the log with the public key and prints the verification.
   *
   * @return the verification of the log the guard wrote
   */
  public static GuardLogVerifier.Result run(Path directory, PrintStream out) {
    Path log = directory.resolve("guard-log");
    KeyPair keys = SigningKeys.generate();
    SigningKeys.write(keys, directory.resolve("guard-log-signing.pem"), directory.resolve("guard-log-public.pem"));
    byte[] pseudonymKey = new byte[32];
    new SecureRandom().nextBytes(pseudonymKey);

    Resident resident = new Resident("C-1001", "Ana Diaz", "asylum-pending", "12 Canal St, New York",
        "rental assistance", "Canal St Job Center");
    out.println("Sanctuary Guard on the core alone: one resident, three requests, a guard log.");
    out.println("The record: " + resident);

    try (Guard guard = Guard.of(GuardConfig.custom()
        .policy(Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"), PolicyPack.builtin("federal")))
        .holder(Holder.SOCIAL_SERVICES)
        .pseudonymKey(pseudonymKey)
        .auditSinks(GuardLogSink.builder(log).signingKey(keys.getPrivate()).build())
        .build())) {

      disclose(out, guard, resident, "1. A caseworker of another city agency, to deliver a service",
          guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY));

      disclose(out, guard, resident, "2. NYPD, asking about a resident without naming an investigation",
          guard.request().recipient("nypd").purpose(Purpose.OTHER));

      disclose(out, guard, resident, "3. ICE ERO, with an I-200 signed by an immigration officer",
          guard.request().recipient("ice-ero").purpose(Purpose.CIVIL_IMMIGRATION_ENFORCEMENT)
              .basis(LegalBasis.builder(BasisType.ADMINISTRATIVE_WARRANT)
                  .form("I-200")
                  .issuer("U.S. Department of Homeland Security, Immigration and Customs Enforcement")
                  .signer("Supervisory Detention and Deportation Officer R. Roe", SignerRole.IMMIGRATION_OFFICER)
                  .issued(LocalDate.now().minusDays(3))
                  .subjects(resident.clientId())
                  .build()));
    }

    GuardLogVerifier.Result result = GuardLogVerifier.create().withPublicKeys(keys.getPublic()).verify(log);
    out.println();
    out.println("The guard log, verified with the public key " + directory.resolve("guard-log-public.pem") + ":");
    out.println(result.render());
    return result;
  }

  private static void disclose(PrintStream out, Guard guard, Resident resident, String title,
      DisclosureRequest.Builder request) {
    out.println();
    out.println(title);
    try {
      Release<Resident> release = guard.release(resident, request);
      Decision decision = release.decision().orElseThrow();
      describe(out, decision);
      out.println("   sent:     " + release.copy());
    } catch (DisclosureRefusedException refused) {
      describe(out, refused.decision());
      out.println("   sent:     nothing");
    }
  }

  private static void describe(PrintStream out, Decision decision) {
    out.println("   outcome:  " + decision.outcome());
    out.println("   released: " + keys(decision.released()));
    out.println("   withheld: " + keys(decision.withheld()));
    if (!decision.escalated().isEmpty()) {
      out.println("   to counsel: " + keys(decision.escalated()));
    }
    decision.reasons().forEach(reason -> out.println("   because:  " + reason));
    decision.obligations().forEach(obligation -> out.println("   must:     " + obligation));
    out.println("   recorded: " + decision.auditEventId().orElse("(not recorded)"));
  }

  private static String keys(java.util.Set<? extends Object> categories) {
    return categories.isEmpty() ? "(none)"
        : categories.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
  }
}
