package io.streamingcoordinator.stream.control;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client for tests: reads everything at once, or (stalled) never finishes a send. */
final class FakeSink implements SseEventSink {

  /** One event or comment as the client would parse it from the bytes it was sent. */
  record Seen(String id, String name, String data, String comment) {}

  final List<Seen> sent = new CopyOnWriteArrayList<>();
  private final StringBuffer wire = new StringBuffer();
  private final boolean stalled;
  private final java.util.Queue<CompletableFuture<Void>> gated =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean gate;
  private volatile boolean closed;
  private volatile boolean concurrentSend;
  private volatile boolean sending;

  private FakeSink(boolean stalled) {
    this.stalled = stalled;
  }

  static FakeSink reading() {
    return new FakeSink(false);
  }

  static FakeSink stalled() {
    return new FakeSink(true);
  }

  /** A slow reader: each send completes only when {@link #release} is called. */
  static FakeSink gated() {
    FakeSink sink = new FakeSink(false);
    sink.gate = true;
    return sink;
  }

  /** Lets every send made so far complete. */
  void release() {
    for (CompletableFuture<Void> send; (send = gated.poll()) != null; ) {
      sending = false;
      send.complete(null);
    }
  }

  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    if (sending) {
      concurrentSend = true;
    }
    if (stalled) {
      sending = true;
      return new CompletableFuture<>();
    }
    sending = true;
    String bytes = SseFrame.encode(event);
    wire.append(bytes);
    sent.addAll(parse(bytes));
    if (gate) {
      CompletableFuture<Void> send = new CompletableFuture<>();
      gated.add(send);
      return send;
    }
    sending = false;
    return CompletableFuture.completedFuture(null);
  }

  /** Everything written, as the client's socket got it. */
  String wire() {
    return wire.toString();
  }

  List<String> ids() {
    return sent.stream().map(Seen::id).filter(id -> id != null).toList();
  }

  /** Splits what was written (one frame, or several joined) into what a client would see. */
  static List<Seen> parse(String wire) {
    List<Seen> seen = new java.util.ArrayList<>();
    for (String block : wire.split("\n\n")) {
      String id = null;
      String name = null;
      String data = null;
      String comment = null;
      for (String line : block.split("\n")) {
        if (line.startsWith(": ")) {
          comment = line.substring(2);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (!block.isEmpty()) {
        seen.add(new Seen(id, name, data, comment));
      }
    }
    return seen;
  }

  /** Whether two sends ever overlapped (there must be one at a time). */
  boolean sawConcurrentSends() {
    return concurrentSend;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
