package org.sanctuaryguard;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of categories of one taxonomy, held as a bit mask so that the engine tests
 * overlap with a rule in a few word operations. Iterates in taxonomy order.
 */
final class CategorySet extends AbstractSet<Category> {

  final Categories taxonomy;
  final long[] bits;
  private final int size;
  /** The hash of {@link java.util.Set#hashCode()}, computed on first use; 0 until then. */
  private int hash;
  /** The categories' keys, sorted, computed on first use. */
  private @Nullable List<String> sortedKeys;

  CategorySet(Categories taxonomy, long[] bits) {
    this.taxonomy = taxonomy;
    this.bits = bits;
    this.size = Bits.count(bits);
  }

  @Override
  public boolean contains(@Nullable Object o) {
    if (!(o instanceof Category category)) {
      return false;
    }
    if (category.index < taxonomy.size() && taxonomy.at(category.index) == category) {
      return Bits.get(bits, category.index);
    }
    Category own = taxonomy.find(category.key()).orElse(null);
    return own != null && Bits.get(bits, own.index);
  }

  @Override
  public Iterator<Category> iterator() {
    return new Iterator<>() {
      private int next = Bits.next(bits, 0);

      @Override
      public boolean hasNext() {
        return next >= 0;
      }

      @Override
      public Category next() {
        if (next < 0) {
          throw new NoSuchElementException();
        }
        Category category = taxonomy.at(next);
        next = Bits.next(bits, next + 1);
        return category;
      }
    };
  }

  /** Returns the categories' keys in sorted order, as guard events list them. */
  List<String> sortedKeys() {
    List<String> keys = sortedKeys;
    if (keys == null) {
      String[] sorted = new String[size];
      int i = 0;
      for (Category category : this) {
        sorted[i++] = category.key();
      }
      Arrays.sort(sorted);
      keys = List.of(sorted);
      sortedKeys = keys;
    }
    return keys;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (other instanceof CategorySet set && set.taxonomy == taxonomy) {
      return Arrays.equals(bits, set.bits);
    }
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      for (Category category : this) {
        h += category.hashCode();
      }
      hash = h;
    }
    return h;
  }
}
