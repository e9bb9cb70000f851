package org.sanctuaryguard.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.Holder;
import org.sanctuaryguard.Mode;
import org.sanctuaryguard.Purpose;
import org.sanctuaryguard.RecipientClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The configuration of the guard under {@code sanctuary.guard}: its policy, mode and holder, the
 * recipient directory's additions, protected properties of classes that cannot be annotated, where
 * guard events go, how requests from agencies are identified, and whether outbound calls are
 * guarded.
 *
 * <p>Every value is checked when the application starts: an unknown pack, category or recipient, a
 * missing file, a class or property that does not exist stops start-up with a message that names
 * the property and its value. Key material is never shown in those messages.
 *
 * <p>Not thread-safe while it is bound; read-only afterwards.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sanctuary.guard")
public class SanctuaryGuardProperties {

  /** Whether the guard is configured: false leaves the application unguarded. */
  private boolean enabled = true;

  /** Whether decisions are enforced, or only decided and recorded while everything is released. */
  private Mode mode = Mode.ENFORCE;

  /** The kind of agency whose data the application holds; it decides which laws apply. */
  private Holder holder = Holder.CITY_AGENCY;

  /**
   * How far the time a request carries may be from the guard's clock, in the past or the future,
   * before the guard refuses it; positive.
   */
  private Duration maxRequestTimeSkew = Duration.ofMinutes(5);

  /** Ids of the policy packs that ship with the library, in order. */
  private List<String> packs = new ArrayList<>(List.of("nyc", "new-york-state", "federal"));

  /** Policy pack files of the city's own, composed after the built-in packs. */
  private List<Resource> packFiles = new ArrayList<>();

  /**
   * Recipients added to the directory or overriding its entries, by id. For an existing id, what is
   * left out keeps the entry's value.
   */
  private Map<String, RecipientEntry> recipients = new LinkedHashMap<>();

  /** Protected properties of classes that cannot be annotated with @Protected. */
  private List<ProtectedProperty> protectedProperties = new ArrayList<>();

  /** Properties that hold the subject's id, of classes that cannot be annotated with @SubjectId. */
  private List<SubjectIdProperty> subjectIds = new ArrayList<>();

  /** Where guard events go. */
  private final Audit audit = new Audit();

  /** Requests from agencies: who asks, why, on what basis. */
  private final Inbound inbound = new Inbound();

  /** Calls the application makes through RestClient, RestTemplate and WebClient. */
  private final Outbound outbound = new Outbound();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public Holder getHolder() {
    return holder;
  }

  public void setHolder(Holder holder) {
    this.holder = holder;
  }

  public Duration getMaxRequestTimeSkew() {
    return maxRequestTimeSkew;
  }

  public void setMaxRequestTimeSkew(Duration maxRequestTimeSkew) {
    this.maxRequestTimeSkew = maxRequestTimeSkew;
  }

  public List<String> getPacks() {
    return packs;
  }

  public void setPacks(List<String> packs) {
    this.packs = packs;
  }

  public List<Resource> getPackFiles() {
    return packFiles;
  }

  public void setPackFiles(List<Resource> packFiles) {
    this.packFiles = packFiles;
  }

  public Map<String, RecipientEntry> getRecipients() {
    return recipients;
  }

  public void setRecipients(Map<String, RecipientEntry> recipients) {
    this.recipients = recipients;
  }

  public List<ProtectedProperty> getProtectedProperties() {
    return protectedProperties;
  }

  public void setProtectedProperties(List<ProtectedProperty> protectedProperties) {
    this.protectedProperties = protectedProperties;
  }

  public List<SubjectIdProperty> getSubjectIds() {
    return subjectIds;
  }

  public void setSubjectIds(List<SubjectIdProperty> subjectIds) {
    this.subjectIds = subjectIds;
  }

  public Audit getAudit() {
    return audit;
  }

  public Inbound getInbound() {
    return inbound;
  }

  public Outbound getOutbound() {
    return outbound;
  }

  /**
   * A recipient added to the directory, or overriding an entry of it.
   *
   * @since 0.1.0
   */
  public static class RecipientEntry {

    /** The agency's name; required for a new recipient. */
    private @Nullable String name;

    /**
     * The class the packs' rules are written against; required for a new recipient. An entry of an
     * immigration class or of benefits verification cannot be given a looser one here: reclassify it
     * in a pack file.
     */
    private @Nullable RecipientClass recipientClass;

    /** The id of the parent agency, for example ice for ice-hsi. */
    private @Nullable String parent;

    /**
     * Host names that identify the recipient, subdomains included; they replace the entry's. One
     * under a host of a recipient of an immigration class or of benefits verification needs that
     * recipient as parent.
     */
    private @Nullable List<String> hosts;

