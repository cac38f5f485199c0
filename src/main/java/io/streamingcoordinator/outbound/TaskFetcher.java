package io.streamingcoordinator.outbound;

import io.streamingcoordinator.task.entity.HttpFetcher;
import io.streamingcoordinator.task.entity.TaskCancelledException;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The outbound client as one task run sees it: each URL and each redirect through the address
 * policy, at most {@code streaming.http.max-connections-per-task} requests at once (and {@code
 * streaming.http.max-connections} in all). {@link #abort()}, when the run stops, ends its requests
 * in flight at once; they and any later one throw {@link TaskCancelledException}.
 */
public final class TaskFetcher implements HttpFetcher {

  // slot waits poll, so that an abort ends them without interrupting the task's thread
  private static final long POLL_MILLIS = 50;

  private final Supplier<OutboundClient> clients;
  private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;
  private Semaphore slots; // guarded by this; made on first use, when the limits are known

  TaskFetcher(Supplier<OutboundClient> clients) {
    this.clients = clients;
  }

  @Override
  public Fetched get(URI uri) throws IOException {
    checkNotAborted();
    OutboundClient client = clients.get();
    long deadline = System.nanoTime() + client.limits.requestTimeout().toNanos();
    Semaphore own = slots(client.limits);
    acquire(own, client, "streaming.http.max-connections-per-task");
    try {
      acquire(client.connections, client, "streaming.http.max-connections");
      try {
        return follow(client, uri, deadline).fetched();
      } finally {
        client.connections.release();
      }
    } finally {
      own.release();
    }
  }

  /** GETs {@code uri}, and the URL each redirect leads to, each checked before it is connected. */
  private Answer follow(OutboundClient client, URI uri, long deadline) throws IOException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      Destination destination;
      try {
        destination = client.policy.check(current);
      } catch (OutboundRefusedException e) {
        throw hop == 0 ? e : OutboundRefusedException.redirected(uri);
      }
      Answer answer = exchange(client, destination, deadline);
      if (!Redirects.isRedirect(answer)) {
        return answer;
      }
      current = Redirects.next(current, answer, hop + 1);
    }
  }

  private Answer exchange(OutboundClient client, Destination destination, long deadline)
      throws IOException {
    Exchange exchange = client.open(deadline);
    inFlight.add(exchange);
    try {
      checkNotAborted(); // an abort that came before the add missed this exchange
      return exchange.get(destination);
    } catch (IOException e) {
      if (aborted) {
        throw new TaskCancelledException("the fetch was aborted: the task stopped");
      }
      if (client.isClosed()) {
        throw new IOException(OutboundHttp.CLOSED, e); // not "Socket closed"
      }
      throw e;
    } finally {
      inFlight.remove(exchange);
      client.release(exchange);
    }
  }

  /** Ends every request of this run in flight, and refuses further ones. */
  public void abort() {
    aborted = true;
    inFlight.forEach(Exchange::close);
  }

  private synchronized Semaphore slots(FetchLimits limits) {
    if (slots == null) {
      slots = new Semaphore(limits.maxConnectionsPerTask());
    }
    return slots;
  }

  private void acquire(Semaphore semaphore, OutboundClient client, String key) throws IOException {
    long wait = client.limits.connectTimeout().toNanos();
    long until = System.nanoTime() + wait;
    try {
      while (!semaphore.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        checkNotAborted();
        if (System.nanoTime() - until >= 0) {
          throw new IOException(
              "no free outbound connection within %s (%s)"
                  .formatted(client.limits.connectTimeout(), key));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for an outbound connection", e);
    }
    if (aborted) {
      semaphore.release();
      checkNotAborted();
    }
  }

  private void checkNotAborted() {
    if (aborted) {
      throw new TaskCancelledException("the fetch was aborted: the task stopped");
    }
  }
}
