package org.sanctuaryguard.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.Categories;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.GuardConfig;
import org.sanctuaryguard.InvalidProtectionException;
import org.sanctuaryguard.Policy;
import org.sanctuaryguard.PolicyFormatException;
import org.sanctuaryguard.PolicyPack;
import org.sanctuaryguard.ProtectedProperties;
import org.sanctuaryguard.Recipient;
import org.sanctuaryguard.RecipientClass;
import org.sanctuaryguard.RecipientDirectory;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.UnknownIdentifierException;
import org.sanctuaryguard.audit.FsyncPolicy;
import org.sanctuaryguard.audit.GuardLogSink;
import org.sanctuaryguard.audit.SigningKeys;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.Audit;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.ProtectedProperty;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.RecipientEntry;
import org.sanctuaryguard.spring.SanctuaryGuardProperties.SubjectIdProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;

/**
 * Builds the guard from {@link SanctuaryGuardProperties}, checking every value on the way: a value
 * that is wrong stops start-up with an {@link InvalidConfigurationPropertyValueException} naming the
 * property and the value, which Spring Boot's failure analysis reports. Key material never appears
 * in a message: key files are named by their path.
 */
final class GuardFactory {

  private static final String PREFIX = "sanctuary.guard.";
  private static final Log LOG = LogFactory.getLog(GuardFactory.class);

  private final SanctuaryGuardProperties properties;
  private final ClassLoader classLoader;

  GuardFactory(SanctuaryGuardProperties properties, ClassLoader classLoader) {
    this.properties = properties;
    this.classLoader = classLoader;
  }

  /**
   * Builds the guard.
   *
   * @param policyCustomizers applied to the policy after the properties, in order
   * @param configCustomizers applied to the configuration after the properties, in order
   * @param applicationSinks the application's own audit sinks, after those of the properties
   * @param observers sinks that only count, after every other
   */
  Guard build(List<PolicyCustomizer> policyCustomizers, List<GuardConfigCustomizer> configCustomizers,
      List<AuditSink> applicationSinks, List<AuditSink> observers) {
    Policy policy = policy(policyCustomizers);
    ProtectedProperties protectedProperties = protectedProperties(policy.categories());
    GuardConfig.Builder config = GuardConfig.custom()
        .policy(policy)
        .mode(properties.getMode())
        .holder(properties.getHolder())
        .protectedProperties(protectedProperties);
    try {
      config.maxRequestTimeSkew(properties.getMaxRequestTimeSkew());
    } catch (IllegalArgumentException e) {
      throw invalid("max-request-time-skew", properties.getMaxRequestTimeSkew(), e.getMessage());
    }
    pseudonymKey(properties.getAudit()).ifPresent(config::pseudonymKey);
    List<AuditSink> sinks = new ArrayList<>();
    GuardLogSink log = guardLog(properties.getAudit().getFile());
    if (log != null) {
      sinks.add(log);
    }
    if (properties.getAudit().getSlf4j().isEnabled()) {
      sinks.add(AuditSink.slf4j());
    }
    sinks.addAll(applicationSinks);
    if (sinks.isEmpty()) {
      throw invalid("audit.slf4j.enabled", false, "with no guard log (" + PREFIX + "audit.file.directory) and no"
          + " AuditSink bean, decisions would be recorded nowhere; a disclosure that cannot be audited is not made");
    }
    sinks.addAll(observers);
    config.auditSinks(sinks.toArray(AuditSink[]::new));
    Guard guard;
    try {
      configCustomizers.forEach(customizer -> customizer.customize(config));
      guard = Guard.of(afterCustomizers(config.build(), log, observers));
    } catch (RuntimeException e) {
      if (log != null) {
        log.close(); // else its directory stays locked for the next context
      }
      throw e;
    }
    try {
      checkProtectedClasses(guard);
    } catch (RuntimeException e) {
      guard.close();
      throw e;
    }
    return guard;
  }

  /**
   * The configuration as customizers left it, with the adapter's observers (the endpoint's counts,
   * the metrics) still last, so that a customizer that replaced the sinks does not silence them, and
   * the guard log of the properties closed if it was replaced, so that its directory is free again.
   */
  private static GuardConfig afterCustomizers(GuardConfig config, @Nullable GuardLogSink log, List<AuditSink> observers) {
    List<AuditSink> sinks = new ArrayList<>(config.auditSinks());
    if (log != null && !sinks.contains(log)) {
      log.close();
    }
    if (sinks.containsAll(observers)) {
      return config;
    }
    sinks.removeAll(observers);
    sinks.addAll(observers);
    return GuardConfig.from(config).auditSinks(sinks.toArray(AuditSink[]::new)).build();
  }

