package io.streamingcoordinator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.it.EventStream.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Received events as a failure message can show them: thousands of ids read as a few runs ("1-1846,
 * 1848-30001"), so that a gap or a repeat shows at once, and names with their repeats folded
 * ("progress x30000, complete").
 */
final class EventRuns {

  private EventRuns() {}

  /**
   * Checks the items {@code 1..count} a client got across a takeover: the dead owner's items 1..m
   * (live, or from the log), then the new owner's k+1..count, from the last checkpoint the dead one
   * logged (k <= m); the ones it sent but had not logged come a second time.
   *
   * @return how many came a second time (m - k)
   */
  static long resentAfterTakeover(List<Long> items, long count) {
    int rewind = 1;
    while (rewind < items.size() && items.get(rewind) > items.get(rewind - 1)) {
      rewind++;
    }
    long m = items.get(rewind - 1);
    long k = rewind < items.size() ? items.get(rewind) - 1 : m;
    assertTrue(k <= m, items::toString);
    assertEquals(
        LongStream.concat(LongStream.rangeClosed(1, m), LongStream.rangeClosed(k + 1, count))
            .boxed()
            .toList(),
        items,
        "every item, those after the dead owner's last logged checkpoint at most twice");
    return m - k;
  }

  /** The event ids as runs, "1-1846, 1848-30001"; an event without an id shows as its name. */
  static String ids(List<Received> events) {
    List<String> parts = new ArrayList<>();
    List<Long> numbered = new ArrayList<>();
    for (Received event : events) {
      if (event.id() == null) {
        if (!numbered.isEmpty()) {
          parts.add(runs(numbered));
          numbered.clear();
        }
        parts.add(event.name() + " without id");
      } else {
        numbered.add(Long.parseLong(event.id()));
      }
    }
    if (!numbered.isEmpty()) {
      parts.add(runs(numbered));
    }
    return String.join(", ", parts);
  }

  static String seqs(List<Received> events) {
    return runs(
        events.stream()
            .filter(e -> e.name().equals("progress"))
            .map(e -> e.data().getJsonNumber("seq").longValue())
            .toList());
  }

  /** The event names with their repeats folded: "progress x30000, complete". */
  static String names(List<Received> events) {
    List<String> folded = new ArrayList<>();
    for (int i = 0; i < events.size(); ) {
      int j = i;
      while (j < events.size() && events.get(j).name().equals(events.get(i).name())) {
        j++;
      }
      folded.add(events.get(i).name() + (j - i > 1 ? " x" + (j - i) : ""));
      i = j;
    }
    return String.join(", ", folded);
  }

  private static String runs(List<Long> numbers) {
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < numbers.size(); ) {
      int j = i;
      while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
        j++;
      }
      runs.add(j == i ? "" + numbers.get(i) : numbers.get(i) + "-" + numbers.get(j));
      i = j + 1;
    }
    return String.join(", ", runs);
  }
}
