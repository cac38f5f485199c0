package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.config.StreamSettings.ConnectionCaps;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts open streams in all, per task and per client address, and admits a new one only while
 * every cap holds. Admission and release are exact under concurrency: one lock guards all counts.
 */
public final class ConnectionLimiter {

  /** Which cap refused a connection, with its config key. */
  public enum Limit {
    GLOBAL("global", "streaming.connections.max"),
    PER_TASK("per-task", "streaming.connections.max-per-task"),
    PER_ADDRESS("per-address", "streaming.connections.max-per-address");

    public final String tag;
    public final String key;

    Limit(String tag, String key) {
      this.tag = tag;
      this.key = key;
    }
  }

  /** Thrown when a cap is reached. */
  public static final class LimitReachedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Limit limit;

    LimitReachedException(Limit limit, int cap) {
      super("The %s limit of %d open streams is reached (%s)".formatted(limit.tag, cap, limit.key));
      this.limit = limit;
    }

    public Limit limit() {
      return limit;
    }
  }

  /** One admitted stream; {@link #release} gives its slot back, once. */
  public final class Permit {
    private final long taskId;
    private final String address;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(long taskId, String address) {
      this.taskId = taskId;
      this.address = address;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        ConnectionLimiter.this.release(taskId, address);
      }
    }
  }

  private final Map<Long, Integer> perTask = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private int total;

  public synchronized Permit acquire(long taskId, String address, ConnectionCaps caps)
      throws LimitReachedException {
    if (over(total, caps.max())) {
      throw new LimitReachedException(Limit.GLOBAL, caps.max());
    }
    if (over(perTask.getOrDefault(taskId, 0), caps.perTask())) {
      throw new LimitReachedException(Limit.PER_TASK, caps.perTask());
    }
    if (over(perAddress.getOrDefault(address, 0), caps.perAddress())) {
      throw new LimitReachedException(Limit.PER_ADDRESS, caps.perAddress());
    }
    total++;
    perTask.merge(taskId, 1, Integer::sum);
    perAddress.merge(address, 1, Integer::sum);
    return new Permit(taskId, address);
  }

  private synchronized void release(long taskId, String address) {
    total--;
    perTask.computeIfPresent(taskId, (k, n) -> n > 1 ? n - 1 : null);
    perAddress.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
  }

  public synchronized int open() {
    return total;
  }

  private static boolean over(int open, int cap) {
    return cap > 0 && open >= cap;
  }
}
