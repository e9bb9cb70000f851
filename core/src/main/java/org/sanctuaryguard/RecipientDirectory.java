package org.sanctuaryguard;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipients a guard knows, found by id, host name (subdomains included), e-mail address or
 * ORI code. Whatever no entry matches resolves to a recipient of class {@link
 * RecipientClass#UNKNOWN}, which every pack treats at least as strictly as {@link
 * RecipientClass#IMMIGRATION_ADJACENT}.
 *
 * <p>{@link #defaults()} holds the entries of the vocabulary ({@code ice-ero}, {@code ice-hsi},
 * {@code cbp}, {@code jttf}, {@code lexisnexis-risk}, {@code nypd}, ...). A city adds and overrides
 * entries with {@link #with(Recipient...)}:
 *
 * <pre>{@code
 * RecipientDirectory directory = RecipientDirectory.defaults()
 *     .with(Recipient.of("nyc-hra", "Human Resources Administration", RecipientClass.CITY_AGENCY)
 *         .withEmailDomains("hra.nyc.gov"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RecipientDirectory {

  private static final RecipientDirectory DEFAULTS = new RecipientDirectory(DefaultRecipients.all());

  private final Map<String, Recipient> byId;
  private final Map<String, Recipient> byHost;
  private final Map<String, Recipient> byEmailDomain;
  private final Map<String, Recipient> byOri;

  private RecipientDirectory(Collection<Recipient> entries) {
    Map<String, Recipient> ids = new LinkedHashMap<>();
    for (Recipient entry : entries) {
      ids.put(entry.id(), entry);
    }
    this.byId = Map.copyOf(ids);
    Map<String, Recipient> hosts = new HashMap<>();
    Map<String, Recipient> email = new HashMap<>();
    Map<String, Recipient> ori = new HashMap<>();
    for (Recipient entry : ids.values()) {
      entry.hosts().forEach(host -> index(hosts, "host name", host, entry));
      entry.emailDomains().forEach(domain -> index(email, "e-mail domain", domain, entry));
      entry.oriCodes().forEach(code -> index(ori, "ORI code", code, entry));
    }
    this.byHost = Map.copyOf(hosts);
    this.byEmailDomain = Map.copyOf(email);
    this.byOri = Map.copyOf(ori);
  }

  /** Returns the default directory of the vocabulary. */
  public static RecipientDirectory defaults() {
    return DEFAULTS;
  }

  /** Returns a directory with no entries: everything resolves to an unknown recipient. */
  public static RecipientDirectory empty() {
    return new RecipientDirectory(List.of());
  }

  /**
   * Returns a directory with the given entries added; an entry with the id of an existing one
   * replaces it.
   *
   * @param entries the entries to add or override
   * @return the new directory
   * @throws IllegalArgumentException if two entries claim the same host name, e-mail domain or ORI
   *     code
   */
  public RecipientDirectory with(Recipient... entries) {
    Map<String, Recipient> merged = new LinkedHashMap<>(byId);
    for (Recipient entry : entries) {
      merged.put(Objects.requireNonNull(entry, "entry").id(), entry);
    }
    return new RecipientDirectory(merged.values());
  }

  /** Returns the entry with the given id, or empty. */
  public Optional<Recipient> find(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /**
   * Returns the entry with the given id.
   *
   * @param id the id
   * @return the entry
   * @throws UnknownIdentifierException naming the nearest known ids, if there is no such entry
   */
  public Recipient get(String id) {
    Recipient recipient = byId.get(Objects.requireNonNull(id, "id"));
    if (recipient == null) {
      throw new UnknownIdentifierException("recipient", id, byId.keySet());
    }
    return recipient;
  }

  /**
   * Returns the entry that a host name belongs to: the entry of the longest listed suffix, so that
   * {@code www.ice.gov} resolves through {@code ice.gov}; an unknown recipient if none.
   *
   * @param host a host name, for example from a URL
   * @return the recipient, never null
   */
  public Recipient resolveHost(String host) {
    return bySuffix(byHost, Recipient.normalizeHost(Objects.requireNonNull(host, "host")));
  }

  /**
   * Returns the entry that an e-mail address belongs to, by the domain after its last {@code @}
   * (subdomains included); an unknown recipient if none.
   *
   * @param address an e-mail address
   * @return the recipient, never null
   */
  public Recipient resolveEmail(String address) {
    Objects.requireNonNull(address, "address");
    String domain = Recipient.normalizeHost(address.substring(address.lastIndexOf('@') + 1));
    return bySuffix(byEmailDomain, domain);
  }

  /**
   * Returns the entry with the given ORI code; an unknown recipient if none.
   *
   * @param oriCode an NCIC originating agency identifier
   * @return the recipient, never null
   */
  public Recipient resolveOri(String oriCode) {
    String code = Objects.requireNonNull(oriCode, "oriCode").trim().toUpperCase(Locale.ROOT);
    Recipient recipient = byOri.get(code);
    return recipient != null ? recipient : Recipient.unknown("ORI " + code);
  }

  /** Returns every entry. */
  public Collection<Recipient> all() {
    return byId.values().stream().sorted(java.util.Comparator.comparing(Recipient::id)).toList();
  }

  private static Recipient bySuffix(Map<String, Recipient> index, String domain) {
    String candidate = domain;
    while (true) {
      Recipient found = index.get(candidate);
      if (found != null) {
        return found;
      }
      int dot = candidate.indexOf('.');
      if (dot < 0) {
        return Recipient.unknown(domain);
      }
      candidate = candidate.substring(dot + 1);
    }
  }

  private static void index(Map<String, Recipient> index, String what, String key, Recipient entry) {
    Recipient previous = index.putIfAbsent(key, entry);
    if (previous != null && !previous.id().equals(entry.id())) {
      throw new IllegalArgumentException(
          what + " '" + key + "' is claimed by both '" + previous.id() + "' and '" + entry.id() + "'");
    }
  }
}
