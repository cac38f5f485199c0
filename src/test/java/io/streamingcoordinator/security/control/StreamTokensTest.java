package io.streamingcoordinator.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.streamingcoordinator.security.control.StreamTokens.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  TestSecuritySettings settings = new TestSecuritySettings();
  StreamTokens tokens = new StreamTokens();

  @BeforeEach
  void setUp() {
    tokens.settings = settings;
    tokens.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Test
  void aTokenOpensItsOwnTaskUntilItExpires() {
    String token = tokens.issue("tests/ExampleTask/7", 7);
    assertEquals(Verdict.VALID, tokens.verify(token, "tests/ExampleTask/7", 7));
    tokens.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(10)).minusSeconds(1), ZoneOffset.UTC);
    assertEquals(Verdict.VALID, tokens.verify(token, "tests/ExampleTask/7", 7));
    tokens.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    assertEquals(Verdict.EXPIRED, tokens.verify(token, "tests/ExampleTask/7", 7));
  }

  @Test
  void anotherTasksTokenIsRecognisedAsSuchAndAnotherTypesIsNot() {
    String token = tokens.issue("tests/ExampleTask/7", 7);
    assertEquals(Verdict.OTHER_TASK, tokens.verify(token, "tests/ExampleTask/8", 8));
    assertEquals(Verdict.INVALID, tokens.verify(token, "tests/SpamTask/8", 8));
    assertEquals(Verdict.INVALID, tokens.verify(token, "tests/SpamTask/7", 7));
  }

  @Test
  void forgedAndMalformedTokensAreInvalid() {
    String token = tokens.issue("tests/ExampleTask/7", 7);
    String[] parts = token.split("\\.");
    String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
    assertEquals(Verdict.INVALID, tokens.verify(later, "tests/ExampleTask/7", 7));
    String renumbered = "8." + parts[1] + "." + parts[2];
    assertEquals(Verdict.INVALID, tokens.verify(renumbered, "tests/ExampleTask/8", 8));
    for (String bad :
        new String[] {
          "",
          ".",
          "..",
          "7",
          "7.1",
          "x.y.z",
          "7.1.2.3",
          token + "x",
          "-7." + parts[1] + "." + parts[2]
        }) {
      assertEquals(Verdict.INVALID, tokens.verify(bad, "tests/ExampleTask/7", 7), bad);
    }
    settings.key = "another key of at least thirty-two bytes".getBytes();
    assertEquals(Verdict.INVALID, tokens.verify(token, "tests/ExampleTask/7", 7));
  }

  @Test
  void withoutAConfiguredKeyOneIsMadeOncePerProcess() {
    settings.key = null;
    String token = tokens.issue("tests/ExampleTask/7", 7);
    assertEquals(Verdict.VALID, tokens.verify(token, "tests/ExampleTask/7", 7));
    StreamTokens other = new StreamTokens();
    other.settings = settings;
    other.clock = tokens.clock;
    assertNotEquals(Verdict.VALID, other.verify(token, "tests/ExampleTask/7", 7));
  }
}
