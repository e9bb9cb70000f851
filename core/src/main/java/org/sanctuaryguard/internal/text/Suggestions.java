package org.sanctuaryguard.internal.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the known identifiers nearest to an unknown one, for error messages. */
public final class Suggestions {

  private static final int MAX_SUGGESTIONS = 3;

  private Suggestions() {}

  /**
   * Returns up to three known identifiers close to {@code unknown}, nearest first: those within an
   * edit distance of a quarter of its length (a swap of two letters is one edit), or, if none is,
   * those that contain it or that it contains.
   */
  public static List<String> nearest(String unknown, Collection<String> known) {
    String needle = unknown.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, needle.length() / 4);
    List<Scored> scored = new ArrayList<>();
    for (String candidate : known) {
      String hay = candidate.toLowerCase(Locale.ROOT);
      int distance = distance(needle, hay);
      boolean related = needle.length() >= 3 && (hay.contains(needle) || needle.contains(hay));
      if (distance <= limit && distance < needle.length()) {
        scored.add(new Scored(candidate, distance));
      } else if (related) {
        scored.add(new Scored(candidate, limit + 1));
      }
    }
    if (scored.stream().anyMatch(s -> s.distance() <= limit)) {
      scored.removeIf(s -> s.distance() > limit);
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id));
    List<String> result = new ArrayList<>();
    for (int i = 0; i < scored.size() && i < MAX_SUGGESTIONS; i++) {
      result.add(scored.get(i).id());
    }
    return result;
  }

  /**
   * Formats the sentence that ends an unknown-identifier message: "; did you mean 'a' or 'b'?";
   * when none is near, the known identifiers if there are few, else the three least far from it
   * ("; the nearest known are ..."), so that a message always shows some known ones.
   */
  public static String hint(String unknown, Collection<String> known) {
    List<String> near = nearest(unknown, known);
    if (!near.isEmpty()) {
      return "; did you mean " + quoteAll(near, " or ") + "?";
    }
    if (known.size() <= 12) {
      return "; known: " + quoteAll(known.stream().sorted().toList(), ", ");
    }
    String needle = unknown.toLowerCase(Locale.ROOT);
    List<String> least = known.stream()
        .sorted(Comparator.comparingInt((String id) -> distance(needle, id.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()))
        .limit(MAX_SUGGESTIONS).toList();
    return "; the nearest known are " + quoteAll(least, ", ");
  }

  private static String quoteAll(List<String> ids, String separator) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      out.append('\'').append(ids.get(i)).append('\'');
    }
    return out.toString();
  }

  /** The optimal string alignment distance: insertions, deletions, substitutions and swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private record Scored(String id, int distance) {}
}