    /** E-mail domains that identify the recipient, subdomains included; they replace the entry's. */
    private @Nullable List<String> emailDomains;

    /** NCIC originating agency identifiers of the recipient; they replace the entry's. */
    private @Nullable List<String> oriCodes;

    public @Nullable String getName() {
      return name;
    }

    public void setName(@Nullable String name) {
      this.name = name;
    }

    public @Nullable RecipientClass getRecipientClass() {
      return recipientClass;
    }

    public void setRecipientClass(@Nullable RecipientClass recipientClass) {
      this.recipientClass = recipientClass;
    }

    public @Nullable String getParent() {
      return parent;
    }

    public void setParent(@Nullable String parent) {
      this.parent = parent;
    }

    public @Nullable List<String> getHosts() {
      return hosts;
    }

    public void setHosts(@Nullable List<String> hosts) {
      this.hosts = hosts;
    }

    public @Nullable List<String> getEmailDomains() {
      return emailDomains;
    }

    public void setEmailDomains(@Nullable List<String> emailDomains) {
      this.emailDomains = emailDomains;
    }

    public @Nullable List<String> getOriCodes() {
      return oriCodes;
    }

    public void setOriCodes(@Nullable List<String> oriCodes) {
      this.oriCodes = oriCodes;
    }
  }

  /**
   * A protected property of a class that cannot be annotated, such as a generated DTO.
   *
   * @since 0.1.0
   */
  public static class ProtectedProperty {

    /** The fully qualified name of the class that declares the property. */
    private @Nullable String type;

    /** The Java name of the field or record component (not a JSON name it may be renamed to). */
    private @Nullable String property;

    /** The category keys of the property's values, for example location.home-address. */
    private List<String> categories = new ArrayList<>();

    public @Nullable String getType() {
      return type;
    }

    public void setType(@Nullable String type) {
      this.type = type;
    }

    public @Nullable String getProperty() {
      return property;
    }

    public void setProperty(@Nullable String property) {
      this.property = property;
    }

    public List<String> getCategories() {
      return categories;
    }

    public void setCategories(List<String> categories) {
      this.categories = categories;
    }
  }

  /**
   * The property that holds the subject's id, of a class that cannot be annotated.
   *
   * @since 0.1.0
   */
  public static class SubjectIdProperty {

    /** The fully qualified name of the class that declares the property. */
    private @Nullable String type;

    /** The Java name of the field or record component. */
    private @Nullable String property;

    public @Nullable String getType() {
      return type;
    }

    public void setType(@Nullable String type) {
      this.type = type;
    }

    public @Nullable String getProperty() {
      return property;
    }

    public void setProperty(@Nullable String property) {
      this.property = property;
    }
  }

  /**
   * Where guard events go: through SLF4J, into the guard log, or both; and how subject ids appear in
   * them. Any {@code AuditSink} bean of the application is added to these.
   *
   * @since 0.1.0
   */
  public static class Audit {

    /** Guard events through SLF4J. */
    private final Slf4j slf4j = new Slf4j();

    /** The guard log: hash-chained JSON Lines files with signed checkpoints. */
    private final File file = new File();

    /**
     * A file of at least 32 random bytes, the key of the keyed pseudonyms (HMAC-SHA-256) under which
     * subject ids appear in guard events. Without one, events leave subject ids out.
     */
    private @Nullable Path pseudonymKeyFile;

    public Slf4j getSlf4j() {
      return slf4j;
    }

    public File getFile() {
      return file;
    }

    public @Nullable Path getPseudonymKeyFile() {
      return pseudonymKeyFile;
    }

    public void setPseudonymKeyFile(@Nullable Path pseudonymKeyFile) {
      this.pseudonymKeyFile = pseudonymKeyFile;
    }

    /**
     * Guard events through SLF4J, on the logger {@code org.sanctuaryguard.events}, their fields as
     * key-value pairs.
     *
     * @since 0.1.0
     */
    public static class Slf4j {

      /** Whether guard events are logged through SLF4J. */
      private boolean enabled = true;

      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }
    }

    /**
     * The guard log, written when a directory is set.
     *
     * @since 0.1.0
     */
    public static class File {

      /** The directory of the guard log; the log is written only when this is set. */
      private @Nullable Path directory;

      /** The most events written between two forces to disk; 0 never forces. */
      private int fsyncEveryEvents = 1000;

      /** The longest time between two forces to disk of events written. */
      private Duration fsyncInterval = Duration.ofMillis(200);

      /** The Ed25519 private key (PKCS#8, PEM or DER) that signs checkpoints; without one they are not signed. */
      private @Nullable Path signingKeyFile;

