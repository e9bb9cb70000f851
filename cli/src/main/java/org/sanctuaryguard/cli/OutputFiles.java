package org.sanctuaryguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one rule for a file that a command writes: it never replaces a file that exists (a symbolic
 * link included, even one that leads nowhere) unless the command takes {@value #FORCE} and is given
 * it. A refusal is a usage error (status 2) whose message names the file, which is left as it was,
 * byte for byte.
 */
final class OutputFiles {

  /** The flag that lets a command replace a file that exists. */
  static final String FORCE = "--force";

  private OutputFiles() {}

  /**
   * Writes text in UTF-8 to a new file, or, with {@code force}, to a file that may exist, replacing
   * what it held. Without {@code force}, the file is created only if it does not exist, in one step,
   * so that a file made meanwhile is not replaced either.
   *
   * @throws UsageException naming the file, if it exists and {@code force} is false
   * @throws IOException if the file cannot be written
   */
  static void write(Path file, String text, boolean force) throws IOException {
    OpenOption[] options = force
        ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
        : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, options);
    } catch (FileAlreadyExistsException e) {
      throw exists(file, "give " + FORCE + " to replace it");
    }
  }

  /**
   * Refuses a file that exists, for a command that never replaces one.
   *
   * @param remedy what to do instead, for the message
   * @throws UsageException naming the file, if it exists
   */
  static void refuseExisting(Path file, String remedy) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(file, remedy);
    }
  }

  /**
   * The refusal of a file that exists, for a command whose own write refused it.
   *
   * @param remedy what to do instead, for the message
   */
  static UsageException exists(Path file, String remedy) {
    return new UsageException(file + " exists, and was left as it is; " + remedy);
  }
}
