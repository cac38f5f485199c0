package io.streamingcoordinator.event.control;

/**
 * A broker that carries payloads from one node to every other node of a cluster: fast, but not the
 * record. A payload lost while a bus is down or behind is no event lost: every node also reads the
 * shared event log for the tasks it follows, so the bus only makes delivery sooner. Each
 * implementation connects (and reconnects) on its own threads and hands what arrives to its {@link
 * Receiver}.
 */
public interface ClusterBus extends AutoCloseable {

  /** What a bus hands over: payloads of other nodes, and each (re)subscription. */
  interface Receiver {
    void received(String payload);

    /** The bus (re)subscribed: what was sent while it was away must be read from the log. */
    void subscribed();
  }

  /** The most a payload may hold, in bytes of UTF-8. */
  int maxPayloadBytes();

  /**
   * Sends a payload to the other nodes, waiting at most a few seconds for the broker to take it.
   *
   * @throws Exception if it was not sent (the bus is down or the broker refused it)
   */
  void publish(String payload) throws Exception;

  /** Whether the bus can send and receive now. */
  boolean connected();

  /** Which broker, where, for logs and health (no secrets). */
  String describe();

  @Override
  void close();
}
