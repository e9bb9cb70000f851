package org.sanctuaryguard;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who receives the data: an agency, a channel or a person, with the class the packs' rules are
 * written against. Entries live in a {@link RecipientDirectory}, which finds them by id, host name,
 * e-mail address or ORI code.
 *
 * <p>The class decides, not the framing of a request: {@code ice-hsi} is of class {@link
 * RecipientClass#IMMIGRATION_ENFORCEMENT} whatever the investigation is called.
 *
 * @param id the stable identifier, for example {@code "ice-hsi"}
 * @param name the agency's name
 * @param recipientClass the class the packs' rules are written against
 * @param parent the id of the parent agency, for example {@code "ice"} for {@code "ice-hsi"}, or
 *     null
 * @param hosts host names that identify the recipient; subdomains match too
 * @param emailDomains e-mail domains that identify the recipient; subdomains match too
 * @param oriCodes NCIC originating agency identifiers (ORI) of the recipient
 * @since 0.1.0
 */
public record Recipient(
    String id,
    String name,
    RecipientClass recipientClass,
    @Nullable String parent,
    Set<String> hosts,
    Set<String> emailDomains,
    Set<String> oriCodes) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern ORI = Pattern.compile("[A-Z0-9]{7,9}");

  /** The id under which unresolved recipients appear. */
  public static final String UNKNOWN_ID = "unknown";

  /**
   * Checks and normalizes the entry: ids are lower-case words joined by {@code -}; host names and
   * e-mail domains are lower-cased without a trailing dot; ORI codes are upper-cased.
   */
  public Recipient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(recipientClass, "recipientClass");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "recipient id must be lower-case words joined by '-', but was '" + id + "'");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("recipient '" + id + "' needs a name");
    }
    if (parent != null && !ID.matcher(parent).matches()) {
      throw new IllegalArgumentException(
          "parent of recipient '" + id + "' must be a recipient id, but was '" + parent + "'");
    }
    hosts = domains(id, "host name", hosts);
    emailDomains = domains(id, "e-mail domain", emailDomains);
    oriCodes = oriCodes(id, oriCodes);
  }

  /**
   * Returns an entry with a name and a class and nothing else; add hosts, e-mail domains and ORI
   * codes with the {@code with...} methods.
   *
   * @param id the stable identifier
   * @param name the agency's name
   * @param recipientClass its class
   * @return the entry
   */
  public static Recipient of(String id, String name, RecipientClass recipientClass) {
    return new Recipient(id, name, recipientClass, null, Set.of(), Set.of(), Set.of());
  }

  /**
   * Returns the recipient that stands for something no directory entry matches. Its class is
   * {@link RecipientClass#UNKNOWN}.
   *
   * @param seenAs how the recipient was seen (a host name, an e-mail domain, an ORI code); kept in
   *     the name for reviewers
   * @return the unknown recipient
   */
  public static Recipient unknown(String seenAs) {
    return of(UNKNOWN_ID, "unresolved: " + Objects.requireNonNull(seenAs, "seenAs"), RecipientClass.UNKNOWN);
  }

  /** Returns a copy with the given parent agency id. */
  public Recipient withParent(String parentId) {
    return new Recipient(id, name, recipientClass, parentId, hosts, emailDomains, oriCodes);
  }

  /** Returns a copy with the given host names in place of the present ones. */
  public Recipient withHosts(String... hostNames) {
    return new Recipient(id, name, recipientClass, parent, Set.of(hostNames), emailDomains, oriCodes);
  }

  /** Returns a copy with the given e-mail domains in place of the present ones. */
  public Recipient withEmailDomains(String... domains) {
    return new Recipient(id, name, recipientClass, parent, hosts, Set.of(domains), oriCodes);
  }

  /** Returns a copy with the given ORI codes in place of the present ones. */
  public Recipient withOriCodes(String... codes) {
    return new Recipient(id, name, recipientClass, parent, hosts, emailDomains, Set.of(codes));
  }

  /** Returns whether this recipient was resolved from nothing in the directory. */
  public boolean isUnknown() {
    return recipientClass == RecipientClass.UNKNOWN;
  }

  static String normalizeHost(String host) {
    String normalized = host.trim().toLowerCase(Locale.ROOT);
    return normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
  }

  private static Set<String> domains(String id, String what, Set<String> values) {
    Set<String> normalized = new TreeSet<>();
    for (String value : Objects.requireNonNull(values, what)) {
      String host = normalizeHost(Objects.requireNonNull(value, what));
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException(
            what + " of recipient '" + id + "' must look like 'agency.example.gov', but was '" + value + "'");
      }
      normalized.add(host);
    }
    return Set.copyOf(normalized);
  }

  private static Set<String> oriCodes(String id, Set<String> values) {
    Set<String> normalized = new TreeSet<>();
    for (String value : Objects.requireNonNull(values, "oriCodes")) {
      String code = Objects.requireNonNull(value, "oriCodes").trim().toUpperCase(Locale.ROOT);
      if (!ORI.matcher(code).matches()) {
        throw new IllegalArgumentException(
            "ORI code of recipient '" + id + "' must be 7 to 9 letters and digits, but was '" + value + "'");
      }
      normalized.add(code);
    }
    return Set.copyOf(normalized);
  }
}
