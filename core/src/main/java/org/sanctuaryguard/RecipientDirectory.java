package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
 * <p>The requesting agency, not its own label, decides the class: an entry's <em>effective</em>
 * class, the one its lookups return, is the strictest of its declared class and its ancestors'
 * (following {@link Recipient#parent()}), so a division of an immigration authority is an
 * immigration authority whatever class it was given. From strictest: {@link
 * RecipientClass#IMMIGRATION_ENFORCEMENT}, {@link RecipientClass#IMMIGRATION_ADJACENT} and {@link
 * RecipientClass#BENEFITS_VERIFICATION} (the classes the packs write immigration rules for; an
 * entry already in one keeps its own, so an HSI-led task force stays a channel and the city's
 * SAVE check under USCIS stays bound to verification), then {@link RecipientClass#UNKNOWN}, {@link
 * RecipientClass#LAW_ENFORCEMENT}, {@link RecipientClass#PUBLIC} and {@link RecipientClass#OTHER},
 * {@link RecipientClass#CITY_AGENCY}, {@link RecipientClass#DATA_SUBJECT}. An entry whose parent
 * the directory lacks, or that is its own ancestor, is refused.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RecipientDirectory {

  private static final String DIRECTORY = "the directory";

  private static final RecipientDirectory DEFAULTS = new RecipientDirectory(DefaultRecipients.all());

  private final Map<String, Recipient> declared;
  private final Map<String, Recipient> byId;
  private final Map<String, Recipient> byHost;
  private final Map<String, Recipient> byEmailDomain;
  private final Map<String, Recipient> byOri;

  private RecipientDirectory(Collection<Recipient> entries) {
    Map<String, Recipient> given = new LinkedHashMap<>();
    for (Recipient entry : entries) {
      given.put(entry.id(), entry);
    }
    this.declared = Map.copyOf(given);
    Map<String, Recipient> ids = new LinkedHashMap<>();
    for (Recipient entry : given.values()) {
      ids.put(entry.id(), effective(entry, given::get, DIRECTORY));
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
   *     code, if an entry is its own ancestor, or if an entry's parent is neither in this directory
   *     nor among the entries; in that last case its cause is an {@link UnknownIdentifierException}
   *     of kind {@code "recipient"} whose {@link UnknownIdentifierException#identifier() identifier}
   *     is the missing parent
   */
  public RecipientDirectory with(Recipient... entries) {
    Map<String, Recipient> merged = new LinkedHashMap<>(declared);
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
    return byId.values().stream().sorted(Comparator.comparing(Recipient::id)).toList();
  }

  /**
   * Returns the recipient with its effective class, the strictest of its own and its ancestors' in
   * this directory, for a recipient that did not come from it.
   *
   * @throws IllegalArgumentException if an ancestor is missing or the recipient is its own ancestor
   */
  Recipient classify(Recipient recipient) {
    if (recipient.parent() == null) {
      return recipient; // no ancestor to be stricter than its own class (as every unknown recipient)
    }
    Recipient known = byId.get(recipient.id());
    if (known != null
        && (known == recipient || known.equals(recipient) || declared.get(recipient.id()).equals(recipient))) {
      return known;
    }
    return effective(recipient, id -> id.equals(recipient.id()) ? recipient : declared.get(id), DIRECTORY);
  }

  /** Returns the entry with the given id as it was given (its class not made effective), or null. */
  @Nullable Recipient declared(String id) {
    return declared.get(id);
  }

  /**
   * Returns the entry with its effective class, the strictest of its own and its ancestors' among
   * {@code entries}.
   *
   * @param where what {@code entries} holds, for the message: {@code "the directory"}
   * @throws IllegalArgumentException naming the parent and the recipient that names it, if {@code
   *     entries} lacks an ancestor (its cause, an {@link UnknownIdentifierException}, names that
   *     parent), or the entry is its own ancestor
   */
  static Recipient effective(Recipient entry, Function<String, @Nullable Recipient> entries, String where) {
    List<Recipient> ancestors = ancestors(entry, entries);
    Recipient last = ancestors.isEmpty() ? entry : ancestors.get(ancestors.size() - 1);
    String missing = last.parent();
    if (missing != null) {
      throw new IllegalArgumentException("parent '" + missing + "' of recipient '" + last.id() + "' is not in "
          + where + (last == entry ? "" : " (ancestor of '" + entry.id() + "')"),
          new UnknownIdentifierException("recipient", missing, List.of()));
    }
    RecipientClass strictest = entry.recipientClass();
    for (Recipient ancestor : ancestors) {
      if (stricter(ancestor.recipientClass(), strictest)) {
        strictest = ancestor.recipientClass();
      }
    }
    return strictest == entry.recipientClass() ? entry
        : new Recipient(entry.id(), entry.name(), strictest, entry.parent(), entry.hosts(), entry.emailDomains(),
            entry.oriCodes());
  }

  /**
   * Returns the entry's ancestors, nearest first, as far as {@code entries} knows them: if the last
   * (or the entry, when there is none) still names a parent, {@code entries} lacks that parent.
   *
   * @throws IllegalArgumentException if the entry or an ancestor is its own ancestor, naming the chain
   */
  static List<Recipient> ancestors(Recipient entry, Function<String, @Nullable Recipient> entries) {
    List<Recipient> ancestors = new ArrayList<>();
    List<String> seen = new ArrayList<>(List.of(entry.id()));
    for (String parent = entry.parent(); parent != null; ) {
      Recipient ancestor = entries.apply(parent);
      if (ancestor == null) {
        break;
      }
      if (seen.contains(parent)) {
        throw new IllegalArgumentException("recipient '" + parent + "' is its own ancestor: " + String.join(" -> ", seen)
            + " -> " + parent);
      }
      seen.add(parent);
      ancestors.add(ancestor);
      parent = ancestor.parent();
    }
    return ancestors;
  }

  /** Whether an ancestor's class overrides the one so far: only a stricter tier does, so within one the nearer stands. */
  private static boolean stricter(RecipientClass ancestor, RecipientClass sofar) {
    return tier(ancestor) < tier(sofar);
  }

  private static int tier(RecipientClass recipientClass) {
    return switch (recipientClass) {
      case IMMIGRATION_ENFORCEMENT, IMMIGRATION_ADJACENT, BENEFITS_VERIFICATION -> 0;
      case UNKNOWN -> 1;
      case LAW_ENFORCEMENT -> 2;
      case PUBLIC, OTHER -> 3;
      case CITY_AGENCY -> 4;
      case DATA_SUBJECT -> 5;
    };
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
