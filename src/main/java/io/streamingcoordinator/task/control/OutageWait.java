package io.streamingcoordinator.task.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Waits out a database that cannot be reached: a write or read that fails because the database is
 * unavailable is tried again after a pause growing to a second, until it succeeds or the outage has
 * lasted {@code bound}. Any other failure is thrown at once. A run uses it for the writes it cannot
 * do without (its status, its id reservations) and for the reads it waits on.
 */
final class OutageWait {

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Duration bound;
  private final LongConsumer pause;

  /**
   * @param pause waits the given nanoseconds; it throws to end the wait early (a stopped run)
   */
  OutageWait(Duration bound, LongConsumer pause) {
    this.bound = bound;
    this.pause = pause;
  }

  <T> T call(Supplier<T> work) {
    long since = System.nanoTime();
    long nextPause = FIRST_PAUSE_NANOS;
    while (true) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!Failures.isDatabaseUnavailable(e)) {
          throw e;
        }
        if (System.nanoTime() - since >= bound.toNanos()) {
          throw new DatabaseOutageException(bound, e);
        }
        pause.accept(nextPause);
        nextPause = Math.min(MAX_PAUSE_NANOS, nextPause * 2);
      }
    }
  }

  void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }
}
