package org.sanctuaryguard;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of subject ids: HMAC-SHA-256 under the configured key, cut to 128 bits and
 * encoded base64url. The same id always gives the same pseudonym under one key, so reviewers can
 * follow one person's requests without learning who it is; without the key, nobody can go back.
 */
final class Pseudonyms {

  static final int MIN_KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  Pseudonyms(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  String of(String subjectId) {
    if (DisclosureRequest.ALL_SUBJECTS.equals(subjectId)) {
      return subjectId;
    }
    byte[] digest = macs.get().doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }
}
