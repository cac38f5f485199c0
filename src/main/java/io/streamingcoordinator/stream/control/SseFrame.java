package io.streamingcoordinator.stream.control;

import io.streamingcoordinator.task.entity.TaskEvent;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * An SSE event encoded once, when published, so that every client of a task is sent the same bytes.
 */
public final class SseFrame implements OutboundSseEvent {

  private final String id;
  private final String name;
  private final String data;
  private final String comment;
  private final boolean terminal;
  private final byte[] bytes;
  private final long createdAt = System.nanoTime();
  private final long seq;

  private SseFrame(String id, String name, String data, String comment, boolean terminal) {
    this(id, name, data, comment, terminal, encode(id, name, data, comment));
  }

  private SseFrame(
      String id, String name, String data, String comment, boolean terminal, String wire) {
    this.id = id;
    this.name = name;
    this.data = data;
    this.comment = comment;
    this.terminal = terminal;
    this.bytes = wire.getBytes(StandardCharsets.UTF_8);
    this.seq = id == null ? 0 : Long.parseLong(id);
  }

  private SseFrame(byte[] bytes, boolean terminal) {
    this.id = null;
    this.name = null;
    this.data = null;
    this.comment = null;
    this.terminal = terminal;
    this.bytes = bytes;
    this.seq = 0;
  }

  /** Several frames as one write: a client that is behind catches up with fewer flushes. */
  public static SseFrame joined(List<SseFrame> frames) {
    int size = 0;
    for (SseFrame frame : frames) {
      size += frame.bytes.length;
    }
    byte[] joined = new byte[size];
    int at = 0;
    for (SseFrame frame : frames) {
      System.arraycopy(frame.bytes, 0, joined, at, frame.bytes.length);
      at += frame.bytes.length;
    }
    return new SseFrame(joined, frames.get(frames.size() - 1).terminal);
  }

  public static SseFrame of(TaskEvent event) {
    return new SseFrame(
        Long.toString(event.id()), event.name(), event.data(), null, event.isTerminal());
  }

  /** Sent on a silent stream, so that a vanished client is noticed; clients ignore it. */
  static final SseFrame HEARTBEAT = comment("ping");

  /** A comment line, which clients ignore: heartbeats and notices. */
  public static SseFrame comment(String text) {
    return new SseFrame(null, null, null, text, false);
  }

  /**
   * Tells a client that {@code missed} events were discarded before the next one (drop-oldest); it
   * carries no id, so a client's Last-Event-ID still names the last event it really got.
   */
  static SseFrame dropped(long missed) {
    return new SseFrame(null, "dropped", "{\"missed\":" + missed + "}", null, false);
  }

  /** The wire form of any outbound event; single-line fields only. */
  static String encode(OutboundSseEvent event) {
    return event instanceof SseFrame frame
        ? new String(frame.bytes, StandardCharsets.UTF_8)
        : encode(
            event.getId(),
            event.getName(),
            event.getData() == null ? null : String.valueOf(event.getData()),
            event.getComment());
  }

  private static String encode(String id, String name, String data, String comment) {
    StringBuilder out = new StringBuilder(64 + (data == null ? 0 : data.length()));
    if (comment != null) {
      for (String line : comment.split("\n", -1)) {
        out.append(": ").append(line).append('\n');
      }
    }
    if (id != null) {
      out.append("id: ").append(id).append('\n');
    }
    if (name != null) {
      out.append("event: ").append(name).append('\n');
    }
    if (data != null) {
      for (String line : data.split("\n", -1)) {
        out.append("data: ").append(line).append('\n');
      }
    }
    return out.append('\n').toString();
  }

  public byte[] bytes() {
    return bytes;
  }

  /** The event's id (its sequence number in the task), 0 for comments and notices. */
  public long seq() {
    return seq;
  }

  /**
   * The reconnect delay a client should use ({@code retry:}), sent first on every stream. It is a
   * field line only, sent just before the first event so that it is part of that event's block: a
   * block of its own would reach some clients (Jersey's) as an event without a name.
   */
  public static SseFrame retry(Duration delay) {
    return new SseFrame(
        ("retry: " + delay.toMillis() + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * The last words to a client disconnected for falling behind ({@code reason}); it carries no id,
   * so its reconnect resumes after the last event it really got.
   */
  static SseFrame evicted(String reason) {
    return new SseFrame(null, "evicted", "{\"reason\":\"" + reason + "\"}", null, true);
  }

  /**
   * The last words to a client whose stream the stopping server closes before its task ended (the
   * task is suspended and runs again after the restart): come back with Last-Event-ID. It carries
   * no id, so that the reconnect resumes after the last event it really got; it is no final event,
   * so an EventSource reconnects on its own.
   */
  static final SseFrame SUSPENDED =
      new SseFrame(
          null,
          "suspended",
          "{\"reason\":\"server-stopping\",\"message\":\"The server is shutting down\"}",
          null,
          true);

  /**
   * Tells a resuming client that events {@code from}..{@code to} are no longer kept; it carries no
   * id.
   */
  static SseFrame historyLost(long from, long to) {
    return new SseFrame(
        null, "history-lost", "{\"from\":" + from + ",\"to\":" + to + "}", null, false);
  }

  /** When this frame was made, that is, published (System.nanoTime). */
  public long createdAt() {
    return createdAt;
  }

  /** Whether the stream ends once this frame is sent. */
  public boolean isTerminal() {
    return terminal;
  }

  @Override
  public Class<?> getType() {
    return String.class;
  }

  @Override
  public Type getGenericType() {
    return String.class;
  }

  @Override
  public MediaType getMediaType() {
    return MediaType.APPLICATION_JSON_TYPE;
  }

  @Override
  public Object getData() {
    return data;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getComment() {
    return comment;
  }

  @Override
  public long getReconnectDelay() {
    return RECONNECT_NOT_SET;
  }

  @Override
  public boolean isReconnectDelaySet() {
    return false;
  }
}
