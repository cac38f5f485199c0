package io.streamingcoordinator.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.task.entity.TaskEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusMessageTest {

  @Test
  void messagesComeBackAsTheyWentWithTheirSender() {
    List<BusMessage> messages =
        List.of(
            BusMessage.event(new TaskEvent(7, 41, "progress", "{\"text\":\"two\\nlines 3 4 5\"}")),
            BusMessage.event(new TaskEvent(7, 42, "named with space", "")),
            BusMessage.event(new TaskEvent(7, 43, TaskEvent.COMPLETE, null)),
            BusMessage.signal(BusMessage.Kind.FIELDS_CHANGED, 9),
            BusMessage.signal(BusMessage.Kind.CANCELLED, 10));

    List<BusMessage.Packed> packed = BusMessage.pack("node-a", messages, 7_900);

    assertEquals(1, packed.size());
    assertEquals(5, packed.get(0).messages());
    BusMessage.Payload payload = BusMessage.unpack(packed.get(0).text());
    assertEquals("node-a", payload.node());
    assertEquals(messages, payload.messages());
    assertEquals(
        new TaskEvent(7, 41, "progress", "{\"text\":\"two\\nlines 3 4 5\"}"),
        messages.get(0).toEvent());
  }

  @Test
  void manyMessagesSplitIntoPayloadsUnderTheLimitInOrder() {
    List<BusMessage> messages = new ArrayList<>();
    for (long id = 1; id <= 1_000; id++) {
      // multi-byte characters: the limit is in bytes, not characters
      messages.add(
          BusMessage.event(new TaskEvent(3, id, "progress", "{\"t\":\"äöü€ " + id + "\"}")));
    }

    List<BusMessage.Packed> packed = BusMessage.pack("n", messages, 1_000);

    List<BusMessage> back = new ArrayList<>();
    for (BusMessage.Packed payload : packed) {
      assertTrue(payload.text().getBytes(StandardCharsets.UTF_8).length <= 1_000);
      List<BusMessage> unpacked = BusMessage.unpack(payload.text()).messages();
      assertEquals(payload.messages(), unpacked.size());
      back.addAll(unpacked);
    }
    assertEquals(messages, back);
    assertTrue(packed.size() > 30, "split into " + packed.size());
  }

  @Test
  void aMessageTooBigForAnyPayloadIsLeftOutAndTheRestGoes() {
    List<BusMessage> messages =
        List.of(
            BusMessage.event(new TaskEvent(3, 1, "progress", "{}")),
            BusMessage.event(
                new TaskEvent(3, 2, "progress", "{\"big\":\"" + "x".repeat(9_000) + "\"}")),
            BusMessage.event(new TaskEvent(3, 3, "progress", "{}")));

    List<BusMessage.Packed> packed = BusMessage.pack("n", messages, 7_900);

    assertEquals(1, packed.size());
    assertEquals(2, packed.get(0).messages());
    assertEquals(
        List.of(messages.get(0), messages.get(2)),
        BusMessage.unpack(packed.get(0).text()).messages());
  }

  @Test
  void aPayloadOfAnotherKindIsRefusedWithAReason() {
    for (String bad :
        List.of(
            "",
            "hello",
            "SC2 node\n",
            "SC1 node\nE 1 2 10 progress\n{}",
            "SC1 node\nE 1 2 progress\n",
            "SC1 node\nX 1 2 0 progress\n",
            "SC1 node\nE one 2 0 progress\n")) {
      assertThrows(IllegalArgumentException.class, () -> BusMessage.unpack(bad), bad);
    }
  }
}
