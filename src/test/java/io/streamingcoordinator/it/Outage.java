package io.streamingcoordinator.it;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A {@link TestDatabase} taken away for a set time, and what the API answered meanwhile: each probe
 * is sent about once a second on a thread of its own (a slow answer delays only its own kind), and
 * recorded with when it was sent (counted from the outage's start), how long it took and what it
 * said.
 */
final class Outage implements AutoCloseable {

  /** Longer than any wait of the server's, so that a slow answer is measured, not cut short. */
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** One answer; status -1 when none came (within {@link #PATIENCE}), and why in {@code type}. */
  record Answer(
      String what, long sentMillis, long tookMillis, int status, String retryAfter, String type) {

    boolean quick(Duration bound) {
      return status != -1 && tookMillis <= bound.toMillis();
    }

    /** 503, told when to come back, as a problem. */
    boolean unavailable() {
      return status == 503 && !retryAfter.isEmpty() && type.equals("application/problem+json");
    }

    @Override
    public String toString() {
      return String.format(
          "%+7.2f s %-5s %s in %.3f s%s %s",
          sentMillis / 1000.0,
          what,
          status == -1 ? "no answer" : status,
          tookMillis / 1000.0,
          retryAfter.isEmpty() ? "" : " Retry-After " + retryAfter,
          type);
    }
  }

  /** A request to send again and again while the database is away. */
  record Probe(String what, Api api, String method, String path, String body) {}

  final Instant began;
  private final TestDatabase database;
  private final long start;
  private final List<Answer> answers = new CopyOnWriteArrayList<>();
  // a thread per probe and one to end the outage, however slow the answers
  private final ScheduledExecutorService probes = Executors.newScheduledThreadPool(8);
  private volatile boolean over;
  private Instant ended;

  private Outage(TestDatabase database) {
    this.database = database;
    this.began = Instant.now();
    this.start = System.nanoTime();
  }

  /** Takes {@code database} away now. */
  static Outage begin(TestDatabase database) throws SQLException {
    database.makeUnavailable();
    return new Outage(database);
  }

  /** Sends {@code probe} about once a second until the outage ends (at most seven kinds). */
  Outage probing(Probe probe) {
    probes.scheduleWithFixedDelay(() -> send(probe), 0, 1, TimeUnit.SECONDS);
    return this;
  }

  /**
   * Gives the database back {@code length} after the outage began, and returns once it is back and
   * the probes sent before have their answers.
   */
  void endAfter(Duration length) throws InterruptedException, ExecutionException, TimeoutException {
    long due = length.toNanos() - (System.nanoTime() - start);
    probes
        .schedule(
            () -> {
              over = true;
              database.makeAvailable();
              return null;
            },
            due,
            TimeUnit.NANOSECONDS)
        .get(due + PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
    ended = Instant.now();
    probes.shutdown();
    if (!probes.awaitTermination(PATIENCE.toSeconds() + 5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("a probe had no answer after " + PATIENCE);
    }
  }

  /** When the database was back (null while it is away). */
  Instant ended() {
    return ended;
  }

  /** The answers to one kind of probe, in the order they were sent. */
  List<Answer> answers(String what) {
    return answers.stream()
        .filter(a -> a.what().equals(what))
        .sorted(Comparator.comparingLong(Answer::sentMillis))
        .toList();
  }

  /** Seconds from the outage's start to {@code instant}. */
  String since(Instant instant) {
    return String.format("%+.2f s", Duration.between(began, instant).toMillis() / 1000.0);
  }

  /** Every answer, one a line, in the order they were sent. */
  @Override
  public String toString() {
    return lines(answers);
  }

  static String lines(List<Answer> answers) {
    return answers.stream()
        .sorted(Comparator.comparingLong(Answer::sentMillis))
        .map(Answer::toString)
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /** Stops probing; gives the database back if {@link #endAfter} did not. */
  @Override
  public void close() throws SQLException {
    probes.shutdownNow();
    if (ended == null) {
      database.makeAvailable();
    }
  }

  private void send(Probe probe) {
    if (over) {
      return;
    }
    HttpRequest.Builder request =
        probe.api().request(probe.api().base.resolve(probe.path())).timeout(PATIENCE);
    if (probe.body() != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        probe.method(),
        probe.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(probe.body()));
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response =
          probe.api().http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (over) {
        return; // sent as the database came back: it may have been answered with it back
      }
      answers.add(
          new Answer(
              probe.what(),
              millis(sent - start),
              millis(System.nanoTime() - sent),
              response.statusCode(),
              response.headers().firstValue("Retry-After").orElse(""),
              response.headers().firstValue("Content-Type").orElse("")));
    } catch (IOException e) {
      answers.add(
          new Answer(
              probe.what(),
              millis(sent - start),
              millis(System.nanoTime() - sent),
              -1,
              "",
              "" + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
