package org.sanctuaryguard.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads of whole files that refuse a file too large for what it should be, rather than run out of memory. */
public final class CappedFiles {

  private CappedFiles() {}

  /**
   * Reads a whole file, reading no more than one byte past the cap.
   *
   * @param file the file
   * @param largest the most bytes the file may hold
   * @return its bytes
   * @throws TooLargeException if it holds more than {@code largest} bytes
   * @throws IOException if it cannot be read
   */
  public static byte[] read(Path file, int largest) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(largest + 1);
      if (bytes.length > largest) {
        throw new TooLargeException();
      }
      return bytes;
    }
  }

  /** A file that holds more bytes than its reader's cap; the reader's message says which file and why. */
  public static final class TooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("the file is larger than its cap");
    }
  }
}
