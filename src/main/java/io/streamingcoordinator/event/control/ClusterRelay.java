package io.streamingcoordinator.event.control;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.metrics.LogThrottle;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's end of the cluster bus: sends the events of the tasks it runs, and the PATCHes and
 * cancels it takes for tasks that run elsewhere, to the other nodes; hands what they send to the
 * hub (events for clients here) and to the coordinator (wake or stop a run here). Sending never
 * holds up a task: messages wait in a bounded queue for one sending thread, which packs as many as
 * fit into each payload; what the bus cannot carry other nodes read from the event log.
 */
@ApplicationScoped
public class ClusterRelay {

  private static final Logger LOG = System.getLogger(ClusterRelay.class.getName());
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int QUEUE = 65_536;
  private static final int BATCH = 4_096;

  @Inject ClusterSettings settings;
  @Inject StreamHub hub;
  @Inject TaskCoordinator coordinator;
  @Inject StreamMetrics metrics;
  @Inject BusConnections connections;
  @Resource ManagedThreadFactory threads;

  private final ArrayBlockingQueue<BusMessage> outbox = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong unsent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final LogThrottle sendFailures = new LogThrottle(LOG_EVERY_NANOS);
  private final LogThrottle fullNotices = new LogThrottle(LOG_EVERY_NANOS);
  private final LogThrottle badPayloads = new LogThrottle(LOG_EVERY_NANOS);
  private final LogThrottle subscriptions = new LogThrottle(LOG_EVERY_NANOS);
  private volatile ClusterBus bus;
  private volatile boolean stopping;
  private volatile String unavailable;
  private String node;
  private Thread sender;
  private ExecutorService signals;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (!settings.enabled() || settings.bus() == ClusterSettings.Bus.NONE) {
      return;
    }
    node = settings.nodeId();
    // signals may read the database: on a managed thread, not on the bus client's
    signals = Executors.newSingleThreadExecutor(threads);
    ClusterBus.Receiver receiver =
        new ClusterBus.Receiver() {
          @Override
          public void received(String payload) {
            receive(payload);
          }

          @Override
          public void subscribed() {
            subscriptions.log(
                LOG,
                Level.INFO,
                "Cluster bus subscribed: {0} ({1} more times in the last 10 s)",
                describe());
          }
        };
    try {
      bus = connections.open(settings.bus(), receiver, threads);
    } catch (RuntimeException e) {
      unavailable = e.getMessage();
      LOG.log(
          Level.ERROR,
          "Cluster node {0}: no cluster bus ({1}); other nodes'' events come from the event log"
              + " alone, every streaming.cluster.poll-interval",
          node,
          e.getMessage());
      return;
    }
    sender = threads.newThread(this::send);
    sender.setName("streaming-cluster-bus-sender");
    sender.start();
    LOG.log(
        Level.INFO,
        "Cluster node {0}: events and signals go to other nodes over {1}",
        node,
        bus.describe());
  }

  /** Sends the events of tasks that run here (every event published here is one). */
  void onEvent(@Observes TaskEvent event) {
    if (bus != null) {
      offer(BusMessage.event(event));
    }
  }

  /** Tells the other nodes that a task's fields changed here: its owner wakes the run. */
  public void fieldsChanged(long taskId) {
    if (bus != null) {
      offer(BusMessage.signal(BusMessage.Kind.FIELDS_CHANGED, taskId));
    }
  }

  /** Tells the other nodes that a task was cancelled here: its owner stops the run. */
  public void cancelled(long taskId) {
    if (bus != null) {
      offer(BusMessage.signal(BusMessage.Kind.CANCELLED, taskId));
    }
  }

  private void offer(BusMessage message) {
    if (!outbox.offer(message)) {
      unsent(1);
      fullNotices.log(
          LOG,
          Level.WARNING,
          "The cluster bus is {0} messages behind: other nodes read the rest from the event log"
              + " ({1} more in the last 10 s)",
          QUEUE);
    }
  }

  private void send() {
    List<BusMessage> batch = new ArrayList<>(BATCH);
    while (!stopping) {
      try {
        BusMessage first = outbox.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        outbox.drainTo(batch, BATCH - 1);
        int packed = 0;
        for (BusMessage.Packed payload : BusMessage.pack(node, batch, bus.maxPayloadBytes())) {
          packed += payload.messages();
          publish(payload);
        }
        unsent(batch.size() - packed); // each too big for a payload of its own
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void publish(BusMessage.Packed payload) throws InterruptedException {
    try {
      bus.publish(payload.text());
      sent.addAndGet(payload.messages());
      metrics.busSent(payload.messages());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      unsent(payload.messages());
      sendFailures.log(
          LOG,
          Level.WARNING,
          "Sending over the cluster bus failed, other nodes read these events from the event log:"
              + " {0} ({1} more in the last 10 s)",
          e.toString());
    }
  }

  private void unsent(int messages) {
    if (messages > 0) {
      unsent.addAndGet(messages);
      metrics.busUnsent(messages);
    }
  }

  private void receive(String text) {
    BusMessage.Payload payload;
    try {
      payload = BusMessage.unpack(text);
    } catch (IllegalArgumentException e) {
      badPayloads.log(
          LOG,
          Level.WARNING,
          "A cluster bus payload this node cannot read was ignored: {0} ({1} more in the last"
              + " 10 s)",
          e.getMessage());
      return;
    }
    if (payload.node().equals(node)) {
      return; // its own, echoed back by the broker
    }
    received.addAndGet(payload.messages().size());
    metrics.busReceived(payload.messages().size());
    for (BusMessage message : payload.messages()) {
      switch (message.kind()) {
        case EVENT -> hub.fromOtherNode(message.toEvent());
        case FIELDS_CHANGED -> coordinator.fieldsChanged(message.taskId());
        case CANCELLED -> signals.execute(() -> coordinator.cancelledElsewhere(message.taskId()));
      }
    }
  }

  /** For health: the bus in use, whether it is connected, and what went through it. */
  public Figures figures() {
    ClusterBus current = bus;
    return new Figures(
        current != null
            ? settings.bus().name().toLowerCase(Locale.ROOT)
            : unavailable != null ? "unavailable" : "none",
        current != null && current.connected(),
        sent.get(),
        unsent.get(),
        received.get(),
        outbox.size());
  }

  /** What health shows of the bus (its kind, never its address). */
  public record Figures(
      String bus, boolean connected, long sent, long unsent, long received, int queued) {}

  private String describe() {
    ClusterBus current = bus;
    return current == null ? settings.bus().name().toLowerCase(Locale.ROOT) : current.describe();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    if (sender != null) {
      sender.interrupt();
    }
    if (bus != null) {
      bus.close();
    }
    if (signals != null) {
      signals.shutdownNow();
    }
  }
}
