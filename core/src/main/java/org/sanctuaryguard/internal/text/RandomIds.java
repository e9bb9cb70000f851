package org.sanctuaryguard.internal.text;

import java.security.SecureRandom;

/** Random ids of guards and of guard log streams: 16 lowercase base32 characters (80 bits). */
public final class RandomIds {

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private RandomIds() {}

  /** Returns a new random id. */
  public static String next() {
    SecureRandom random = new SecureRandom();
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(id);
  }
}
