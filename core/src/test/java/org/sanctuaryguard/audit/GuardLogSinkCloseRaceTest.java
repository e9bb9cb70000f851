package org.sanctuaryguard.audit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuaryguard.Decision;
import org.sanctuaryguard.Guard;
import org.sanctuaryguard.Purpose;

/**
 * The sink closes while a thread whose record made a group commit due forces the file, outside the
 * sink's lock: its record is in the log, and {@code close()} forced it, so its decision stands as
 * the log shows it, instead of being denied as one the log could not take.
 */
class GuardLogSinkCloseRaceTest {

  @TempDir Path directory;

  private final ExecutorService deciding = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopDeciding() {
    deciding.shutdownNow();
  }

  @Test
  void closeWhenARecordingThreadIsAboutToForceItsCommitThenItsDecisionStandsAsTheLogShowsIt() throws Exception {
    GuardLogSink sink = GuardLogSink.builder(directory).fsync(FsyncPolicy.always()).build();
    PausingIo io = PausingIo.install(sink);
    Guard guard = GuardLogVerifierTest.guard(sink);

    Future<Decision> decision = deciding.submit(() -> decide(guard));
    io.awaitPaused();
    sink.close();
    io.resume();

    assertStandsAsLogged(decision.get(10, SECONDS));
  }

  @Test
  void closeWhenARecordingThreadForcesItsCommitWhileCloseForcesThenItsDecisionStandsAsTheLogShowsIt()
      throws Exception {
    GuardLogSink sink = GuardLogSink.builder(directory).fsync(FsyncPolicy.always()).build();
    PausingIo io = PausingIo.install(sink);
    Field field = GuardLogSink.class.getDeclaredField("channel");
    field.setAccessible(true);
    new ForcingAlongsideClose((FileChannel) field.get(sink), io).install(sink);
    Guard guard = GuardLogVerifierTest.guard(sink);

    Future<Decision> decision = deciding.submit(() -> decide(guard));
    io.awaitPaused();
    sink.close();

    assertStandsAsLogged(decision.get(10, SECONDS));
  }

  private static Decision decide(Guard guard) {
    return guard.decide(guard.request().recipient("city-agency").purpose(Purpose.SERVICE_DELIVERY)
        .categories("contact.phone").subjects("S-1").build());
  }

  private void assertStandsAsLogged(Decision decision) throws IOException {
    assertThat(decision.rules()).doesNotContain("guard.audit-failed");
    assertThat(decision.permitsAny()).isTrue();
    List<String> logged = new ArrayList<>();
    for (Path file : GuardLogVerifierTest.logFiles(directory)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        logged.add(LogRecord.parse(file.toString(), 0, line).string("event.id"));
      }
    }
    assertThat(logged).contains(decision.auditEventId().orElseThrow());
    GuardLogVerifier.Result result = GuardLogVerifier.create().verify(directory);
    assertThat(result.breaks()).as(result.render()).isEmpty();
  }

  /**
   * The sink's lock of the file, which holds back the first thread that takes it outside the sink's
   * own lock, a thread about to force its group commit, until the test resumes it: as a scheduler
   * may hold back a thread between the two locks.
   */
  private static final class PausingIo extends ReentrantLock {

    private static final long serialVersionUID = 1L;

    private final transient Object sinkLock;
    private final transient AtomicReference<@Nullable Thread> paused = new AtomicReference<>();
    private final transient CountDownLatch reached = new CountDownLatch(1);
    private final transient CountDownLatch resumed = new CountDownLatch(1);

    private PausingIo(Object sinkLock) {
      this.sinkLock = sinkLock;
    }

    static PausingIo install(GuardLogSink sink) throws ReflectiveOperationException {
      Field lock = GuardLogSink.class.getDeclaredField("lock");
      lock.setAccessible(true);
      PausingIo io = new PausingIo(lock.get(sink));
      Field field = GuardLogSink.class.getDeclaredField("io");
      field.setAccessible(true);
      field.set(sink, io);
      return io;
    }

    @Override
    public void lock() {
      if (!Thread.holdsLock(sinkLock) && paused.compareAndSet(null, Thread.currentThread())) {
        reached.countDown();
        await(resumed);
      }
      super.lock();
    }

    boolean isPaused(Thread thread) {
      return paused.get() == thread;
    }

    void awaitPaused() {
      await(reached);
    }

    void resume() {
      resumed.countDown();
    }

    private static void await(CountDownLatch latch) {
      try {
        assertThat(latch.await(10, SECONDS)).as("waited ten seconds").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * The log file's channel, on which the sink's closing force resumes the paused thread and lets it
   * begin its own force, which then takes as long as the file stays open, or a second.
   */
  private static final class ForcingAlongsideClose extends ForwardingFileChannel {

    private final PausingIo io;
    private final CountDownLatch forcing = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    ForcingAlongsideClose(FileChannel file, PausingIo io) {
      super(file);
      this.io = io;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      try {
        if (io.isPaused(Thread.currentThread())) {
          forcing.countDown();
          closed.await(1, SECONDS);
        } else if (forcing.getCount() > 0) {
          io.resume();
          forcing.await(10, SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      file.force(metaData);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      closed.countDown();
      super.implCloseChannel();
    }
  }
}