      /** The most events between two signed checkpoints. */
      private int checkpointEveryEvents = 10_000;

      /** The longest time between two signed checkpoints. */
      private Duration checkpointInterval = Duration.ofMinutes(1);

      /** A file, best on another disk or host, to which every checkpoint is also appended. */
      private @Nullable Path checkpointMirror;

      /** The size past which a new file is started; 0 never rolls by size. */
      private DataSize rollAt = DataSize.ofMegabytes(256);

      /** Whether a new file is started every day, in the time zone of roll-zone. */
      private boolean rollDaily = true;

      /** The time zone of the daily roll. */
      private ZoneId rollZone = ZoneOffset.UTC;

      public @Nullable Path getDirectory() {
        return directory;
      }

      public void setDirectory(@Nullable Path directory) {
        this.directory = directory;
      }

      public int getFsyncEveryEvents() {
        return fsyncEveryEvents;
      }

      public void setFsyncEveryEvents(int fsyncEveryEvents) {
        this.fsyncEveryEvents = fsyncEveryEvents;
      }

      public Duration getFsyncInterval() {
        return fsyncInterval;
      }

      public void setFsyncInterval(Duration fsyncInterval) {
        this.fsyncInterval = fsyncInterval;
      }

      public @Nullable Path getSigningKeyFile() {
        return signingKeyFile;
      }

      public void setSigningKeyFile(@Nullable Path signingKeyFile) {
        this.signingKeyFile = signingKeyFile;
      }

      public int getCheckpointEveryEvents() {
        return checkpointEveryEvents;
      }

      public void setCheckpointEveryEvents(int checkpointEveryEvents) {
        this.checkpointEveryEvents = checkpointEveryEvents;
      }

      public Duration getCheckpointInterval() {
        return checkpointInterval;
      }

      public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
      }

      public @Nullable Path getCheckpointMirror() {
        return checkpointMirror;
      }

      public void setCheckpointMirror(@Nullable Path checkpointMirror) {
        this.checkpointMirror = checkpointMirror;
      }

      public DataSize getRollAt() {
        return rollAt;
      }

      public void setRollAt(DataSize rollAt) {
        this.rollAt = rollAt;
      }

      public boolean isRollDaily() {
        return rollDaily;
      }

      public void setRollDaily(boolean rollDaily) {
        this.rollDaily = rollDaily;
      }

      public ZoneId getRollZone() {
        return rollZone;
      }

