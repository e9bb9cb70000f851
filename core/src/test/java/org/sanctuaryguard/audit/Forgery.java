package org.sanctuaryguard.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.sanctuaryguard.internal.json.CanonicalJson;
import org.sanctuaryguard.internal.json.LogField;

/**
 * What an attacker who can write the log files can do: change a field and hash the record again,
 * or sign a checkpoint with a key of their own. Every line returned is in canonical form.
 */
final class Forgery {

  private Forgery() {}

  /** Returns the record with one field set to a value, hashed again so that its own hash holds. */
  static String with(String line, String field, Object value) {
    SortedMap<String, Object> fields = fields(line);
    fields.put(field, value);
    return sealed(fields);
  }

  /** Returns the record with its hash recomputed over its content. */
  static String rehashed(String line) {
    return sealed(fields(line));
  }

  /** Returns a checkpoint signed with another key, naming {@code keyId}, and hashed again. */
  static String resigned(String checkpoint, PrivateKey key, String keyId) {
    SortedMap<String, Object> fields = fields(checkpoint);
    fields.remove(LogRecord.HASH);
    fields.remove(LogRecord.SIGNATURE);
    fields.put(LogField.KEY.key(), keyId);
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(CanonicalJson.bytes(fields));
      fields.put(LogRecord.SIGNATURE, Base64.getEncoder().encodeToString(signature.sign()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return sealed(fields);
  }

  /** Returns the hash field of a line. */
  static String hashOf(String line) {
    return (String) fields(line).get(LogRecord.HASH);
  }

  static SortedMap<String, Object> fields(String line) {
    return new TreeMap<>(LogRecord.parse("forged", 1, line).fields());
  }

  static String sealed(SortedMap<String, Object> record) {
    SortedMap<String, Object> fields = new TreeMap<>(record);
    fields.remove(LogRecord.HASH);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(fields));
      fields.put(LogRecord.HASH, HexFormat.of().formatHex(digest));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return new String(CanonicalJson.bytes(fields), StandardCharsets.UTF_8);
  }
}
