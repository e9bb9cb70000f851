package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Protected properties of classes that cannot be annotated (generated DTOs, third-party types),
 * registered by class and property name with the same meaning as {@link Protected} and {@link
 * SubjectId}:
 *
 * <pre>{@code
 * ProtectedProperties generated = ProtectedProperties.builder()
 *     .protect(ClientDto.class, "homeAddress", "location.home-address")
 *     .protect(ClientDto.class, "countryOfBirth", "immigration.place-of-birth")
 *     .subjectId(ClientDto.class, "clientNumber")
 *     .build();
 * GuardConfig config = GuardConfig.custom().policy(policy).protectedProperties(generated).build();
 * }</pre>
 *
 * <p>Registrations add to annotations. A registration of a class whose fields the guard never reads
 * (an enum, a collection, a map or an {@code AtomicReference}, a class of the JDK, an interface) is
 * refused at once, by {@link InvalidProtectionException} naming the class and the property. Like
 * annotations, the others are checked the first time a guard meets the class: a property that does
 * not exist, a static field or an unknown category is reported then, naming the class and the
 * property. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ProtectedProperties {

  private static final ProtectedProperties NONE = new ProtectedProperties(Map.of(), Map.of());

  private final Map<Class<?>, Map<String, List<String>>> categories;
  private final Map<Class<?>, Set<String>> subjectIds;

  private ProtectedProperties(Map<Class<?>, Map<String, List<String>>> categories, Map<Class<?>, Set<String>> subjectIds) {
    this.categories = categories;
    this.subjectIds = subjectIds;
  }

  /** Returns a registry with no registration: annotations alone decide. */
  public static ProtectedProperties none() {
    return NONE;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the category keys registered for the properties of {@code type} (not its supertypes). */
  Map<String, List<String>> categoriesOf(Class<?> type) {
    return categories.getOrDefault(type, Map.of());
  }

  /** Returns the subject-id properties registered for {@code type} (not its supertypes). */
  Set<String> subjectIdsOf(Class<?> type) {
    return subjectIds.getOrDefault(type, Set.of());
  }

  /** Returns whether nothing is registered. */
  public boolean isEmpty() {
    return categories.isEmpty() && subjectIds.isEmpty();
  }

  @Override
  public String toString() {
    return "ProtectedProperties" + categories.entrySet().stream()
        .map(e -> e.getKey().getName() + e.getValue().keySet())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Builds {@link ProtectedProperties}. Not thread-safe; {@link #build()} copies.
   *
   * @since 0.1.0
   */
  public static final class Builder {

    private final Map<Class<?>, Map<String, List<String>>> categories = new java.util.LinkedHashMap<>();
    private final Map<Class<?>, Set<String>> subjectIds = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers a protected property.
     *
     * @param type the class that declares the property
     * @param property the name of its field, record component or getter property
     * @param categoryKeys one or more category keys
     * @return this builder
     * @throws InvalidProtectionException if the guard reads no field of {@code type}: an enum, a
     *     collection, a map or an {@code AtomicReference}, a class of the JDK, or an interface
     */
    public Builder protect(Class<?> type, String property, String... categoryKeys) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(property, "property");
      if (categoryKeys.length == 0) {
        throw new IllegalArgumentException(
            "protected property " + type.getName() + "." + property + " needs at least one category");
      }
      refuseUnread(type, property, "protected");
      categories.computeIfAbsent(type, t -> new java.util.LinkedHashMap<>())
          .computeIfAbsent(property, p -> new ArrayList<>())
          .addAll(List.of(categoryKeys));
      return this;
    }

    /**
     * Registers the property that holds the subject's id.
     *
     * @param type the class that declares the property
     * @param property the name of its field, record component or getter property
     * @return this builder
     * @throws InvalidProtectionException if the guard reads no field of {@code type}: an enum, a
     *     collection, a map or an {@code AtomicReference}, a class of the JDK, or an interface
     */
    public Builder subjectId(Class<?> type, String property) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(property, "property");
      refuseUnread(type, property, "the subject id");
      subjectIds.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(property);
      return this;
    }

    /** Refuses a property of a class whose fields the guard never reads, which a registration would not protect. */
    private static void refuseUnread(Class<?> type, String property, String as) {
      String unread = TypeInfo.unreadFields(type);
      if (unread != null) {
        throw new InvalidProtectionException(type.getName(), property, "is registered as " + as + ", but " + unread);
      }
    }

    /** Returns the registry. */
    public ProtectedProperties build() {
      Map<Class<?>, Map<String, List<String>>> copiedCategories = new java.util.HashMap<>();
      categories.forEach((type, properties) -> {
        Map<String, List<String>> copied = new java.util.LinkedHashMap<>();
        properties.forEach((name, keys) -> copied.put(name, List.copyOf(keys)));
        copiedCategories.put(type, java.util.Collections.unmodifiableMap(copied));
      });
      Map<Class<?>, Set<String>> copiedIds = new java.util.HashMap<>();
      subjectIds.forEach((type, names) -> copiedIds.put(type, Set.copyOf(names)));
      return new ProtectedProperties(Map.copyOf(copiedCategories), Map.copyOf(copiedIds));
    }
  }
}
