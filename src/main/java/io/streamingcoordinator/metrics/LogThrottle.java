package io.streamingcoordinator.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval and counts the ones it held back, so that a burst of slow
 * clients or a failing database yields a line every few seconds, not one per event.
 */
public final class LogThrottle {

  private final long intervalNanos;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong held = new AtomicLong();

  public LogThrottle(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * @return -1 if this line is held back, else how many were held back since the last one
   */
  public long admit(long nowNanos) {
    long due = next.get();
    if ((due == Long.MIN_VALUE || nowNanos - due >= 0)
        && next.compareAndSet(due, nowNanos + intervalNanos)) {
      return held.getAndSet(0);
    }
    held.incrementAndGet();
    return -1;
  }

  /**
   * Logs the line if its turn has come; the number of lines held back since the last one is its
   * last parameter (so {@code format} names it after {@code params}).
   */
  public void log(Logger logger, Level level, String format, Object... params) {
    long held = admit(System.nanoTime());
    if (held >= 0) {
      Object[] all = Arrays.copyOf(params, params.length + 1);
      all[params.length] = held;
      logger.log(level, format, all);
    }
  }
}