      public void setRollZone(ZoneId rollZone) {
        this.rollZone = rollZone;
      }
    }
  }

  /**
   * Requests from agencies: the servlet filter identifies who asks, why and on what basis, and each
   * JSON response holding protected values is decided for them.
   *
   * @since 0.1.0
   */
  public static class Inbound {

    /** Whether requests to the application are guarded. */
    private boolean enabled = true;

    /** URL patterns the filter applies to; responses outside them release no protected value. */
    private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

    /** Order of the filter; the default runs it after Spring Security's filter chain (-100). */
    private int filterOrder = -90;

    /**
     * The recipient of requests that nothing identifies: unknown (treated at least as strictly as
     * immigration-adjacent), or a directory id.
     */
    private String defaultRecipient = "unknown";

    /** The recipient of authenticated users that no agency mapping identifies: the city's own staff. */
    private String staffRecipient = "city-agency";

    /** The purpose of requests that state none. */
    private Purpose defaultPurpose = Purpose.OTHER;

    /** The header in which a request states its purpose, for example criminal-investigation. */
    private String purposeHeader = "Sanctuary-Guard-Purpose";

    /** The header in which a request names the document id of its legal basis. */
    private String basisHeader = "Sanctuary-Guard-Basis";

    /** Agencies identified by an API key: recipients by the SHA-256 digests of their keys. */
    private final ApiKey apiKey = new ApiKey();

    /** Agencies identified by the subject of their client certificate (mutual TLS). */
    private final CertificateMapping certificate = new CertificateMapping();

    /** Agencies identified by a Spring Security authority of the authenticated user. */
    private final RecipientMapping authorities = new RecipientMapping();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getUrlPatterns() {
      return urlPatterns;
    }

    public void setUrlPatterns(List<String> urlPatterns) {
      this.urlPatterns = urlPatterns;
    }

    public int getFilterOrder() {
      return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
      this.filterOrder = filterOrder;
    }

    public String getDefaultRecipient() {
      return defaultRecipient;
    }

    public void setDefaultRecipient(String defaultRecipient) {
      this.defaultRecipient = defaultRecipient;
    }

    public String getStaffRecipient() {
      return staffRecipient;
    }

    public void setStaffRecipient(String staffRecipient) {
      this.staffRecipient = staffRecipient;
    }

    public Purpose getDefaultPurpose() {
      return defaultPurpose;
    }

    public void setDefaultPurpose(Purpose defaultPurpose) {
      this.defaultPurpose = defaultPurpose;
    }

    public String getPurposeHeader() {
      return purposeHeader;
    }

    public void setPurposeHeader(String purposeHeader) {
      this.purposeHeader = purposeHeader;
    }

    public String getBasisHeader() {
      return basisHeader;
    }

    public void setBasisHeader(String basisHeader) {
      this.basisHeader = basisHeader;
    }

    public ApiKey getApiKey() {
      return apiKey;
    }

    public CertificateMapping getCertificate() {
      return certificate;
    }

    public RecipientMapping getAuthorities() {
      return authorities;
    }

    /**
     * Agencies identified by what their requests carry, each mapped to a directory recipient: the
     * subject of a client certificate, or a Spring Security authority.
     *
     * @since 0.1.0
     */
    public static class RecipientMapping {

      /**
       * By recipient id, what identifies it: distinguished names of certificate subjects, for example
       * CN=ero.ice.gov,O=DHS,C=US (indexed, [0]=..., in a properties file, as they hold commas), or
       * authorities, for example ROLE_NYPD.
       */
      private Map<String, List<String>> recipients = new LinkedHashMap<>();

      public Map<String, List<String>> getRecipients() {
        return recipients;
      }

      public void setRecipients(Map<String, List<String>> recipients) {
        this.recipients = recipients;
      }
    }

    /**
     * Agencies identified by the subject of their client certificate, and, for those that name
     * them, the certificate authorities that must have issued it.
     *
     * @since 0.1.0
     */
    public static class CertificateMapping extends RecipientMapping {

      /**
       * By recipient id, the distinguished names of the certificate authorities that issue its
       * certificates, for example CN=NYPD Issuing CA,O=NYPD,C=US (indexed, [0]=...). A certificate
       * with the recipient's subject from any other issuer that the server trusts is taken for an
       * unknown requester. Without an entry, the subject alone identifies the recipient.
       */
      private Map<String, List<String>> issuers = new LinkedHashMap<>();

      public Map<String, List<String>> getIssuers() {
        return issuers;
      }

      public void setIssuers(Map<String, List<String>> issuers) {
        this.issuers = issuers;
      }
    }

    /**
     * Agencies identified by an API key header. The configuration holds SHA-256 digests of the
     * keys, never the keys.
     *
     * @since 0.1.0
     */
    public static class ApiKey {

      /** The header that carries the key. */
      private String header = "X-API-Key";

      /** By recipient id, the SHA-256 digests of its keys, in hexadecimal (64 characters each). */
      private Map<String, List<String>> recipients = new LinkedHashMap<>();

      public String getHeader() {
        return header;
      }

      public void setHeader(String header) {
        this.header = header;
      }

      public Map<String, List<String>> getRecipients() {
        return recipients;
      }

      public void setRecipients(Map<String, List<String>> recipients) {
        this.recipients = recipients;
      }
    }
  }

  /**
   * Calls the application makes: the destination host resolves to a recipient, a body with
   * protected values is written redacted to the decision for that recipient, and a call to an
   * immigration-enforcement or immigration-adjacent destination, or of protected data to an unknown
   * one, without a released decision is refused before it is sent.
   *
   * @since 0.1.0
   */
  public static class Outbound {

    /** Whether RestClient, RestTemplate and WebClient built from Spring Boot's builders are guarded. */
    private boolean enabled = true;

    /** The purpose of calls made outside an explicit disclosure. */
    private Purpose defaultPurpose = Purpose.OTHER;

    /**
     * What a call with no protected value in its body discloses when its destination is
     * immigration enforcement or adjacent to it: at least that the city holds a record of someone.
     */
    private List<String> impliedCategories = new ArrayList<>(List.of("identity"));

    /** Who acts for the holder in calls made outside an explicit disclosure, for example the service's name. */
    private @Nullable String actor;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Purpose getDefaultPurpose() {
      return defaultPurpose;
    }

    public void setDefaultPurpose(Purpose defaultPurpose) {
      this.defaultPurpose = defaultPurpose;
    }

    public List<String> getImpliedCategories() {
      return impliedCategories;
    }

    public void setImpliedCategories(List<String> impliedCategories) {
      this.impliedCategories = impliedCategories;
    }

    public @Nullable String getActor() {
      return actor;
    }

    public void setActor(@Nullable String actor) {
      this.actor = actor;
    }
  }
}
