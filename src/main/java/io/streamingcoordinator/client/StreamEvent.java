package io.streamingcoordinator.client;

import jakarta.json.JsonObject;

/** One event of a task's stream, as received: its id (may be null), name and JSON data. */
public record StreamEvent(String id, String name, JsonObject data) {

  /** Whether the stream ends with this event ({@code complete} or {@code error}). */
  public boolean isTerminal() {
    return "complete".equals(name) || "error".equals(name);
  }
}
