package org.sanctuaryguard.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.sanctuaryguard.Recipient;

/**
 * Identifies an agency by an API key header, against the SHA-256 digests of the keys it was given:
 * the configuration never holds a key, and a key is never logged. An unknown key identifies nobody;
 * a request that sends the header twice with different keys is refused.
 */
final class ApiKeyRequesterResolver implements RequesterResolver {

  private final String header;
  private final Map<String, Recipient> byDigest;

  /**
   * @param header the header that carries the key
   * @param byDigest recipients by the SHA-256 digest of their key, in lower-case hexadecimal
   */
  ApiKeyRequesterResolver(String header, Map<String, Recipient> byDigest) {
    this.header = header;
    this.byDigest = Map.copyOf(byDigest);
  }

  @Override
  public Optional<Requester> resolve(HttpServletRequest request) {
    String key = RequestHeaders.single(request, header);
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(sha256(key))).map(Requester::of);
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeyRequesterResolver[" + header + ", " + byDigest.size() + " keys]";
  }
}
