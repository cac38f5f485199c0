package io.streamingcoordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShutdownLogTest {

  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  final List<String> handled = new CopyOnWriteArrayList<>();
  final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          handled.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  PrintStream standardError;
  Logger jul;

  @BeforeEach
  void captureStandardError() {
    standardError = System.err;
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    jul = Logger.getLogger("shutdown-log-test." + System.nanoTime());
    jul.setUseParentHandlers(false); // this test's lines stay out of the build's output
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(standardError);
    jul.removeHandler(handler);
  }

  @Test
  void linesGoTheUsualWayUntilTheHandlersAreResetThenToStandardError() {
    jul.addHandler(handler);
    ShutdownLog log = new ShutdownLog(jul.getName());
    log.log(Level.INFO, "Shutdown: stopping {0} tasks", 3);
    assertEquals(List.of("Shutdown: stopping 3 tasks"), handled);
    assertEquals("", console.toString(StandardCharsets.UTF_8));

    jul.removeHandler(handler); // what the JDK's LogManager reset does at SIGTERM
    log.log(Level.INFO, "Shutdown done in {0,number,#} ms", 1234);
    String written = console.toString(StandardCharsets.UTF_8);
    assertTrue(written.contains(jul.getName()), written);
    assertTrue(written.contains("INFO: Shutdown done in 1234 ms"), written);
    assertEquals(1, handled.size());
  }

  @Test
  void whereNoHandlerWasThereAtStartLinesNeverGoToStandardError() {
    // another logging backend, or a configuration without handlers: nothing was reset
    ShutdownLog log = new ShutdownLog(jul.getName());
    log.log(Level.INFO, "Shutdown: stopping {0} tasks", 3);
    assertEquals("", console.toString(StandardCharsets.UTF_8));
  }
}
