package io.streamingcoordinator.stream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.entity.TaskEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFrameTest {

  @Test
  void anEventIsEncodedOnceInTheWireFormatOfTheOriginal() {
    SseFrame frame = SseFrame.of(new TaskEvent(9, 42, "progress", "{\"step\":1}"));
    assertEquals(
        "id: 42\nevent: progress\ndata: {\"step\":1}\n\n",
        new String(frame.bytes(), StandardCharsets.UTF_8));
    assertFalse(frame.isTerminal());
    assertEquals("42", frame.getId());
    assertEquals("progress", frame.getName());
  }

  @Test
  void completeAndErrorEndTheStream() {
    assertTrue(SseFrame.of(new TaskEvent(9, 1, "complete", "{}")).isTerminal());
    assertTrue(SseFrame.of(new TaskEvent(9, 1, "error", "{}")).isTerminal());
  }

  @Test
  void commentsAndMultiLineDataStayWithinTheirFields() {
    assertEquals(
        ": ping\n\n", new String(SseFrame.comment("ping").bytes(), StandardCharsets.UTF_8));
    assertEquals(
        ": a\n: b\n\n", new String(SseFrame.comment("a\nb").bytes(), StandardCharsets.UTF_8));
    assertEquals(
        "id: 1\nevent: e\ndata: x\ndata: y\n\n",
        new String(SseFrame.of(new TaskEvent(1, 1, "e", "x\ny")).bytes(), StandardCharsets.UTF_8));
  }
}
