package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings.RunCaps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Admits task runs under the caps: at most {@code maxRunning} execute at once, up to {@code
 * maxQueued} more wait for their turn in order of arrival, and beyond that a start is refused. A
 * run that waits for a long time (a pause, a wait for its fields) hands its slot to the next one
 * while the waiting room ({@code maxWaiting}) has space, and takes a slot again, ahead of queued
 * starts, when it wakes. One lock guards every count, so admission is exact; the limits are read on
 * every change, so a new value applies at once.
 */
public final class RunSlots {

  private enum State {
    QUEUED,
    RUNNING,
    WAITING,
    RESUMING,
    DONE
  }

  private static final long RESUME_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Supplier<RunCaps> limits;
  private final ArrayDeque<Slot> queue = new ArrayDeque<>();
  private final ArrayDeque<Slot> resuming = new ArrayDeque<>();
  private int running;
  private int waiting;

  public RunSlots(Supplier<RunCaps> limits) {
    this.limits = limits;
  }

  /**
   * Takes a slot for a start: a running one if free, else a place in the queue.
   *
   * @throws TaskLimitException if every slot is taken and the queue is full
   */
  public Slot reserve() {
    RunCaps now = limits.get();
    Slot slot = new Slot();
    List<Runnable> launches;
    synchronized (this) {
      launches = fill(now); // a cap raised since the last change applies now
      if (running < now.maxRunning() && queue.isEmpty() && resuming.isEmpty()) {
        running++;
        slot.state = State.RUNNING;
      } else if (queue.size() < now.maxQueued()) {
        queue.addLast(slot);
        slot.state = State.QUEUED;
      }
    }
    launchAll(launches);
    if (slot.state == null) {
      throw new TaskLimitException(now.maxRunning(), now.maxQueued());
    }
    return slot;
  }

  public synchronized int running() {
    return running;
  }

  public synchronized int queued() {
    return queue.size();
  }

  public synchronized int waiting() {
    return waiting + resuming.size();
  }

  /**
   * Hands free running slots to woken runs first, then to queued starts; returns what to launch.
   */
  private List<Runnable> fill(RunCaps now) {
    List<Runnable> launches = new ArrayList<>();
    while (running < now.maxRunning() && !(resuming.isEmpty() && queue.isEmpty())) {
      running++;
      Slot next = resuming.isEmpty() ? queue.pollFirst() : resuming.pollFirst();
      next.state = State.RUNNING;
      if (next.launch != null && !next.launched) {
        next.launched = true;
        launches.add(next.launch);
      }
    }
    notifyAll(); // woken runs given a slot stop waiting for one
    return launches;
  }

  private static void launchAll(List<Runnable> launches) {
    launches.forEach(Runnable::run);
  }

  /** One run's place under the caps, from its reservation until it is released. */
  public final class Slot {
    private State state; // guarded by RunSlots.this
    private Runnable launch;
    private boolean launched;

    private Slot() {}

    /**
     * Starts {@code run} now if this slot is running, else as soon as its turn comes; {@code run}
     * must start the run without blocking (it may be called on another run's thread).
     */
    public void launch(Runnable run) {
      boolean now;
      synchronized (RunSlots.this) {
        if (launch != null || state == State.DONE) {
          throw new IllegalStateException("a slot launches one run");
        }
        launch = run;
        now = state == State.RUNNING;
        launched = now;
      }
      if (now) {
        run.run();
      }
    }

    /** Gives the slot back, whatever its state; calling it again does nothing. */
    public void release() {
      RunCaps now = limits.get();
      List<Runnable> launches;
      synchronized (RunSlots.this) {
        switch (state) {
          case RUNNING -> running--;
          case QUEUED -> queue.remove(this);
          case WAITING -> waiting--;
          case RESUMING -> resuming.remove(this);
          case DONE -> {
            return;
          }
        }
        state = State.DONE;
        launches = fill(now);
      }
      launchAll(launches);
    }

    /**
     * Before a long wait: hands the running slot to the next run if the waiting room has space.
     *
     * @return whether it did; if so, {@link #busy} must follow the wait
     */
    public boolean idle() {
      RunCaps now = limits.get();
      List<Runnable> launches;
      synchronized (RunSlots.this) {
        if (state != State.RUNNING || waiting + resuming.size() >= now.maxWaiting()) {
          return false;
        }
        running--;
        waiting++;
        state = State.WAITING;
        launches = fill(now);
      }
      launchAll(launches);
      return true;
    }

    /**
     * After a wait that {@link #idle} began: blocks until a running slot is free again (woken runs
     * go before queued starts). Returns early, holding no slot, once {@code stopped} is true.
     */
    public void busy(BooleanSupplier stopped) {
      RunCaps now = limits.get();
      synchronized (RunSlots.this) {
        if (state != State.WAITING) {
          return;
        }
        waiting--;
        if (running < now.maxRunning() && resuming.isEmpty()) {
          running++;
          state = State.RUNNING;
          return;
        }
        state = State.RESUMING;
        resuming.addLast(this);
        while (state == State.RESUMING) {
          if (resuming.peekFirst() == this && running < now.maxRunning()) {
            resuming.pollFirst(); // the cap was raised meanwhile
            running++;
            state = State.RUNNING;
            return;
          }
          if (stopped.getAsBoolean()) {
            resuming.remove(this);
            state = State.DONE; // holds nothing: its end needs no slot
            return;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(RunSlots.this, RESUME_POLL_NANOS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resuming.remove(this);
            state = State.DONE;
            return;
          }
        }
      }
    }
  }
}
