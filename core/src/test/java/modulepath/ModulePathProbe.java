package modulepath;

import java.time.Instant;
import org.sanctuaryguard.BasisType;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.LegalBasis;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Purpose;

/** Run by {@link ModulePathTest} on the class path, in a JVM where the core is a named module. */
public final class ModulePathProbe {

  private ModulePathProbe() {}

  public static void main(String[] args) {
    Policy policy = Policy.of(PolicyPack.builtin("nyc"), PolicyPack.builtin("new-york-state"));
    LegalBasis unsigned = LegalBasis.builder(BasisType.JUDICIAL_WARRANT).issuer("United States District Court").build();
    Decision decision = policy.decide(policy.request().recipient("cbp").holder(Holder.MOTOR_VEHICLES)
        .purpose(Purpose.CRIMINAL_INVESTIGATION).categories("vehicle.dmv-record").subjects("S-1").basis(unsigned)
        .at(Instant.parse("2026-06-01T12:00:00Z")).build());
    System.out.println("module=" + Policy.class.getModule().getName());
    System.out.println("outcome=" + decision.outcome());
    System.out.println("problems=" + unsigned.problems());
  }
}
