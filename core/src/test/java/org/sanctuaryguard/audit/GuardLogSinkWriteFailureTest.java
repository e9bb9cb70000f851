package org.sanctuaryguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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
    channel.set(sink, new FailingOnce((FileChannel) channel.get(sink), written));

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
  private static final class FailingOnce extends FileChannel {

    private final FileChannel file;
    private final int written;
    private boolean failed;

    FailingOnce(FileChannel file, int written) {
      this.file = file;
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

    @Override
    public int read(ByteBuffer target) throws IOException {
      return file.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
      return file.read(targets, offset, length);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
      return file.write(sources, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long position) throws IOException {
      file.position(position);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
      return file.transferFrom(source, position, count);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
      return file.read(target, position);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
      return file.write(source, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
