package io.streamingcoordinator.event.control;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The cluster bus on NATS core publish/subscribe: one subject per cluster, every node subscribed,
 * no echo of a node's own payloads. Until the first connection it tries once a second on a thread
 * of its own; from then on the client reconnects by itself, one second apart. Every thread is from
 * the factory and executor it is given.
 */
final class NatsBus implements ClusterBus {

  private static final int MAX_PAYLOAD = 64 * 1024;
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final String url;
  private final String subject;
  private final Receiver receiver;
  private final Options options;
  private final ExecutorService executor;
  private final Thread connector;
  private volatile boolean closed;
  private volatile Connection connection;

  NatsBus(String url, String subject, String node, Receiver receiver, ThreadFactory threads) {
    this.url = url;
    this.subject = subject;
    this.receiver = receiver;
    this.executor = Executors.newCachedThreadPool(threads);
    this.options =
        Options.builder()
            .server(url)
            .connectionName(node)
            .noEcho()
            .maxReconnects(-1)
            .reconnectWait(RETRY)
            .executor(executor)
            .connectThreadFactory(threads)
            .callbackThreadFactory(threads)
            .connectionListener(this::changed)
            .build();
    connector = threads.newThread(this::connect);
    connector.start();
  }

  private void connect() {
    while (!closed) {
      try {
        Connection opened = Nats.connect(options);
        Dispatcher dispatcher =
            opened.createDispatcher(
                message ->
                    receiver.received(new String(message.getData(), StandardCharsets.UTF_8)));
        dispatcher.subscribe(subject);
        connection = opened;
        if (closed) {
          opened.close();
        } else {
          receiver.subscribed();
        }
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(RETRY.toMillis()); // no server yet: try again, as the client does later
        } catch (InterruptedException stop) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void changed(Connection changed, ConnectionListener.Events event) {
    switch (event) {
      case RECONNECTED, RESUBSCRIBED -> receiver.subscribed();
      default -> {
        // disconnects and closes show in connected()
      }
    }
  }

  @Override
  public int maxPayloadBytes() {
    Connection current = connection;
    long serverMax = current == null ? MAX_PAYLOAD : current.getMaxPayload();
    return (int) Math.min(MAX_PAYLOAD, serverMax > 0 ? serverMax : MAX_PAYLOAD);
  }

  @Override
  public void publish(String payload) {
    Connection current = connection;
    if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
      throw new IllegalStateException("not connected to NATS at " + url);
    }
    current.publish(subject, payload.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean connected() {
    Connection current = connection;
    return current != null && current.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public String describe() {
    return "NATS subject " + subject + " at " + url;
  }

  @Override
  public void close() {
    closed = true;
    connector.interrupt();
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    executor.shutdownNow();
  }
}
