package org.sanctuaryguard.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.sanctuaryguard.SanctuaryGuardException;
import org.sanctuaryguard.internal.io.CappedFiles;

/**
 * The Ed25519 keys of guard-log checkpoints (the JDK's own implementation): the writer signs with
 * a private key read from a PKCS#8 file, and reviewers verify with its public key, an X.509 file;
 * both in PEM or DER. A key is named by its id, the first 16 hexadecimal digits of the SHA-256 of
 * its public key, which every checkpoint records.
 *
 * <pre>{@code
 * KeyPair keys = SigningKeys.generate();
 * SigningKeys.write(keys, Path.of("guard-log.key"), Path.of("guard-log.pub"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SigningKeys {

  static final String ALGORITHM = "Ed25519";

  /** The largest key file read, in bytes: a PEM key is a few hundred. */
  static final int LARGEST_KEY_FILE = 64 * 1024;

  private SigningKeys() {}

  /** Returns a new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new SanctuaryGuardException("the JDK lacks " + ALGORITHM, e);
    }
  }

  /**
   * Writes a key pair as PEM into two new files: the private key (PKCS#8), created readable and
   * writable by its owner only where the file system has POSIX permissions, and the public key
   * (X.509) for reviewers. Neither file may exist: a key is never overwritten.
   *
   * @throws SanctuaryGuardException naming the files, if one exists or cannot be written; its cause
   *     is the {@link IOException}, a {@link FileAlreadyExistsException} naming the file if one
   *     exists
   */
  public static void write(KeyPair keys, Path privateKeyFile, Path publicKeyFile) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    try {
      if (Files.exists(publicKeyFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(publicKeyFile.toString());
      }
      try {
        Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file keeps the permissions of its directory.
        Files.createFile(privateKeyFile);
      }
      try {
        Files.writeString(privateKeyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(publicKeyFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()), StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        Files.deleteIfExists(privateKeyFile);
        throw e;
      }
    } catch (IOException e) {
      throw new SanctuaryGuardException("cannot write the key files " + privateKeyFile + " and " + publicKeyFile
          + ": " + whyNotWritten(e, privateKeyFile, publicKeyFile), e);
    }
  }

  /**
   * Reads an Ed25519 private key from a PKCS#8 file, PEM or DER.
   *
   * @throws SanctuaryGuardException naming the file, if it cannot be read or holds no such key
   */
  public static PrivateKey readPrivateKey(Path file) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SanctuaryGuardException(file + " does not hold an Ed25519 private key: give the file that keygen"
          + " wrote with --private-key, which begins '-----BEGIN PRIVATE KEY-----' (PKCS#8 PEM), or its DER bytes"
          + (holds(file, "PUBLIC KEY") ? "; this file holds a public key, which verifies checkpoints but cannot sign"
              + " them" : ""), e);
    }
  }

  /**
   * Reads an Ed25519 public key from an X.509 file, PEM or DER.
   *
   * @throws SanctuaryGuardException naming the file, if it cannot be read or holds no such key
   */
  public static PublicKey readPublicKey(Path file) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SanctuaryGuardException(file + " does not hold an Ed25519 public key: give the file that keygen"
          + " wrote with --public-key, which begins '-----BEGIN PUBLIC KEY-----' (X.509 PEM), or its DER bytes"
          + (holds(file, "PRIVATE KEY") ? "; this file holds the private key, which stays with the guard: give the"
              + " public key written with it" : ""), e);
    }
  }

  /** Returns the public key of an Ed25519 private key. */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof EdECPrivateKey edwards) || edwards.getBytes().isEmpty()) {
      throw new SanctuaryGuardException("not an Ed25519 private key: " + privateKey.getAlgorithm());
    }
    byte[] seed = edwards.getBytes().get();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new Replaying(seed));
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new SanctuaryGuardException("the JDK lacks " + ALGORITHM, e);
    }
  }

  /** Returns the id of a public key: 16 hexadecimal digits of the SHA-256 of its encoding. */
  public static String keyId(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new SanctuaryGuardException("the JDK lacks SHA-256", e);
    }
  }

  private static byte[] der(Path file, String label) {
    byte[] bytes = read(file);
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    int start = text.indexOf(begin);
    if (start < 0) {
      return bytes;
    }
    int end = text.indexOf("-----END " + label + "-----", start);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated PEM");
    }
    return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
  }

  /** Says which directory is missing, where "no such file" would name none and puzzle whoever creates one. */
  private static String whyNotWritten(IOException e, Path... files) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      for (Path file : files) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
          return "no such directory " + directory;
        }
      }
    }
    return SanctuaryGuardException.describe(e);
  }

  /** Reads a key file, refusing one too large to be a key rather than running out of memory. */
  private static byte[] read(Path file) {
    try {
      return CappedFiles.read(file, LARGEST_KEY_FILE);
    } catch (CappedFiles.TooLargeException e) {
      throw new SanctuaryGuardException("cannot read the key file " + file + ": it is larger than "
          + LARGEST_KEY_FILE / 1024 + " KiB, far more than a key needs: is it a key file?");
    } catch (IOException e) {
      throw new SanctuaryGuardException("cannot read the key file " + file + ": " + SanctuaryGuardException.describe(e), e);
    }
  }

  /** Returns whether a key file holds a PEM block of this label, for saying which key it holds instead. */
  private static boolean holds(Path file, String label) {
    return new String(read(file), StandardCharsets.US_ASCII).contains("-----BEGIN " + label + "-----");
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** Gives the key-pair generator the seed of an existing key, so that it derives that key's pair. */
  private static final class Replaying extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    Replaying(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
