package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeriodicWorkTest {

  final List<Thread> made = new CopyOnWriteArrayList<>();
  final PeriodicWork periodic = new PeriodicWork();

  PeriodicWorkTest() {
    periodic.threads =
        new ManagedThreadFactory() {
          @Override
          public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "managed-" + made.size());
            made.add(thread);
            return thread;
          }

          @Override
          public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
          }
        };
    periodic.open();
  }

  @Test
  void runsOnTheServersThreadsUntilStopped() throws InterruptedException {
    CountDownLatch runs = new CountDownLatch(3);
    List<String> threads = new CopyOnWriteArrayList<>();
    ScheduledFuture<?> schedule =
        periodic.withFixedDelay(
            () -> {
              threads.add(Thread.currentThread().getName());
              runs.countDown();
            },
            10,
            TimeUnit.MILLISECONDS);
    assertTrue(runs.await(10, TimeUnit.SECONDS));
    assertTrue(threads.stream().allMatch(name -> name.startsWith("managed-")), threads::toString);

    periodic.stop();
    assertTrue(schedule.isDone(), "stopping ends every schedule");
    for (Thread thread : made) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(thread.isAlive(), thread + " ended");
    }
    periodic.stop(); // twice is harmless
    assertEquals(made.size(), made.stream().filter(thread -> !thread.isAlive()).count());
  }
}
