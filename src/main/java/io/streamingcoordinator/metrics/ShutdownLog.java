package io.streamingcoordinator.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Lines logged while the application stops, which must reach the server's console. They go through
 * {@link System.Logger} like every other line, except where the JDK's logging has been torn down
 * under them: on SIGTERM the JDK's own shutdown hook resets {@code java.util.logging} (closes and
 * removes every handler) while the server's hook is still stopping the application, so on Payara
 * Micro nothing the application logged during a stop was ever seen. Once the handlers that were
 * there at start-up are gone, a line goes to standard error through a handler of its own, in the
 * console's format, which that reset cannot reach. Where logging survives the stop, or never went
 * through {@code java.util.logging} handlers, lines go the usual way only. The one class that
 * touches {@code java.util.logging}.
 */
public final class ShutdownLog {

  private final String name;
  private final Logger logger;
  private final java.util.logging.Logger jul;
  private final boolean handledAtStart;
  // made at start-up, while the console's format is still configured; attached to no logger, so
  // that no reset closes it
  private final Handler console = new StreamHandler(System.err, new SimpleFormatter());

  public ShutdownLog(String name) {
    this.name = name;
    this.logger = System.getLogger(name);
    this.jul = java.util.logging.Logger.getLogger(name);
    this.handledAtStart = hasHandlers();
    console.setLevel(java.util.logging.Level.ALL);
  }

  /** Logs a line (a {@link java.text.MessageFormat} pattern) where the console shows it. */
  public void log(Level level, String format, Object... params) {
    if (!handledAtStart || hasHandlers()) {
      logger.log(level, format, params);
      return;
    }
    LogRecord record = new LogRecord(julLevel(level), format);
    record.setParameters(params);
    record.setLoggerName(name);
    record.setSourceClassName(name);
    synchronized (console) {
      console.publish(record);
      console.flush();
    }
  }

  /** Whether a line of this logger reaches any handler (the reset leaves none). */
  private boolean hasHandlers() {
    for (java.util.logging.Logger at = jul; at != null; at = at.getParent()) {
      if (at.getHandlers().length > 0) {
        return true;
      }
      if (!at.getUseParentHandlers()) {
        return false;
      }
    }
    return false;
  }

  private static java.util.logging.Level julLevel(Level level) {
    return switch (level) {
      case ERROR -> java.util.logging.Level.SEVERE;
      case WARNING -> java.util.logging.Level.WARNING;
      case DEBUG -> java.util.logging.Level.FINE;
      case TRACE -> java.util.logging.Level.FINER;
      default -> java.util.logging.Level.INFO;
    };
  }
}