  private Policy policy(List<PolicyCustomizer> customizers) {
    List<PolicyPack> packs = new ArrayList<>();
    Map<String, String> propertyOf = new LinkedHashMap<>(); // a pack's source, the property that names it
    List<String> ids = properties.getPacks();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.subList(0, i).contains(ids.get(i))) {
        throw invalid("packs[" + i + "]", ids.get(i), "the pack is named twice: each pack is composed once");
      }
      try {
        packs.add(PolicyPack.builtin(ids.get(i)));
        propertyOf.put(packs.get(packs.size() - 1).source(), "packs[" + i + "]");
      } catch (SanctuaryGuardException e) {
        throw invalid("packs[" + i + "]", ids.get(i), e.getMessage());
      }
    }
    List<Resource> files = properties.getPackFiles();
    for (int i = 0; i < files.size(); i++) {
      PolicyPack pack = packFile("pack-files[" + i + "]", files.get(i));
      if (packs.stream().anyMatch(earlier -> earlier.id().equals(pack.id()))) {
        throw invalid("pack-files[" + i + "]", files.get(i).getDescription(), "a pack with the id '" + pack.id()
            + "' is already composed: each pack is composed once");
      }
      packs.add(pack);
      propertyOf.put(pack.source(), "pack-files[" + i + "]");
    }

    if (packs.isEmpty()) {
      throw invalid("packs", "", "a guard needs at least one policy pack: name a built-in one ("
          + String.join(", ", PolicyPack.builtinIds()) + ") or a pack file in " + PREFIX + "pack-files");
    }
    // the recipients of the default directory and of the packs, which a recipient of the properties may override
    Set<String> listed = new HashSet<>();
    RecipientDirectory.defaults().all().forEach(recipient -> listed.add(recipient.id()));
    packs.forEach(pack -> pack.recipients().forEach(recipient -> listed.add(recipient.id())));
    Map<String, RecipientEntry> entries = properties.getRecipients();
    for (Map.Entry<String, RecipientEntry> entry : entries.entrySet()) {
      String parent = entry.getValue().getParent();
      // with PolicyCustomizer beans, a parent found nowhere here may be theirs, which the policy checks
      if (parent != null && (parent.equals(entry.getKey())
          || customizers.isEmpty() && !listed.contains(parent) && !entries.containsKey(parent))) {
        throw unknownParent(entry.getKey(), parent);
      }
    }
    // those only the properties define, which a pack's recipient may name as its parent
    Map<String, Recipient> own = new LinkedHashMap<>();
    entries.forEach((id, entry) -> {
      if (!listed.contains(id)) {
        own.put(id, recipient(id, entry, RecipientDirectory.empty()));
      }
    });
    Set<String> known = new HashSet<>(listed);
    known.addAll(own.keySet());
    // without PolicyCustomizer beans, a parent found nowhere is refused as the policy refuses it, naming the pack's file
    Set<String> standIns = new LinkedHashSet<>();
    RecipientDirectory base = base(packs, own.values(), customizers.isEmpty() ? null : known, standIns, propertyOf);
    for (String id : entries.keySet()) {
      if (!own.containsKey(id)) {
        requireNoStandInAncestor(id, base, standIns);
      }
    }
    Policy.Builder policy = Policy.builder().packs(packs);
    entries.forEach((id, entry) -> policy.recipient(own.containsKey(id) ? own.get(id) : recipient(id, entry, base)));
    customizers.forEach(customizer -> customizer.customize(policy));
    Policy built;
    try {
      built = policy.build();
    } catch (PolicyFormatException | IllegalArgumentException | IllegalStateException e) {
      // a parent found nowhere (the cause names it), the recipients of the properties, or what a PolicyCustomizer added
      if (e.getCause() instanceof UnknownIdentifierException missing) {
        for (Map.Entry<String, RecipientEntry> entry : entries.entrySet()) {
          String parent = entry.getValue().getParent();
          if (missing.identifier().equals(parent) && !known.contains(parent)) {
            throw unknownParent(entry.getKey(), parent);
          }
        }
      }
      throw invalidPolicy(e, propertyOf, customizers.isEmpty() ? "" : " (or a PolicyCustomizer bean's additions)");
    }
    for (Map.Entry<String, RecipientEntry> entry : entries.entrySet()) {
      checkClass(entry.getKey(), entry.getValue(), base, own.containsKey(entry.getKey()), built);
    }
    return built;
  }

  /**
   * The directory the packs make, with the recipients only the properties define (without what they
   * claim, which is checked against what the packs and the default directory claim): what a
   * recipient of the properties changes, and what its class and claims are checked against. A
   * recipient of one pack may name another pack's, or such a one, as its parent. A parent found
   * nowhere else may be one a {@code PolicyCustomizer} bean adds: it stands in here as immigration
   * enforcement, the strictest class, so that nothing is taken for looser than it may be, and the
   * policy, built once with those beans' recipients, refuses it if none adds it.
   *
   * @param known the ids of the directory, the packs and the properties, if a {@code
   *     PolicyCustomizer} bean may add a parent; null if none may
   * @param standIns receives the ids of the parents that stand in
   */
  private RecipientDirectory base(List<PolicyPack> packs, Collection<Recipient> own, @Nullable Set<String> known,
      Set<String> standIns, Map<String, String> propertyOf) {
    List<Recipient> added = new ArrayList<>();
    packs.forEach(pack -> added.addAll(pack.recipients()));
    own.forEach(recipient -> added.add(recipient.withHosts().withEmailDomains().withOriCodes()));
    for (Recipient recipient : added) {
      String parent = recipient.parent();
      if (known != null && parent != null && !known.contains(parent)) {
        standIns.add(parent);
      }
    }
    List<Recipient> all = new ArrayList<>();
    standIns.forEach(id -> all.add(Recipient.of(id, id, RecipientClass.IMMIGRATION_ENFORCEMENT)));
    all.addAll(added);
    try {
      return RecipientDirectory.defaults().with(all.toArray(Recipient[]::new));
    } catch (IllegalArgumentException e) {
      // a chain that loops, or a claim made twice: the policy names a pack's problem with its file
      Policy.Builder diagnosis = Policy.builder().packs(packs);
      all.forEach(diagnosis::recipient);
      try {
        diagnosis.build();
      } catch (PolicyFormatException | IllegalArgumentException | IllegalStateException problem) {
        throw invalidPolicy(problem, propertyOf, "");
      }
      throw invalidPolicy(e, propertyOf, "");
    }
  }

  /**
   * Refuses a recipient of the directory or of a pack that a property changes while one of its
   * ancestors is only a stand-in ({@link #base}): its class, which the property may keep or change,
   * could not be checked against that ancestor's.
   */
  private static void requireNoStandInAncestor(String id, RecipientDirectory base, Set<String> standIns) {
    for (String parent = base.get(id).parent(); parent != null; parent = base.get(parent).parent()) {
      if (standIns.contains(parent)) {
        throw invalid("recipients." + id, id, "'" + id + "' descends from '" + parent + "', which neither the"
            + " directory, a pack nor sanctuary.guard.recipients holds (a PolicyCustomizer bean may add it), so the"
            + " class a property leaves it cannot be checked: change it in a pack file or in that bean");
      }
    }
  }

  /** Refuses a recipient of the properties whose parent is itself, or is found nowhere. */
  private static InvalidConfigurationPropertyValueException unknownParent(String id, String parent) {
    return invalid("recipients." + id + ".parent", parent, "the parent must be another recipient of the directory,"
        + " of a pack, of sanctuary.guard.recipients or of a PolicyCustomizer bean");
  }

  /**
   * The failure to compose the policy, on the property at fault: a pack's problem on the property
   * that names its file, any other on the recipients of the properties.
   */
  private InvalidConfigurationPropertyValueException invalidPolicy(RuntimeException e, Map<String, String> propertyOf,
      String others) {
    if (e instanceof PolicyFormatException format) {
      String source = format.problems().get(0).source();
      return invalid(propertyOf.getOrDefault(source, "pack-files"), source, e.getMessage());
    }
    return invalid("recipients", properties.getRecipients().keySet(), e.getMessage() + others);
  }

  /**
   * Refuses a recipient of the properties that would take requests or calls out of an immigration
   * class (immigration enforcement, or a channel to it) or out of benefits verification (a check
   * with USCIS), the classes every pack treats most strictly: a directory recipient of such a class
   * given a looser one, or a host name or e-mail domain that the directory resolves to such a
   * recipient claimed by a recipient of a looser class (a subdomain of ice.gov for a city agency). A
   * division of such an agency takes its class by naming it as parent; counsel reclassifies a
   * recipient in a pack file, which is read and tested as a policy is. Any other change of a
   * directory recipient's class is logged.
   */
  private static void checkClass(String id, RecipientEntry entry, RecipientDirectory base, boolean own, Policy built) {
    Recipient now = built.directory().get(id);
    RecipientClass was = own ? null : base.find(id).map(Recipient::recipientClass).orElse(null);
    if (was != null && guarded(was) > guarded(now.recipientClass())) {
      throw invalid("recipients." + id + ".recipient-class", now.recipientClass().id(), "'" + id + "' is "
          + was.id() + " in the directory, and a property cannot take it out of that class: reclassify it in a pack"
          + " file, which counsel reviews and tests");
    }
    if (was != null && was != now.recipientClass()) {
      LOG.warn(PREFIX + "recipients." + id + ".recipient-class changes '" + id + "' from " + was.id() + " to "
          + now.recipientClass().id() + ": the packs' rules for " + now.recipientClass().id() + " apply to it");
    }
    for (String host : entry.getHosts() == null ? List.<String>of() : entry.getHosts()) {
      checkClaim(now, base.resolveHost(host), "hosts", host, "calls to " + host);
    }
    for (String domain : entry.getEmailDomains() == null ? List.<String>of() : entry.getEmailDomains()) {
      checkClaim(now, base.resolveEmail("someone@" + domain), "email-domains", domain, "mail to " + domain);
    }
  }

  /**
   * Refuses a host name or e-mail domain that a recipient of the properties claims from one of the
   * directory whose class is guarded further.
   *
   * @param now the recipient that claims it, as the policy has it
   * @param owner the recipient the directory resolves it to
   * @param property the recipient's property that lists it
   * @param value what is claimed
   * @param what what would go elsewhere, for the message
   */
  private static void checkClaim(Recipient now, Recipient owner, String property, String value, String what) {
    if (guarded(owner.recipientClass()) > guarded(now.recipientClass()) && !owner.id().equals(now.id())) {
      throw invalid("recipients." + now.id() + "." + property, value, what + " would go to '" + now.id() + "' ("
          + now.recipientClass().id() + "), where the directory sends them to '" + owner.id() + "' ("
          + owner.recipientClass().id() + "); a division of it takes its class with parent=" + owner.id());
    }
  }

  /**
   * How far a property may not loosen a class: immigration enforcement and a channel to it, then
   * benefits verification; 0 for the classes a property may change freely.
   */
  private static int guarded(RecipientClass recipientClass) {
    return switch (recipientClass) {
      case IMMIGRATION_ENFORCEMENT, IMMIGRATION_ADJACENT -> 2;
      case BENEFITS_VERIFICATION -> 1;
      default -> 0;
    };
  }

  private static PolicyPack packFile(String property, Resource resource) {
    if (!resource.exists()) {
      throw invalid(property, resource.getDescription(), "the pack file does not exist");
    }
    try {
      return PolicyPack.read(resource.getDescription(), resource.getContentAsString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw invalid(property, resource.getDescription(), "the pack file cannot be read: " + e.getMessage());
    } catch (SanctuaryGuardException e) {
      throw invalid(property, resource.getDescription(), e.getMessage());
    }
  }

  private static Recipient recipient(String id, RecipientEntry entry, RecipientDirectory base) {
    String property = "recipients." + id;
    if (Recipient.UNKNOWN_ID.equals(id)) {
      throw invalid(property, id, "'unknown' stands for a requester or destination the directory does not know, which"
          + " every pack treats at least as strictly as immigration enforcement; it cannot be defined");
    }
    try {
      Recipient recipient = base.find(id).orElse(null);
      if (recipient == null) {
        if (entry.getName() == null || entry.getRecipientClass() == null) {
          throw invalid(property, id, "a recipient the directory does not have needs a name and a recipient-class");
        }
        recipient = Recipient.of(id, entry.getName(), entry.getRecipientClass());
      } else if (entry.getName() != null || entry.getRecipientClass() != null) {
        recipient = new Recipient(id, entry.getName() != null ? entry.getName() : recipient.name(),
            entry.getRecipientClass() != null ? entry.getRecipientClass() : recipient.recipientClass(),
            recipient.parent(), recipient.hosts(), recipient.emailDomains(), recipient.oriCodes());
      }
      if (entry.getParent() != null) {
        recipient = recipient.withParent(entry.getParent());
      }
      if (entry.getHosts() != null) {
        recipient = recipient.withHosts(entry.getHosts().toArray(String[]::new));
      }
      if (entry.getEmailDomains() != null) {
        recipient = recipient.withEmailDomains(entry.getEmailDomains().toArray(String[]::new));
      }
      if (entry.getOriCodes() != null) {
        recipient = recipient.withOriCodes(entry.getOriCodes().toArray(String[]::new));
      }
      return recipient;
    } catch (IllegalArgumentException e) {
      throw invalid(property, id, e.getMessage());
    }
  }

  private ProtectedProperties protectedProperties(Categories categories) {
    ProtectedProperties.Builder registry = ProtectedProperties.builder();
    List<ProtectedProperty> tagged = properties.getProtectedProperties();
    for (int i = 0; i < tagged.size(); i++) {
      String property = "protected-properties[" + i + "]";
      ProtectedProperty entry = tagged.get(i);
      Class<?> type = type(property, entry.getType());
      String name = required(property + ".property", entry.getProperty());
      List<String> keys = entry.getCategories();
      if (keys.isEmpty()) {
        throw invalid(property + ".categories", "", "a protected property needs at least one category");
      }
      checkCategories(categories, property + ".categories", keys);
      register(property, name, () -> registry.protect(type, name, keys.toArray(String[]::new)));
    }
    List<SubjectIdProperty> ids = properties.getSubjectIds();
    for (int i = 0; i < ids.size(); i++) {
      String property = "subject-ids[" + i + "]";
      Class<?> type = type(property, ids.get(i).getType());
      String name = required(property + ".property", ids.get(i).getProperty());
      register(property, name, () -> registry.subjectId(type, name));
    }
    return registry.build();
  }

  /** Registers the property of an entry, or fails on the entry: a class whose fields the guard never reads. */
  private static void register(String entry, String name, Runnable registration) {
    try {
      registration.run();
    } catch (InvalidProtectionException e) {
      throw invalid(entry + ".property", name, e.getMessage());
    }
  }

  /**
   * Meets every configured class once, so that a property that does not exist stops start-up: looks
   * each class of the properties up in the guard; a class it finds wrong fails on the entry that
   * names the property at fault, else on the class's first entry.
   */
  private void checkProtectedClasses(Guard guard) {
    Map<Tagged, String> entries = new LinkedHashMap<>(); // each entry's property name
    List<ProtectedProperty> tagged = properties.getProtectedProperties();
    for (int i = 0; i < tagged.size(); i++) {
      entries.putIfAbsent(new Tagged(tagged.get(i).getType(), tagged.get(i).getProperty()),
          "protected-properties[" + i + "].property");
    }
    List<SubjectIdProperty> ids = properties.getSubjectIds();
    for (int i = 0; i < ids.size(); i++) {
      entries.putIfAbsent(new Tagged(ids.get(i).getType(), ids.get(i).getProperty()), "subject-ids[" + i + "].property");
    }
    entries.forEach((entry, property) -> {
      try {
        guard.mayHoldProtected(type(property, entry.type()));
      } catch (InvalidProtectionException e) {
        Tagged atFault = new Tagged(entry.type(), e.property());
        throw entries.containsKey(atFault) ? invalid(entries.get(atFault), e.property(), e.getMessage())
            : invalid(property, entry.property(), e.getMessage());
      }
    });
  }

  /** A class and a property of it, as an entry of the properties names them. */
  private record Tagged(@Nullable String type, @Nullable String property) {}


  private Class<?> type(String property, @Nullable String name) {
    String typeName = required(property + ".type", name);
    try {
      return Class.forName(typeName, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw invalid(property + ".type", typeName, "no such class on the class path");
    }
  }

  private static Optional<byte[]> pseudonymKey(Audit audit) {
    Path file = audit.getPseudonymKeyFile();
    if (file == null) {
      return Optional.empty();
    }
    byte[] key = read("audit.pseudonym-key-file", file);
    if (key.length < 32) {
      throw invalid("audit.pseudonym-key-file", file, "a pseudonym key needs at least 32 bytes, but the file holds "
          + key.length);
    }
    return Optional.of(key);
  }

  private static @Nullable GuardLogSink guardLog(Audit.File file) {
    Path directory = file.getDirectory();
    if (directory == null) {
      // a key or a mirror named for a log that is not written would let an operator believe it signed
      if (file.getSigningKeyFile() != null) {
        throw invalid("audit.file.signing-key-file", file.getSigningKeyFile(),
            "no guard log is written without sanctuary.guard.audit.file.directory, so nothing would be signed");
      }
      if (file.getCheckpointMirror() != null) {
        throw invalid("audit.file.checkpoint-mirror", file.getCheckpointMirror(),
            "no guard log is written without sanctuary.guard.audit.file.directory, so nothing would be mirrored");
      }
      return null;
    }
    GuardLogSink.Builder log = GuardLogSink.builder(directory);
    if (file.getFsyncInterval().isNegative() || file.getFsyncInterval().isZero()) {
      throw invalid("audit.file.fsync-interval", file.getFsyncInterval(), "the interval must be positive");
    }
    try {
      log.fsync(file.getFsyncEveryEvents() == 0 ? FsyncPolicy.never()
          : FsyncPolicy.every(file.getFsyncEveryEvents(), file.getFsyncInterval()));
    } catch (IllegalArgumentException e) {
      throw invalid("audit.file.fsync-every-events", file.getFsyncEveryEvents(), e.getMessage());
    }
    if (file.getCheckpointInterval().isNegative() || file.getCheckpointInterval().isZero()) {
      throw invalid("audit.file.checkpoint-interval", file.getCheckpointInterval(), "the interval must be positive");
    }
    try {
      log.checkpointEvery(file.getCheckpointEveryEvents(), file.getCheckpointInterval());
    } catch (IllegalArgumentException e) {
      throw invalid("audit.file.checkpoint-every-events", file.getCheckpointEveryEvents(), e.getMessage());
    }
    try {
      log.rollAt(file.getRollAt().toBytes());
    } catch (IllegalArgumentException e) {
      throw invalid("audit.file.roll-at", file.getRollAt(), e.getMessage());
    }
    log.rollDaily(file.isRollDaily() ? file.getRollZone() : null);
    if (file.getSigningKeyFile() != null) {
      Path key = file.getSigningKeyFile();
      read("audit.file.signing-key-file", key);
      try {
        log.signingKey(SigningKeys.readPrivateKey(key));
      } catch (SanctuaryGuardException e) {
        throw invalid("audit.file.signing-key-file", key, "the file does not hold an Ed25519 private key in PKCS#8");
      }
    }
    if (file.getCheckpointMirror() != null) {
      Path mirror = file.getCheckpointMirror();
      Path parent = mirror.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw invalid("audit.file.checkpoint-mirror", mirror, "the directory " + parent + " does not exist");
      }
      try {
        log.checkpointMirror(mirror);
      } catch (IllegalArgumentException e) {
        throw invalid("audit.file.checkpoint-mirror", mirror, e.getMessage());
      }
    }
    try {
      return log.build();
    } catch (SanctuaryGuardException e) {
      throw invalid("audit.file.directory", directory, e.getMessage());
    }
  }

  /** Reads a key file; a message names the file, never what it holds. */
  private static byte[] read(String property, Path file) {
    if (Files.isDirectory(file)) {
      throw invalid(property, file, "the path is a directory, not a key file");
    }
    if (!Files.isRegularFile(file)) {
      throw invalid(property, file, "the file does not exist");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw invalid(property, file, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String required(String property, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw invalid(property, "", "a value is required");
    }
    return value;
  }

  /** Checks that each key of a list property is a category of the taxonomy; a message names the first that is not. */
  static void checkCategories(Categories categories, String property, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      try {
        categories.get(keys.get(i));
      } catch (SanctuaryGuardException e) {
        throw invalid(property + "[" + i + "]", keys.get(i), e.getMessage());
      }
    }
  }

  static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
      @Nullable String reason) {
    return new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
  }

}
