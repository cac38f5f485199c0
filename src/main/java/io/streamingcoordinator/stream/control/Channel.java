package io.streamingcoordinator.stream.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The clients of one task, its latest event (which a client that joins late receives first) and its
 * most recent events (which a resuming client catches up from). Publishing and joining are
 * serialised so that no client misses or repeats an event.
 */
final class Channel {

  /** What a resuming client does next. */
  record CatchUp(Kind kind, List<SseFrame> frames) {
    enum Kind {
      /** send these frames, then ask again */
      FRAMES,
      /** it now receives live events like any other client */
      JOINED,
      /** the task finished and the client has everything */
      ENDED,
      /** what it missed must be read from the event log */
      FROM_LOG
    }

    static final CatchUp JOINED = new CatchUp(Kind.JOINED, List.of());
    static final CatchUp ENDED = new CatchUp(Kind.ENDED, List.of());
    static final CatchUp FROM_LOG = new CatchUp(Kind.FROM_LOG, List.of());

    static CatchUp frames(List<SseFrame> frames) {
      return new CatchUp(Kind.FRAMES, frames);
    }
  }

  private final Set<Subscription> subscribers = new LinkedHashSet<>();
  private final ArrayDeque<SseFrame> recent = new ArrayDeque<>();
  // a task another node runs: the bus's events that came before the ones they follow
  private final TreeMap<Long, SseFrame> ahead = new TreeMap<>();
  private final int keep;
  private final long keepBytes;
  private long recentBytes;
  private SseFrame latest;
  private long finishedAt; // System.nanoTime() of the terminal event, 0 before

  /** Keeps the last {@code keep} events, and of them at most {@code keepBytes} bytes (or one). */
  Channel(int keep, long keepBytes) {
    this.keep = keep;
    this.keepBytes = keepBytes;
  }

  synchronized void publish(SseFrame frame) {
    latest = frame;
    if (frame.isTerminal()) {
      finishedAt = System.nanoTime() | 1;
      // a finished task keeps only its last event in memory; resuming clients read the log
      recent.clear();
      recentBytes = 0;
    }
    recent.addLast(frame);
    recentBytes += frame.bytes().length;
    while (recent.size() > 1 && (recent.size() > keep || recentBytes > keepBytes)) {
      recentBytes -= recent.removeFirst().bytes().length;
    }
    for (Subscription subscriber : List.copyOf(subscribers)) {
      subscriber.offer(frame);
    }
    if (frame.isTerminal()) {
      subscribers.clear();
    }
  }

  /**
   * Publishes an event of a task another node runs, brought by the bus, in order: at once if it
   * directly follows the latest here ({@link #followFrom}) or is the first a late joiner waits for;
   * one further ahead waits (at most as many as memory keeps) until those before it have come from
   * the bus or the log. An older one was published already.
   */
  synchronized void publishFromBus(SseFrame frame) {
    long from = followFrom();
    if (from >= 0 && frame.seq() <= from) {
      return;
    }
    if (from >= 0 && frame.seq() != from + 1) {
      if (ahead.size() < keep) {
        ahead.put(frame.seq(), frame);
      }
      return;
    }
    publish(frame);
    publishAhead();
  }

  /**
   * Publishes an event read from the log unless it, or a newer one, was published already; then the
   * bus's events that follow it.
   */
  synchronized void publishFromLog(SseFrame frame) {
    long from = followFrom();
    if (from >= 0 && frame.seq() <= from) {
      return;
    }
    publish(frame);
    publishAhead();
  }

  /** The bus's events that now follow on, in order; the older ones are dropped. */
  private void publishAhead() {
    while (!ahead.isEmpty() && !isFinished()) {
      long first = ahead.firstKey();
      if (first <= latest.seq()) {
        ahead.remove(first);
      } else if (first == latest.seq() + 1) {
        publish(ahead.remove(first));
      } else {
        return;
      }
    }
    if (isFinished()) {
      ahead.clear();
    }
  }

  /** A new client: it gets the latest event, then every new one. */
  synchronized void join(Subscription subscriber) {
    if (latest != null) {
      subscriber.startAfter(latest.seq() - 1); // should it fall behind, it catches up from here
      subscriber.offer(latest);
    }
    if (!isFinished() && !subscriber.isClosed()) {
      subscribers.add(subscriber);
    }
  }

  /**
   * A resuming client that has been sent everything up to {@code cursor}: joins it if nothing newer
   * was published here (and the log has nothing newer either), else hands it the newer events from
   * memory, or says they must come from the log.
   */
  synchronized CatchUp catchUp(Subscription subscriber, long cursor, int limit, boolean logRead) {
    if (latest == null || cursor >= latest.seq()) {
      if (latest == null && !logRead) {
        return CatchUp.FROM_LOG; // a new run: what came before it is only in the log
      }
      if (isFinished()) {
        return CatchUp.ENDED;
      }
      subscriber.rejoin(); // one that fell behind is still listed; it is offered events again
      subscribers.add(subscriber);
      return CatchUp.JOINED;
    }
    SseFrame oldest = recent.peekFirst();
    if (oldest == null || oldest.seq() > cursor + 1) {
      return CatchUp.FROM_LOG;
    }
    List<SseFrame> newer = new ArrayList<>();
    for (SseFrame frame : recent) {
      if (frame.seq() > cursor && newer.size() < limit) {
        newer.add(frame);
      }
    }
    return CatchUp.frames(newer);
  }

  /**
   * Where a node that follows this task's log (it runs on another node) goes on from: the latest
   * event published here; before any, the earliest event a resuming client here has been sent, so
   * that it misses none; -1 if none waits for one (a late joiner: the latest first).
   */
  synchronized long followFrom() {
    if (latest != null) {
      return latest.seq();
    }
    long from = -1;
    for (Subscription subscriber : subscribers) {
      long cursor = subscriber.resumedCursor();
      if (cursor >= 0 && (from < 0 || cursor < from)) {
        from = cursor;
      }
    }
    return from;
  }

  /** The id of the latest event published here, 0 if none. */
  synchronized long latestSeq() {
    return latest == null ? 0 : latest.seq();
  }

  synchronized void leave(Subscription subscriber) {
    subscribers.remove(subscriber);
  }

  synchronized int size() {
    return subscribers.size();
  }

  synchronized boolean isFinished() {
    return latest != null && latest.isTerminal();
  }

  /** Whether the task finished longer than {@code graceNanos} ago. */
  synchronized boolean finishedBefore(long now, long graceNanos) {
    return finishedAt != 0 && now - finishedAt > graceNanos;
  }
}
