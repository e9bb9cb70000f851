package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A taxonomy of data categories: the standard keys of the vocabulary, and those a city adds.
 *
 * <p>{@link #standard()} holds the keys every pack is written against ({@code identity},
 * {@code immigration.status}, {@code location.shelter}, ...). A city adds its own keys with {@link
 * #with(String, String)}, under an existing parent or as a new top-level key:
 *
 * <pre>{@code
 * Categories categories = Categories.standard()
 *     .with("housing", "Housing records")
 *     .with("housing.voucher", "Housing-voucher holders");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@code with} returns a new taxonomy.
 *
 * @since 0.1.0
 */
public final class Categories {

  private static final Pattern KEY =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

  private static final Categories STANDARD = standardTaxonomy();

  private final List<Category> byIndex;
  private final Map<String, Category> byKey;
  private final long[][] descendantsOrSelf;
  private final long[][] related;
  private final CategorySet all;

  private Categories(List<Category> byIndex) {
    this.byIndex = List.copyOf(byIndex);
    Map<String, Category> keys = new LinkedHashMap<>();
    for (Category category : byIndex) {
      keys.put(category.key(), category);
    }
    this.byKey = Collections.unmodifiableMap(keys);
    int words = (byIndex.size() + 63) >>> 6;
    this.descendantsOrSelf = new long[byIndex.size()][];
    this.related = new long[byIndex.size()][];
    for (Category category : byIndex) {
      long[] down = Bits.empty(words);
      long[] both = Bits.empty(words);
      for (Category other : byIndex) {
        if (category.covers(other)) {
          Bits.set(down, other.index);
        }
        if (category.overlaps(other)) {
          Bits.set(both, other.index);
        }
      }
      descendantsOrSelf[category.index] = down;
      related[category.index] = both;
    }
    long[] everything = Bits.empty(words);
    for (Category category : byIndex) {
      Bits.set(everything, category.index);
    }
    this.all = new CategorySet(this, everything);
  }

  /** Returns the standard taxonomy of the vocabulary. */
  public static Categories standard() {
    return STANDARD;
  }

  /**
   * Returns a taxonomy with one more category. Its key is lower case, words joined by {@code -},
   * levels by {@code .}; its parent, if it has one, must already be in this taxonomy.
   *
   * @param key the new key, for example {@code "housing.voucher"}
   * @param description what the category holds
   * @return a new taxonomy holding this one's categories and the new one
   * @throws IllegalArgumentException if the key is malformed, already present, or its parent is
   *     missing
   */
  public Categories with(String key, String description) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "category key must be lower-case words joined by '-' and levels by '.', but was '"
              + key
              + "'");
    }
    if (byKey.containsKey(key)) {
      throw new IllegalArgumentException("category '" + key + "' is already defined");
    }
    Category parent = null;
    int dot = key.lastIndexOf('.');
    if (dot > 0) {
      String parentKey = key.substring(0, dot);
      parent = byKey.get(parentKey);
      if (parent == null) {
        throw new IllegalArgumentException(
            "category '" + key + "' needs its parent '" + parentKey + "' to be defined first");
      }
    }
    List<Category> extended = new ArrayList<>(byIndex);
    extended.add(new Category(key, parent, description, byIndex.size()));
    return new Categories(extended);
  }

  /**
   * Returns the category with the given key.
   *
   * @param key the key, exactly as written in the vocabulary
   * @return the category
   * @throws UnknownIdentifierException if the taxonomy has no such key
   */
  public Category get(String key) {
    Category category = byKey.get(Objects.requireNonNull(key, "key"));
    if (category == null) {
      throw new UnknownIdentifierException("category", key, byKey.keySet());
    }
    return category;
  }

  /** Returns the category with the given key, or empty. */
  public Optional<Category> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Returns every category, parents before their children. */
  public List<Category> all() {
    return byIndex;
  }

  /**
   * Returns the immutable set of the categories with the given keys.
   *
   * @param keys the keys
   * @return the set, in taxonomy order
   * @throws UnknownIdentifierException if a key is unknown
   */
  public Set<Category> setOf(Collection<String> keys) {
    long[] bits = Bits.empty(words());
    for (String key : keys) {
      Bits.set(bits, get(key).index);
    }
    return new CategorySet(this, bits);
  }

  int size() {
    return byIndex.size();
  }

  int words() {
    return descendantsOrSelf.length == 0 ? 0 : descendantsOrSelf[0].length;
  }

  Category at(int index) {
    return byIndex.get(index);
  }

  CategorySet everything() {
    return all;
  }

  /** Returns this taxonomy's own instance of {@code category}, by key. */
  Category own(Category category) {
    if (category.index < byIndex.size() && byIndex.get(category.index) == category) {
      return category;
    }
    return get(category.key());
  }

  /** Converts any collection of categories into a set of this taxonomy, sharing it if possible. */
  CategorySet toSet(Collection<Category> categories) {
    if (categories instanceof CategorySet set && set.taxonomy == this) {
      return set;
    }
    long[] bits = Bits.empty(words());
    for (Category category : categories) {
      Bits.set(bits, own(Objects.requireNonNull(category, "category")).index);
    }
    return new CategorySet(this, bits);
  }

  /** The mask of the given category and all its descendants. */
  long[] descendantsOrSelf(Category category) {
    return descendantsOrSelf[own(category).index];
  }

  /** The mask of the categories that overlap the given one: ancestors, itself and descendants. */
  long[] related(Category category) {
    return related[own(category).index];
  }

  private static Categories standardTaxonomy() {
    Object[][] entries = {
      {"identity", "Who a person is"},
      {"identity.name", "Name"},
      {"identity.date-of-birth", "Date of birth"},
      {"identity.government-id", "SSN, ITIN, A-number, passport or driver licence number"},
      {"identity.biometric", "Fingerprints, face and other biometrics"},
      {"identity.photo", "Photographs"},
      {"immigration", "Immigration and citizenship"},
      {"immigration.status", "Immigration status"},
      {"immigration.citizenship", "Citizenship"},
      {"immigration.place-of-birth", "Place of birth"},
      {"immigration.country-of-origin", "Country of origin"},
      {"immigration.nationality", "Nationality"},
      {"immigration.documents", "Immigration documents and their numbers"},
      {"location", "Where a person lives, works or is"},
      {"location.home-address", "Current and previous home addresses"},
      {"location.work-address", "Current and previous work addresses"},
      {"location.current", "Where a person is now"},
      {"location.shelter", "The shelter a person stays at"},
      {"contact", "How to reach a person"},
      {"contact.phone", "Phone numbers"},
      {"contact.email", "E-mail addresses"},
      {"contact.social-media", "Social-media accounts"},
      {"custody", "Custody"},
      {"custody.status", "Whether and where a person is in custody"},
      {"custody.release-date", "Date and time of release from custody"},
      {"custody.facility", "The facility holding a person"},
      {"court", "Courts"},
      {"court.appearance", "Scheduled court dates and appointments"},
      {"justice", "Criminal justice records"},
      {"justice.arrest-record", "Arrest records"},
      {"justice.conviction", "Criminal convictions"},
      {"justice.sealed-record", "Sealed records (for example N.Y. CPL 160.50)"},
      {"benefits", "Public benefits"},
      {"benefits.eligibility", "Eligibility for public assistance or city services"},
      {"benefits.receipt", "Receipt of public assistance or city services"},
      {"tax", "Tax"},
      {"tax.records", "Information from income-tax records"},
      {"health", "Health"},
      {"health.records", "Health records"},
      {"education", "Education"},
      {"education.records", "Education records"},
      {"vehicle", "Motor vehicles"},
      {"vehicle.dmv-record", "Motor-vehicle agency records"},
      {"vehicle.license-plate", "Licence plates"},
      {"demographic", "Demographic characteristics"},
      {"demographic.language", "Languages spoken"},
      {"demographic.religion", "Religion"},
      {"demographic.race", "Race"},
      {"demographic.sexual-orientation", "Sexual orientation"},
      {"demographic.gender-identity", "Gender identity"},
      {"demographic.marital-status", "Marital or partnership status"},
      {"victim", "Victims and witnesses"},
      {"victim.status", "Status as a victim of domestic violence, sexual assault or crime, or as a witness"},
      {"employment", "Employment"},
      {"employment.status", "Employment status"},
      {"employment.employer", "Employer information"},
      {"family", "Family"},
      {"family.members", "Family and household members"},
    };
    Categories taxonomy = new Categories(List.of());
    for (Object[] entry : entries) {
      taxonomy = taxonomy.with((String) entry[0], (String) entry[1]);
    }
    return taxonomy;
  }
}
