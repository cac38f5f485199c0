package io.streamingcoordinator.stream.control;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drops a client's TCP connection at once. Closing a stream through the Servlet API waits for the
 * client to read what is buffered, which a stalled client never does, so its buffers stay on the
 * heap; only aborting frees them. That needs the server's own connection object: this is the one
 * server-specific place, reached by reflection so the WAR still deploys anywhere. On Payara
 * (Grizzly) it terminates the connection; elsewhere it finds nothing and the caller falls back to a
 * graceful close.
 */
final class ConnectionAborter {

  private static final System.Logger LOG = System.getLogger(ConnectionAborter.class.getName());

  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private ConnectionAborter() {}

  /** How to abort the connection of {@code request}, if this server allows it. */
  static Optional<Runnable> of(ServletRequest request) {
    ServletRequest unwrapped = request;
    while (unwrapped instanceof ServletRequestWrapper wrapper) {
      unwrapped = wrapper.getRequest();
    }
    try {
      // Payara: RequestFacade -> catalina Request -> Grizzly Request -> Grizzly Connection
      Object catalina = call(unwrapped, "getUnwrappedCoyoteRequest");
      Object grizzly = call(catalina, "getCoyoteRequest");
      Object connection = call(grizzly, "getConnection");
      Method terminate = publicMethod(connection.getClass(), "terminateSilently");
      report("Evicted clients' connections are aborted (Grizzly)");
      return Optional.of(() -> invoke(terminate, connection));
    } catch (ReflectiveOperationException | RuntimeException notGrizzly) {
      report("This server allows no connection abort: evicted clients are closed gracefully");
      return Optional.empty();
    }
  }

  private static void report(String how) {
    if (REPORTED.compareAndSet(false, true)) {
      LOG.log(Level.INFO, how);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    Object result = publicMethod(target.getClass(), method).invoke(target);
    if (result == null) {
      throw new NoSuchMethodException(method + " returned null");
    }
    return result;
  }

  /** The method as declared by a public type, so that it can be called from here. */
  private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name);
        } catch (NoSuchMethodException tryInterfaces) {
          // declared by an interface only
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          try {
            return i.getMethod(name);
          } catch (NoSuchMethodException next) {
            // keep looking
          }
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name);
  }

  private static void invoke(Method terminate, Object connection) {
    try {
      terminate.invoke(connection);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Aborting a connection failed: {0}", e.toString());
    }
  }
}
