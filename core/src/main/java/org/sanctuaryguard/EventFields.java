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

/**
 * The fields of a guard event: an immutable map sorted by name, held as one value per {@link
 * Field} in the fields' sorted order, so that an event's fields are set and walked without a tree
 * and without comparing names. Views of a range of names ({@link #subMap} and the like) are
 * copies; guard logs only walk the whole map.
 */
final class EventFields extends AbstractMap<String, Object> implements SortedMap<String, Object> {

  /** Every field a guard event can have; {@code docs/guard-log.md} documents them. */
  enum Field {
    TIMESTAMP("@timestamp"),
    EVENT_ID("event.id"),
    KIND("event.kind"),
    ACTION("event.action"),
    SCHEMA("sanctuary.schema"),
    GUARD("sanctuary.guard"),
    MODE("sanctuary.mode"),
    USER("user.id"),
    FULFILS("sanctuary.fulfils"),
    OBLIGATION("sanctuary.obligation"),
    FULFILLED_AT("sanctuary.fulfilled_at"),
    OUTCOME("sanctuary.outcome"),
    RECIPIENT("sanctuary.recipient.id"),
    RECIPIENT_NAME("sanctuary.recipient.name"),
    RECIPIENT_CLASS("sanctuary.recipient.class"),
    HOLDER("sanctuary.holder"),
    PURPOSE("sanctuary.purpose"),
    BASIS_TYPE("sanctuary.basis.type"),
    BASIS_FORM("sanctuary.basis.form"),
    BASIS_ISSUER("sanctuary.basis.issuer"),
    BASIS_SIGNER_NAME("sanctuary.basis.signer.name"),
    BASIS_SIGNER_ROLE("sanctuary.basis.signer.role"),
    BASIS_DOCKET("sanctuary.basis.docket"),
    BASIS_CITATION("sanctuary.basis.citation"),
    BASIS_VERIFIED("sanctuary.basis.verified"),
    BASIS_VERIFIED_BY("sanctuary.basis.verified_by"),
    RELEASED("sanctuary.released"),
    WITHHELD("sanctuary.withheld"),
    ESCALATED("sanctuary.escalated"),
    RULES("sanctuary.rules"),
    OBLIGATIONS("sanctuary.obligations"),
    PACKS("sanctuary.packs"),
    SUBJECTS("sanctuary.subjects"),
    SUBJECT_COUNT("sanctuary.subject_count"),
    BULK("sanctuary.bulk"),
    REQUEST_TIME("sanctuary.request_time"),
    FAILURE("sanctuary.failure");

    final String key;

    Field(String key) {
      this.key = key;
    }
  }

  /** The fields' names, sorted. */
  private static final String[] NAMES;
  /** Where each field's value is, by the field's ordinal. */
  private static final int[] SLOT;

  static {
    Field[] sorted = Field.values();
    Arrays.sort(sorted, Comparator.comparing(field -> field.key));
    NAMES = new String[sorted.length];
    SLOT = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      NAMES[i] = sorted[i].key;
      SLOT[sorted[i].ordinal()] = i;
    }
  }

  private final @Nullable Object[] values = new Object[NAMES.length];
  private int size;

  /** Sets a field; the map must not have been shared yet. */
  EventFields set(Field field, Object value) {
    int slot = SLOT[field.ordinal()];
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
