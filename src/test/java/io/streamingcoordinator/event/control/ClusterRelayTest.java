package io.streamingcoordinator.event.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.metrics.StreamMetrics;
import io.streamingcoordinator.stream.control.StreamHub;
import io.streamingcoordinator.task.control.TaskCoordinator;
import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** This node's end of the bus, on a bus that records what it is given. */
class ClusterRelayTest {

  final List<String> published = new CopyOnWriteArrayList<>();
  final AtomicBoolean failing = new AtomicBoolean();
  final List<TaskEvent> toClients = new CopyOnWriteArrayList<>();
  final List<String> toRuns = new CopyOnWriteArrayList<>();
  ClusterBus.Receiver receiver;
  final ClusterRelay relay = new ClusterRelay();

  ClusterRelayTest() {
    relay.settings =
        new ClusterSettings() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public String nodeId() {
            return "node-a";
          }

          @Override
          public Bus bus() {
            return Bus.NATS;
          }
        };
    relay.metrics = new StreamMetrics();
    relay.hub =
        new StreamHub() {
          @Override
          public void fromOtherNode(TaskEvent event) {
            toClients.add(event);
          }
        };
    relay.coordinator =
        new TaskCoordinator() {
          @Override
          public void fieldsChanged(long taskId) {
            toRuns.add("fields " + taskId);
          }

          @Override
          public void cancelledElsewhere(long taskId) {
            toRuns.add("cancel " + taskId);
          }
        };
    relay.connections =
        new BusConnections() {
          @Override
          ClusterBus open(
              ClusterSettings.Bus kind, ClusterBus.Receiver given, ManagedThreadFactory threads) {
            receiver = given;
            return new RecordingBus();
          }
        };
    relay.threads =
        new ManagedThreadFactory() {
          @Override
          public Thread newThread(Runnable work) {
            return new Thread(work);
          }

          @Override
          public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
          }
        };
    relay.start(null);
  }

  @AfterEach
  void stop() {
    relay.stop();
  }

  @Test
  void eventsAndSignalsOfThisNodeGoOutInPayloadsNamingIt() {
    relay.onEvent(new TaskEvent(4, 1, "progress", "{\"n\":1}"));
    relay.onEvent(new TaskEvent(4, 2, TaskEvent.COMPLETE, "{}"));
    relay.fieldsChanged(5);
    relay.cancelled(6);

    await().atMost(5, TimeUnit.SECONDS).until(() -> relay.figures().sent() == 4);
    List<BusMessage> sent =
        published.stream().flatMap(text -> BusMessage.unpack(text).messages().stream()).toList();
    assertEquals(
        List.of(
            BusMessage.event(new TaskEvent(4, 1, "progress", "{\"n\":1}")),
            BusMessage.event(new TaskEvent(4, 2, TaskEvent.COMPLETE, "{}")),
            BusMessage.signal(BusMessage.Kind.FIELDS_CHANGED, 5),
            BusMessage.signal(BusMessage.Kind.CANCELLED, 6)),
        sent);
    assertTrue(
        published.stream().allMatch(text -> BusMessage.unpack(text).node().equals("node-a")));
  }

  @Test
  void whatOtherNodesSendReachesTheHubAndTheRunsAndItsOwnEchoIsSkipped() {
    List<BusMessage> fromB =
        List.of(
            BusMessage.event(new TaskEvent(7, 3, "progress", "{}")),
            BusMessage.signal(BusMessage.Kind.FIELDS_CHANGED, 8),
            BusMessage.signal(BusMessage.Kind.CANCELLED, 9));
    receiver.received(BusMessage.pack("node-b", fromB, 7_900).get(0).text());
    receiver.received(BusMessage.pack("node-a", fromB, 7_900).get(0).text());
    receiver.received("not a payload");

    await().atMost(5, TimeUnit.SECONDS).until(() -> toRuns.size() == 2);
    assertEquals(List.of(new TaskEvent(7, 3, "progress", "{}")), toClients);
    assertEquals(List.of("fields 8", "cancel 9"), toRuns);
    assertEquals(3, relay.figures().received());
  }

  @Test
  void whatTheBusCannotCarryIsCountedAndTheTaskNeverWaits() {
    failing.set(true);
    relay.onEvent(new TaskEvent(4, 1, "progress", "{}"));
    relay.onEvent(new TaskEvent(4, 2, "progress", "{\"big\":\"" + "x".repeat(70_000) + "\"}"));

    await().atMost(5, TimeUnit.SECONDS).until(() -> relay.figures().unsent() == 2);
    assertEquals(0, relay.figures().sent());
  }

  private final class RecordingBus implements ClusterBus {
    @Override
    public int maxPayloadBytes() {
      return 64 * 1024;
    }

    @Override
    public void publish(String payload) {
      if (failing.get()) {
        throw new IllegalStateException("not connected");
      }
      published.add(payload);
    }

    @Override
    public boolean connected() {
      return true;
    }

    @Override
    public String describe() {
      return "a recording bus";
    }

    @Override
    public void close() {}
  }
}
