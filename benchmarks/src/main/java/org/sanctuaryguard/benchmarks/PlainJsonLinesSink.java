package org.sanctuaryguard.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sanctuaryguard.AuditSink;
import org.sanctuaryguard.GuardEvent;
import org.sanctuaryguard.audit.FsyncPolicy;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log a city would write without tamper evidence, for {@link AuditComparisonBenchmark}: each
 * event's fields as one JSON line written by plain Jackson, buffered as the guard log buffers
 * (64 KiB) and forced to disk after the same number of events, with no chain, hash, checkpoint,
 * signature or recovery. Like the guard log, it writes under one lock, so events keep the order of
 * their calls.
 */
final class PlainJsonLinesSink implements AuditSink {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
      .build();

  private final FileChannel channel;
  private final OutputStream out;
  private final FsyncPolicy fsync;
  private int unsynced;

  PlainJsonLinesSink(Path file, FsyncPolicy fsync) {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.fsync = fsync;
  }

  @Override
  public synchronized void record(GuardEvent event) {
    try {
      MAPPER.writeValue(out, event.fields());
      out.write('\n');
      if (fsync.forces() && ++unsynced >= fsync.events()) {
        force();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (!channel.isOpen()) {
      return;
    }
    try (channel) {
      force();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void force() throws IOException {
    out.flush();
    if (fsync.forces()) {
      channel.force(false);
    }
    unsynced = 0;
  }
}
