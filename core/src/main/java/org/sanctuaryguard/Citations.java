package org.sanctuaryguard;

import java.util.List;
import java.util.Locale;

/**
 * Compares legal citations loosely enough that "8 U.S.C. § 1642" matches "8 USC 1642(a)", and
 * strictly enough that it does not match "8 U.S.C. § 16421".
 */
final class Citations {

  private Citations() {}

  /** Keeps letters and digits only, lower-cased. */
  static String normalize(String citation) {
    StringBuilder out = new StringBuilder(citation.length());
    for (int i = 0; i < citation.length(); i++) {
      char c = citation.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** Returns whether any part of {@code given} (split at ';' and ',') starts with an accepted one. */
  static boolean anyMatch(String given, List<String> acceptedNormalized) {
    for (String part : given.split("[;,]")) {
      String normalized = normalize(part);
      for (String accepted : acceptedNormalized) {
        if (normalized.startsWith(accepted)
            && (normalized.length() == accepted.length()
                || !Character.isDigit(normalized.charAt(accepted.length()))
                || !Character.isDigit(accepted.charAt(accepted.length() - 1)))) {
          return true;
        }
      }
    }
    return false;
  }
}
