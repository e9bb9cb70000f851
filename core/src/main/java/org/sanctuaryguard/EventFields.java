package org.sanctuaryguard;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.sanctuaryguard.internal.json.LogField;

/**
 * The fields of a guard event: an immutable map sorted by name, held as one value per field that
 * events carry ({@link LogField#event()}) in the fields' sorted order, so that an event's fields
 * are set and walked without a tree and without comparing names. Views of a range of names
 * ({@link #subMap} and the like) are copies; guard logs only walk the whole map.
 */
final class EventFields extends AbstractMap<String, Object> implements SortedMap<String, Object> {

  /** The fields' names, sorted. */
  private static final String[] NAMES;
  /** Where each field's value is, by the field's ordinal; -1 for fields events do not carry. */
  private static final int[] SLOT;

  static {
    LogField[] sorted = Arrays.stream(LogField.values()).filter(LogField::event)
        .sorted(Comparator.comparing(LogField::key)).toArray(LogField[]::new);
    NAMES = new String[sorted.length];
    SLOT = new int[LogField.values().length];
    Arrays.fill(SLOT, -1);
    for (int i = 0; i < sorted.length; i++) {
      NAMES[i] = sorted[i].key();
      SLOT[sorted[i].ordinal()] = i;
    }
  }

  private final @Nullable Object[] values = new Object[NAMES.length];
  private int size;

  /** Sets a field; the map must not have been shared yet. */
  EventFields set(LogField field, Object value) {
    int slot = SLOT[field.ordinal()];
    if (slot < 0) {
      throw new IllegalArgumentException(field.key() + " is written by the guard log, not by events");
    }
    if (values[slot] == null) {
      size++;
    }
    values[slot] = value;
    return this;
  }

  private int present(int from) {
    int slot = from;
    while (slot < values.length && values[slot] == null) {
      slot++;
    }
    return slot;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return get(key) != null;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    int slot = Arrays.binarySearch(NAMES, name);
    return slot < 0 ? null : values[slot];
  }

  /** Walks the fields in order without making an entry for each. */
  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int slot = present(0); slot < values.length; slot = present(slot + 1)) {
      action.accept(NAMES[slot], values[slot]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int slot = present(0);

          @Override
          public boolean hasNext() {
            return slot < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (slot >= values.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> entry = new SimpleImmutableEntry<>(NAMES[slot], values[slot]);
            slot = present(slot + 1);
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Returns {@code null}: names are in their natural order. */
  @Override
  public @Nullable Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public String firstKey() {
    int slot = present(0);
    if (slot == values.length) {
      throw new NoSuchElementException();
    }
    return NAMES[slot];
  }

  @Override
  public String lastKey() {
    for (int slot = values.length - 1; slot >= 0; slot--) {
      if (values[slot] != null) {
        return NAMES[slot];
      }
    }
    throw new NoSuchElementException();
  }

  @Override
  public SortedMap<String, Object> subMap(String fromKey, String toKey) {
    return copy().subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<String, Object> headMap(String toKey) {
    return copy().headMap(toKey);
  }

  @Override
  public SortedMap<String, Object> tailMap(String fromKey) {
    return copy().tailMap(fromKey);
  }

  private SortedMap<String, Object> copy() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this));
  }
}
