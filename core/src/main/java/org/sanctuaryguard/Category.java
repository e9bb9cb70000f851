package org.sanctuaryguard;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A data category: a hierarchical key such as {@code immigration.status} or {@code
 * location.home-address}. A category covers itself and its descendants, so a rule on {@code
 * immigration} covers {@code immigration.status}.
 *
 * <p>Categories are obtained from a {@link Categories} taxonomy. Two categories are equal when their
 * keys are. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Category implements Comparable<Category> {

  private final String key;
  private final @Nullable Category parent;
  private final String description;
  final int index;

  Category(String key, @Nullable Category parent, String description, int index) {
    this.key = key;
    this.parent = parent;
    this.description = description;
    this.index = index;
  }

  /** Returns the key, for example {@code "immigration.status"}. */
  public String key() {
    return key;
  }

  /** Returns a short description of what the category holds. */
  public String description() {
    return description;
  }

  /** Returns the parent category, or empty for a top-level category. */
  public Optional<Category> parent() {
    return Optional.ofNullable(parent);
  }

  /**
   * Returns whether this category covers {@code other}: it is {@code other} or one of its
   * ancestors.
   *
   * @param other the category to test
   * @return whether a rule on this category applies to {@code other}
   */
  public boolean covers(Category other) {
    String otherKey = other.key;
    return otherKey.equals(key)
        || (otherKey.length() > key.length()
            && otherKey.startsWith(key)
            && otherKey.charAt(key.length()) == '.');
  }

  /** Returns whether either category covers the other. */
  public boolean overlaps(Category other) {
    return covers(other) || other.covers(this);
  }

  @Override
  public int compareTo(Category other) {
    return key.compareTo(other.key);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Category category && key.equals(category.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }
}
