package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.SanctuaryGuardException;

/**
 * A write of the guard log that fails once, as a disk that fills up does, perhaps after writing part
 * of what it was given: the sink fails, and still writes every record it had accepted (records of
 * decisions already released) when it closes, without repeating or losing a byte.
 */
class GuardLogSinkWriteFailureTest {

  @TempDir
  Path directory;

  @ParameterizedTest(name = "after writing {0} bytes")
  @ValueSource(ints = {0, 100})
  void closeWhenAWriteFailedOnceThenEveryAcceptedRecordIsInTheLogOnceAndItVerifiesIntact(int written)
      throws Exception {
    GuardLogSink sink = GuardLogSink.builder(directory).fsync(FsyncPolicy.every(1_000_000, Duration.ofHours(1)))
        .checkpointEvery(1_000_000, Duration.ofHours(1)).build();
    Guard guard = GuardLogVerifierTest.guard(sink);
    for (int i = 0; i < 10; i++) {
      GuardLogVerifierTest.decide(guard, i); // released: their records wait in the sink's buffer
    }
    Field channel = GuardLogSink.class.getDeclaredField("channel");
    channel.setAccessible(true);
    new FailingOnce((FileChannel) channel.get(sink), written).install(sink);

    assertThatThrownBy(sink::checkpoint).isInstanceOf(SanctuaryGuardException.class)
        .hasMessageContaining("could not be written");
    sink.close();

    long decisions = 0;
    for (Path file : GuardLogVerifierTest.logFiles(directory)) {
      decisions += Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("\"disclosure-decision\"")).count();
    }
    assertThat(decisions).isEqualTo(10);
    GuardLogVerifier.Result result = GuardLogVerifier.create().verify(directory);
    assertThat(result.breaks()).as(result.render()).isEmpty();
  }

  /**
   * A file channel whose first write of a buffer fails, after writing at most the given number of
   * bytes; everything else is the file's own.
   */
  private static final class FailingOnce extends ForwardingFileChannel {

    private final int written;
    private boolean failed;

    FailingOnce(FileChannel file, int written) {
      super(file);
      this.written = written;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      if (failed) {
        return file.write(source);
      }
      failed = true;
      ByteBuffer part = source.duplicate();
      part.limit(part.position() + Math.min(written, part.remaining()));
      source.position(source.position() + file.write(part));
      throw new IOException("No space left on device");
    }
  }
}
