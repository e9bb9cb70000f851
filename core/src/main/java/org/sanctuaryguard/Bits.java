package org.sanctuaryguard;

/** Operations on the bit masks that stand for sets of categories in the engine. */
final class Bits {

  private Bits() {}

  static long[] empty(int words) {
    return new long[words];
  }

  static void set(long[] bits, int index) {
    bits[index >>> 6] |= 1L << index;
  }

  static boolean get(long[] bits, int index) {
    int word = index >>> 6;
    return word < bits.length && (bits[word] & (1L << index)) != 0;
  }

  static boolean intersects(long[] a, long[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if ((a[i] & b[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  static void or(long[] into, long[] from) {
    for (int i = 0; i < from.length; i++) {
      into[i] |= from[i];
    }
  }

  static int count(long[] bits) {
    int count = 0;
    for (long word : bits) {
      count += Long.bitCount(word);
    }
    return count;
  }

  static boolean isEmpty(long[] bits) {
    for (long word : bits) {
      if (word != 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the index of the first set bit at or after {@code from}, or -1. */
  static int next(long[] bits, int from) {
    int word = from >>> 6;
    if (word >= bits.length) {
      return -1;
    }
    long current = bits[word] & (-1L << from);
    while (true) {
      if (current != 0) {
        return (word << 6) + Long.numberOfTrailingZeros(current);
      }
      if (++word == bits.length) {
        return -1;
      }
      current = bits[word];
    }
  }
}
