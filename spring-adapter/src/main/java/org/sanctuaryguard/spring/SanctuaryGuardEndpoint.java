package org.sanctuaryguard.spring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.Recipient;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code sanctuaryguard}: the guard's mode and holder, the packs of its
 * policy with their versions, its recipient directory, and how many decisions it recorded of each
 * outcome since the application started. It shows configuration and counts only: no request, no
 * subject, no document.
 *
 * @since 0.1.0
 */
@Endpoint(id = "sanctuaryguard")
public final class SanctuaryGuardEndpoint {

  private final Guard guard;
  private final DecisionTally tally;

  SanctuaryGuardEndpoint(Guard guard, DecisionTally tally) {
    this.guard = guard;
    this.tally = tally;
  }

  /**
   * Returns what the endpoint shows.
   *
   * @return the guard's description
   */
  @ReadOperation
  public GuardDescriptor guard() {
    List<PackDescriptor> packs = guard.policy().packs().stream().map(PackDescriptor::of).toList();
    List<RecipientDescriptor> directory = guard.policy().directory().all().stream().map(RecipientDescriptor::of).toList();
    return new GuardDescriptor(guard.id(), guard.config().mode().id(), guard.config().holder().id(), packs, directory,
        tally.byOutcome());
  }

  /**
   * The guard, as the endpoint shows it.
   *
   * @param id the guard instance's id, which starts the id of each of its events
   * @param mode {@code enforce} or {@code monitor}
   * @param holder the kind of agency whose data the application holds
   * @param packs the packs of the policy, in order
   * @param directory the recipients the guard knows, by id
   * @param decisions how many decisions were recorded, by outcome
   * @since 0.1.0
   */
  public record GuardDescriptor(String id, String mode, String holder, List<PackDescriptor> packs,
      List<RecipientDescriptor> directory, Map<String, Long> decisions) {}

  /**
   * A pack of the policy.
   *
   * @param id its id, for example {@code nyc}
   * @param version its version
   * @param title its title
   * @param jurisdiction the jurisdiction whose law it encodes
   * @param rules how many rules it has
   * @since 0.1.0
   */
  public record PackDescriptor(String id, String version, String title, String jurisdiction, int rules) {

    static PackDescriptor of(PolicyPack pack) {
      return new PackDescriptor(pack.id(), pack.version(), pack.title(), pack.jurisdiction(), pack.ruleIds().size());
    }
  }

  /**
   * A recipient of the directory.
   *
   * @param id its id
   * @param name its name
   * @param recipientClass its class
   * @param parent the id of its parent agency, or null
   * @param hosts the host names that resolve to it
   * @param emailDomains the e-mail domains that resolve to it
   * @param oriCodes its ORI codes
   * @since 0.1.0
   */
  public record RecipientDescriptor(String id, String name, String recipientClass, @Nullable String parent,
      Set<String> hosts, Set<String> emailDomains, Set<String> oriCodes) {

    static RecipientDescriptor of(Recipient recipient) {
      return new RecipientDescriptor(recipient.id(), recipient.name(), recipient.recipientClass().id(),
          recipient.parent(), recipient.hosts(), recipient.emailDomains(), recipient.oriCodes());
    }
  }
}
