package org.sanctuaryguard;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** "Section 1373 of Title 8, United States Code", as "8 U.S.C. § 1373" writes it. */
  private static final Pattern SECTION_OF_TITLE = Pattern.compile("(?i)(?:section|sec\\.|§)\\s*([0-9][0-9a-z]*)"
      + "\\s+of\\s+title\\s+([0-9]+)\\s*,?\\s+(?:of\\s+the\\s+)?united\\s+states\\s+code");
  /** A part of a list that is a section number alone ("1373" in "8 U.S.C. §§ 1357, 1373"). */
  private static final Pattern SECTION_ALONE = Pattern.compile("\\s*§*\\s*[0-9][0-9a-z()]*\\s*");
  /** What precedes the section number in a part: its title and code ("8 U.S.C. §§ "). */
  private static final Pattern BEFORE_SECTION = Pattern.compile("^(.*?)[0-9][0-9a-z()]*\\s*$");

  /**
   * Returns whether any part of {@code given} (split at ';' and ',') starts with an accepted one. A
   * part that is a section number alone takes the title and code of the part before it, and
   * "section S of title T, United States Code" reads as "T U.S.C. § S", so that citing a statute in
   * other words does not slip past a rule about it.
   */
  static boolean anyMatch(String given, List<String> acceptedNormalized) {
    String prefix = "";
    for (String part : SECTION_OF_TITLE.matcher(given).replaceAll("$2 U.S.C. § $1").split("[;,]")) {
      if (SECTION_ALONE.matcher(part).matches()) {
        part = prefix + part.replace("§", "").strip();
      } else {
        Matcher before = BEFORE_SECTION.matcher(part.strip());
        prefix = before.matches() ? before.group(1) : "";
      }
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
