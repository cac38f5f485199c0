package io.streamingcoordinator.outbound;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's outbound client once created: its policy and limits, the bound on requests at once,
 * and every exchange open, so that closing it (the application stopping) ends them all.
 */
final class OutboundClient {

  final AddressPolicy policy;
  final FetchLimits limits;
  final Semaphore connections;
  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean closed;

  OutboundClient(AddressPolicy policy, FetchLimits limits) {
    this.policy = policy;
    this.limits = limits;
    this.connections = new Semaphore(limits.maxConnections());
  }

  /** A new exchange, due by {@code deadline}; {@link #release} it when done. */
  Exchange open(long deadline) {
    Exchange exchange = new Exchange(limits, deadline);
    open.add(exchange);
    if (closed) {
      release(exchange); // a close that came before the add missed it
      throw new IllegalStateException(OutboundHttp.CLOSED);
    }
    requests.incrementAndGet();
    return exchange;
  }

  void release(Exchange exchange) {
    open.remove(exchange);
    exchange.close();
  }

  /** Ends every open exchange; the client takes no more. */
  void close() {
    closed = true;
    open.forEach(Exchange::close);
  }

  boolean isClosed() {
    return closed;
  }

  long requests() {
    return requests.get();
  }
}
