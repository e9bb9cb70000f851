package org.sanctuaryguard.audit;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Checks records' own hashes on a thread of its own, in batches of copied lines, while a {@link
 * Verification} goes on as if they held: hashing is the larger half of reading a log, and the
 * other half need not wait for it. {@link #allHeld()} says at the end whether every hash handed
 * over held; if one did not, the verification is worthless and is run again without this.
 *
 * <p>Memory is bounded: a few batches of 1 MiB circulate between the two threads, and the reading
 * thread waits when the checking thread is behind. Not thread-safe: one reading thread.
 */
final class HashChecks implements AutoCloseable {

  private static final int BATCH = 1 << 20;
  private static final int IN_FLIGHT = 4;
  private static final Batch END = new Batch(0);

  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
  private final Thread worker;
  private volatile boolean failed;
  private Batch current;
  private boolean ended;

  /** Lines copied for checking: their bytes, and for each, five offsets into them. */
  private static final class Batch {
    final byte[] data;
    int[] offsets = new int[5 * 1024];
    int used;
    int lines;

    Batch(int size) {
      this.data = new byte[size];
    }

    boolean fits(int length) {
      return used + length <= data.length;
    }

    void add(LogLine line) {
      int from = line.start();
      int shift = used - from;
      System.arraycopy(line.bytes(), from, data, used, line.end() - from);
      if (5 * lines + 5 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      int at = 5 * lines++;
      offsets[at] = used;
      offsets[at + 1] = line.hashMemberStart() + shift;
      offsets[at + 2] = line.hashMemberEnd() + shift;
      offsets[at + 3] = line.end() + shift;
      int hash = line.hashValueStart();
      offsets[at + 4] = hash < 0 ? -1 : hash + shift;
      used += line.end() - from;
    }
  }

  HashChecks() {
    for (int i = 0; i < IN_FLIGHT; i++) {
      free.add(new Batch(BATCH));
    }
    current = new Batch(BATCH);
    worker = new Thread(this::work, "sanctuary-guard-verify-hashes");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Hands the check of a record's own hash to the checking thread.
   *
   * @return false if the line is too long to hand over: the caller checks it itself
   */
  boolean submit(LogLine line) {
    int length = line.end() - line.start();
    if (length > BATCH || line.hashValueLength() != 64) {
      return false;
    }
    if (!current.fits(length)) {
      hand(current);
      current = take(free);
    }
    current.add(line);
    return true;
  }

  /** Waits for every check handed over, and returns whether every hash held. */
  boolean allHeld() {
    if (!ended) {
      ended = true;
      hand(current);
      hand(END);
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed = true;
      }
    }
    return !failed;
  }

  /** Stops the checking thread if the verification ended early. */
  @Override
  public void close() {
    worker.interrupt();
  }

  private void work() {
    LogLine.HashCheck check = new LogLine.HashCheck();
    try {
      for (Batch batch = full.take(); batch != END; batch = full.take()) {
        if (!failed) {
          int[] o = batch.offsets;
          for (int i = 0; i < 5 * batch.lines; i += 5) {
            if (!check.holds(batch.data, o[i], o[i + 1], o[i + 2], o[i + 3], o[i + 4], 64)) {
              failed = true;
              break;
            }
          }
        }
        batch.used = 0;
        batch.lines = 0;
        free.put(batch);
      }
    } catch (InterruptedException e) {
      failed = true;
    } catch (RuntimeException e) {
      failed = true;
      drain();
    }
  }

  /** After an unexpected failure, keeps returning batches so that the reading thread never waits forever. */
  private void drain() {
    try {
      for (Batch batch = full.take(); batch != END; batch = full.take()) {
        free.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void hand(Batch batch) {
    try {
      full.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    }
  }

  private static Batch take(BlockingQueue<Batch> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    }
  }
}
