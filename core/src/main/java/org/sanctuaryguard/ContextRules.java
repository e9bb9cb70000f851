package org.sanctuaryguard;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one context (holder, recipient class, purpose, basis type), indexed again by the
 * categories they affect, so that a request looks only at the rules that touch what it asks for:
 * with a thousand rules loaded, a request nothing restricts still costs a mask test.
 */
final class ContextRules {

  private static final CompiledRule[] NONE = new CompiledRule[0];
  private static final int[] NO_POSITIONS = new int[0];

  final CompiledRule[] all;
  final long[] affected;
  private final CompiledRule[][] byCategory;
  private final int[][] positions;

  ContextRules(List<CompiledRule> rules, Categories taxonomy) {
    this.all = rules.toArray(CompiledRule[]::new);
    this.affected = Bits.empty(taxonomy.words());
    for (CompiledRule rule : all) {
      Bits.or(affected, rule.affects);
    }
    this.byCategory = new CompiledRule[taxonomy.size()][];
    this.positions = new int[taxonomy.size()][];
    for (int category = 0; category < byCategory.length; category++) {
      List<Integer> touching = new ArrayList<>();
      for (int position = 0; position < all.length; position++) {
        if (Bits.get(all[position].affects, category)) {
          touching.add(position);
        }
      }
      positions[category] = touching.isEmpty() ? NO_POSITIONS : touching.stream().mapToInt(Integer::intValue).toArray();
      byCategory[category] = touching.isEmpty() ? NONE : touching.stream().map(p -> all[p]).toArray(CompiledRule[]::new);
    }
  }

  /** Returns whether any rule of the context applies to the request; allocates nothing. */
  boolean anyApplies(DisclosureRequest request, long[] requested) {
    if (!Bits.intersects(requested, affected)) {
      return false;
    }
    for (int category = Bits.next(requested, 0); category >= 0; category = Bits.next(requested, category + 1)) {
      for (CompiledRule rule : byCategory[category]) {
        if (rule.appliesTo(request, requested)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the rules that touch any requested category, in pack order and rule order. */
  CompiledRule[] touching(long[] requested) {
    int first = Bits.next(requested, 0);
    if (first >= 0 && Bits.next(requested, first + 1) < 0) {
      return byCategory[first];
    }
    long[] marked = Bits.empty((all.length + 63) >>> 6);
    int count = 0;
    for (int category = first; category >= 0; category = Bits.next(requested, category + 1)) {
      for (int position : positions[category]) {
        if (!Bits.get(marked, position)) {
          Bits.set(marked, position);
          count++;
        }
      }
    }
    CompiledRule[] touching = new CompiledRule[count];
    int next = 0;
    for (int position = Bits.next(marked, 0); position >= 0; position = Bits.next(marked, position + 1)) {
      touching[next++] = all[position];
    }
    return touching;
  }
}
