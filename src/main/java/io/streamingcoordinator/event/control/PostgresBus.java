package io.streamingcoordinator.event.control;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster bus on PostgreSQL {@code LISTEN/NOTIFY}, on the database the nodes already share,
 * through the Vert.x PostgreSQL client: it hands each notification over as it arrives (the JDBC
 * driver's notification call waits for a quiet millisecond on the socket before it returns, which
 * under a steady stream of notifications is rarely soon). One connection listens and reconnects for
 * ever; another sends, one {@code pg_notify} at a time. Vert.x runs on one event-loop thread of its
 * own.
 */
final class PostgresBus implements ClusterBus {

  // PostgreSQL refuses a payload of 8000 bytes or more
  private static final int MAX_PAYLOAD = 7_900;
  private static final long RETRY_MILLIS = 1_000;
  private static final long SEND_TIMEOUT_SECONDS = 5;

  private final PgConnectOptions options;
  private final String channel;
  private final Receiver receiver;
  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private volatile boolean closed;
  private volatile PgConnection sender; // one thread sends

  PostgresBus(PgConnectOptions options, String channel, Receiver receiver) {
    this.options = options;
    this.channel = channel;
    this.receiver = receiver;
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    .setFileSystemOptions(
                        new FileSystemOptions()
                            .setClassPathResolvingEnabled(false)
                            .setFileCachingEnabled(false)))
            .build();
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> RETRY_MILLIS); // for ever, a second apart
    subscriber.channel(channel).handler(receiver::received).subscribeHandler(v -> subscribed());
    listen();
  }

  private void subscribed() {
    if (!closed) {
      receiver.subscribed();
    }
  }

  /** The first connection: retried until it succeeds (later ones the subscriber makes). */
  private void listen() {
    if (closed) {
      return;
    }
    subscriber.connect().onFailure(e -> vertx.setTimer(RETRY_MILLIS, timer -> listen()));
  }

  @Override
  public int maxPayloadBytes() {
    return MAX_PAYLOAD;
  }

  @Override
  public void publish(String payload) throws Exception {
    if (sender == null) {
      sender = await(PgConnection.connect(vertx, options));
      PgConnection opened = sender;
      opened.closeHandler(v -> forget(opened));
    }
    try {
      await(sender.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, payload)));
    } catch (Exception e) {
      PgConnection failed = sender;
      sender = null;
      failed.close();
      throw e;
    }
  }

  private void forget(PgConnection closedConnection) {
    // the next publish connects again; noticed here so that connected() says so at once
    if (sender == closedConnection) {
      sender = null;
    }
  }

  private static <T> T await(Future<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future
        .toCompletionStage()
        .toCompletableFuture()
        .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public boolean connected() {
    return !subscriber.closed() && subscriber.actualConnection() != null;
  }

  @Override
  public String describe() {
    return "PostgreSQL LISTEN/NOTIFY on channel "
        + channel
        + " at "
        + options.getHost()
        + ":"
        + options.getPort()
        + "/"
        + options.getDatabase();
  }

  @Override
  public void close() {
    closed = true;
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // what is left of it ends with the application's class loader
    }
  }
}
