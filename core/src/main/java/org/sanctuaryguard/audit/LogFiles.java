package org.sanctuaryguard.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * Finds the files of a guard log and reads them line by line in bounded memory: a file is never
 * loaded whole, and a line longer than {@link LogLine#MAX_LENGTH} is reported, not kept. The
 * reader's buffer is reused from file to file; one reader per thread.
 */
final class LogFiles {

  /** One line as the reader hands it over; valid only during the call. */
  static final class Line {
    byte[] bytes = new byte[0];
    int offset;
    int length;
    long number;
    /** Whether a line feed ended the line; false for the last line of a file that lacks one. */
    boolean terminated;
    /** Whether the line was longer than {@link LogLine#MAX_LENGTH}; its bytes are then not given. */
    boolean tooLong;

    /** Returns whether the line holds only white space. */
    boolean blank() {
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
          return false;
        }
      }
      return true;
    }
  }

  /** Takes the lines of a file, in order. */
  @FunctionalInterface
  interface LineHandler {
    /** Takes one line; returns false to stop reading the file. */
    boolean line(Line line);
  }

  /** File names compare with their runs of digits as numbers, so that part 10000 follows part 9999. */
  static final Comparator<Path> ORDER = Comparator.comparing((Path path) -> String.valueOf(path.getFileName()),
      LogFiles::compareNatural).thenComparing(Path::toString);

  private static final int CHUNK = 1 << 20;

  private byte[] buffer = new byte[CHUNK];
  private final Line line = new Line();

  /**
   * Returns the files to read, in reading order: files named directly, and under each directory
   * (and its subdirectories, symbolic links followed) the files whose names end in {@value
   * GuardLogSink#EXTENSION}, but none of {@code excluded}. A file reached twice (named twice, or
   * through two links) is read once. A path that cannot be read, a link that leads nowhere and a
   * link back to a directory above it (a loop) become findings; the rest is still read.
   */
  static List<Path> expand(List<Path> paths, Collection<Path> excluded, Consumer<GuardLogVerifier.Finding> problems) {
    Set<Path> leftOut = new LinkedHashSet<>();
    excluded.forEach(path -> leftOut.add(identity(path)));
    Set<Path> seen = new LinkedHashSet<>();
    List<Path> files = new ArrayList<>();
    Consumer<Path> take = file -> {
      Path identity = identity(file);
      if (!leftOut.contains(identity) && seen.add(identity)) {
        files.add(file);
      }
    };
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try {
          Files.walkFileTree(path, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (file.getFileName().toString().endsWith(GuardLogSink.EXTENSION)) {
                if (attributes.isRegularFile()) {
                  take.accept(file);
                } else if (attributes.isSymbolicLink()) {
                  // following it failed: the link leads nowhere
                  problems.accept(unreadable(file, new NoSuchFileException(file.toString())));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              problems.accept(unreadable(file, e));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) {
              if (e != null) {
                problems.accept(unreadable(directory, e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
        } catch (IOException | RuntimeException e) {
          problems.accept(unreadable(path, e));
        }
      } else if (Files.isRegularFile(path)) {
        take.accept(path);
      } else {
        problems.accept(unreadable(path, new NoSuchFileException(path.toString())));
      }
    }
    files.sort(ORDER);
    return files;
  }

  /** Returns the finding that a file or directory cannot be read. */
  static GuardLogVerifier.Finding unreadable(Path path, Exception e) {
    String why = e instanceof FileSystemLoopException
        ? "it is a link back to a directory above it (a loop); the files there are read once, through that"
            + " directory: remove the link, or name the directory it leads to"
        : e instanceof IOException io ? SanctuaryGuardException.describe(io) : e.getClass().getSimpleName();
    return new GuardLogVerifier.Finding(GuardLogVerifier.Kind.UNREADABLE, null, path, 0, "cannot read it: " + why);
  }

  /**
   * Reads a file line by line. Lines are split at line feeds only; a carriage return before one
   * stays in the line.
   */
  void read(Path file, LineHandler handler) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int filled = 0;
      int lineStart = 0;
      long number = 0;
      boolean skipping = false;
      while (true) {
        if (filled == buffer.length) {
          if (lineStart > 0) {
            System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
            filled -= lineStart;
            lineStart = 0;
          } else if (filled < LogLine.MAX_LENGTH + 1) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, LogLine.MAX_LENGTH + 1));
          } else {
            skipping = true;
            filled = 0;
          }
        }
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
          break;
        }
        int scanFrom = filled;
        filled += read;
        for (int i = Bytes.lineFeed(buffer, scanFrom, filled); i >= 0; i = Bytes.lineFeed(buffer, i + 1, filled)) {
          number++;
          boolean more = skipping ? hand(handler, number, 0, 0, true, true) : hand(handler, number, lineStart, i, true, false);
          skipping = false;
          lineStart = i + 1;
          if (!more) {
            return;
          }
        }
        if (lineStart == filled) {
          filled = 0;
          lineStart = 0;
        }
      }
      if (skipping || lineStart < filled) {
        hand(handler, number + 1, lineStart, filled, false, skipping);
      }
    }
  }

  private boolean hand(LineHandler handler, long number, int from, int to, boolean terminated, boolean tooLong) {
    line.bytes = buffer;
    line.offset = from;
    line.length = tooLong ? 0 : to - from;
    line.number = number;
    line.terminated = terminated;
    line.tooLong = tooLong || to - from > LogLine.MAX_LENGTH;
    return handler.line(line);
  }

  /** Returns the file itself, whatever links lead to it, so that it is read once. */
  private static Path identity(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | RuntimeException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int iEnd = i;
        int jEnd = j;
        while (iEnd < a.length() && Character.isDigit(a.charAt(iEnd))) {
          iEnd++;
        }
        while (jEnd < b.length() && Character.isDigit(b.charAt(jEnd))) {
          jEnd++;
        }
        String left = a.substring(i, iEnd).replaceFirst("^0+(?=.)", "");
        String right = b.substring(j, jEnd).replaceFirst("^0+(?=.)", "");
        int order = left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
        if (order != 0) {
          return order;
        }
        i = iEnd;
        j = jEnd;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
