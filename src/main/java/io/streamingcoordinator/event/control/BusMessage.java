package io.streamingcoordinator.event.control;

import io.streamingcoordinator.task.entity.TaskEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one node tells the others: an event of a task it runs, or that a task was changed (PATCH) or
 * cancelled through it. Messages travel in payloads of text that name their sender, so that a node
 * skips its own; a payload holds as many messages as fit in the bus's limit.
 *
 * <p>A payload is a header line {@code SC1 <node>} and then each message as a line {@code <kind>
 * <task> <id> <data length> <name>} followed by that many characters of data ({@code -1}: none).
 */
public record BusMessage(Kind kind, long taskId, long id, String name, String data) {

  private static final String VERSION = "SC1";

  public enum Kind {
    EVENT('E'),
    FIELDS_CHANGED('F'),
    CANCELLED('C');

    final char code;

    Kind(char code) {
      this.code = code;
    }

    static Kind of(char code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown message kind " + code);
    }
  }

  /** The messages of one payload and the node that sent them. */
  public record Payload(String node, List<BusMessage> messages) {}

  /** A payload to send and how many messages it holds. */
  public record Packed(String text, int messages) {}

  public static BusMessage event(TaskEvent event) {
    return new BusMessage(Kind.EVENT, event.taskId(), event.id(), event.name(), event.data());
  }

  public static BusMessage signal(Kind kind, long taskId) {
    return new BusMessage(kind, taskId, 0, "-", null);
  }

  public TaskEvent toEvent() {
    return new TaskEvent(taskId, id, name, data);
  }

  String encode() {
    return kind.code
        + " "
        + taskId
        + " "
        + id
        + " "
        + (data == null ? -1 : data.length())
        + " "
        + name
        + "\n"
        + (data == null ? "" : data);
  }

  /**
   * Packs messages, in order, into as few payloads of at most {@code maxBytes} (UTF-8) as they fit
   * in. A message too big for a payload of its own is left out (the payloads hold fewer messages
   * than were given): other nodes read such an event from the event log instead.
   */
  public static List<Packed> pack(String node, List<BusMessage> messages, int maxBytes) {
    String header = VERSION + " " + node + "\n";
    int headerBytes = utf8Length(header);
    List<Packed> payloads = new ArrayList<>();
    StringBuilder current = new StringBuilder(header);
    int currentBytes = headerBytes;
    int count = 0;
    for (BusMessage message : messages) {
      String encoded = message.encode();
      int bytes = utf8Length(encoded);
      if (headerBytes + bytes > maxBytes) {
        continue;
      }
      if (currentBytes + bytes > maxBytes) {
        payloads.add(new Packed(current.toString(), count));
        current = new StringBuilder(header);
        currentBytes = headerBytes;
        count = 0;
      }
      current.append(encoded);
      currentBytes += bytes;
      count++;
    }
    if (count > 0) {
      payloads.add(new Packed(current.toString(), count));
    }
    return payloads;
  }

  /**
   * Reads a payload written by {@link #pack}.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static Payload unpack(String payload) {
    int at = payload.indexOf('\n');
    if (at < 0 || !payload.startsWith(VERSION + " ")) {
      throw new IllegalArgumentException("not a payload of this version: " + abbreviate(payload));
    }
    String node = payload.substring(VERSION.length() + 1, at);
    List<BusMessage> messages = new ArrayList<>();
    at++;
    while (at < payload.length()) {
      int end = payload.indexOf('\n', at);
      if (end < 0) {
        throw new IllegalArgumentException("a message without its line end at " + at);
      }
      String[] parts = payload.substring(at, end).split(" ", 5);
      if (parts.length != 5 || parts[0].length() != 1) {
        throw new IllegalArgumentException(
            "not a message line: " + abbreviate(payload.substring(at, end)));
      }
      int length = Integer.parseInt(parts[3]);
      int dataEnd = end + 1 + Math.max(length, 0);
      if (dataEnd > payload.length()) {
        throw new IllegalArgumentException("a message's data is cut short at " + at);
      }
      String data = length < 0 ? null : payload.substring(end + 1, dataEnd);
      messages.add(
          new BusMessage(
              Kind.of(parts[0].charAt(0)),
              Long.parseLong(parts[1]),
              Long.parseLong(parts[2]),
              parts[4],
              data));
      at = dataEnd;
    }
    return new Payload(node, messages);
  }

  private static int utf8Length(String text) {
    int bytes = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length; // rare: count exactly
      }
    }
    return bytes;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
