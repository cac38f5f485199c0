package io.streamingcoordinator.stream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.StreamSettings.ConnectionCaps;
import io.streamingcoordinator.stream.control.ConnectionLimiter.Limit;
import io.streamingcoordinator.stream.control.ConnectionLimiter.LimitReachedException;
import io.streamingcoordinator.stream.control.ConnectionLimiter.Permit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

  final ConnectionLimiter limiter = new ConnectionLimiter();

  @Test
  void eachCapRefusesWithItsOwnReasonAndAReleasedSlotIsReused() throws Exception {
    ConnectionCaps caps = new ConnectionCaps(3, 2, 2);
    Permit a = limiter.acquire(1, "10.0.0.1", caps);
    limiter.acquire(1, "10.0.0.2", caps);
    assertEquals(Limit.PER_TASK, refused(1, "10.0.0.3", caps));
    limiter.acquire(2, "10.0.0.1", caps);
    assertEquals(Limit.GLOBAL, refused(3, "10.0.0.9", caps));
    a.release();
    a.release(); // twice gives back one slot only
    assertEquals(2, limiter.open());
    assertEquals(Limit.PER_ADDRESS, refused(3, "10.0.0.1", new ConnectionCaps(10, 10, 1)));
    limiter.acquire(3, "10.0.0.9", caps);
    assertEquals(3, limiter.open());
  }

  @Test
  void zeroMeansNoCap() throws Exception {
    ConnectionCaps none = new ConnectionCaps(0, 0, 0);
    for (int i = 0; i < 5000; i++) {
      limiter.acquire(1, "a", none);
    }
    assertEquals(5000, limiter.open());
  }

  @Test
  void admissionIsExactUnderConcurrency() throws Exception {
    int threads = 16;
    int attemptsEach = 500;
    ConnectionCaps caps = new ConnectionCaps(100, 0, 0);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < attemptsEach; i++) {
                    try {
                      Permit permit = limiter.acquire(thread % 4, "addr" + thread, caps);
                      admitted.incrementAndGet();
                      peak.accumulateAndGet(limiter.open(), Math::max);
                      if (i % 2 == 0) {
                        permit.release();
                      }
                    } catch (LimitReachedException full) {
                      // expected once 100 are open
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(peak.get() <= 100, "never more open than the cap: " + peak.get());
    assertEquals(100, limiter.open(), "every half-kept permit that was admitted is still held");
    assertTrue(admitted.get() > 100);
  }

  private Limit refused(long task, String address, ConnectionCaps caps) {
    return assertThrows(LimitReachedException.class, () -> limiter.acquire(task, address, caps))
        .limit();
  }
}
