package io.streamingcoordinator.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.SecuritySettings.StreamAccess;
import io.streamingcoordinator.security.control.TestSecuritySettings;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskLinksTest {

  TestSecuritySettings settings = new TestSecuritySettings();
  TaskLinks links = new TaskLinks();

  @BeforeEach
  void setUp() {
    links.settings = settings;
    links.tokens = settings.tokens();
  }

  @Test
  void withoutAPublicUrlLinksAreRelativeToTheApplication() {
    URI base = links.base("/streaming-coordinator");
    assertEquals(
        "/streaming-coordinator/tasks/tests/ExampleTask/3",
        links.task(base, "tests/ExampleTask/3").toString());
    assertEquals(
        "/stream/tests/ExampleTask/3",
        links.stream(links.base("/"), "tests/ExampleTask/3", 3).toString());
  }

  @Test
  void aPublicUrlIsTheBaseOfEveryLink() {
    settings.publicUrl = URI.create("https://streams.example/coordinator/");
    URI base = links.base("/ignored");
    assertEquals(
        "https://streams.example/coordinator/tasks/tests/ExampleTask/3",
        links.task(base, "tests/ExampleTask/3").toString());
  }

  @Test
  void withSubscriberTokensTheStreamUrlCarriesOne() {
    settings.streams = StreamAccess.TOKEN;
    String stream = links.stream(links.base("/"), "tests/ExampleTask/3", 3).toString();
    assertTrue(
        stream.matches("/stream/tests/ExampleTask/3\\?token=3\\.\\d+\\.[A-Za-z0-9_-]+"), stream);
    settings.enabled = false;
    assertEquals(
        "/stream/tests/ExampleTask/3",
        links.stream(links.base("/"), "tests/ExampleTask/3", 3).toString());
  }
}
