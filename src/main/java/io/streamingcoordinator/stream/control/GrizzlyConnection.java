package io.streamingcoordinator.stream.control;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's connection on Payara (Grizzly), reached by reflection so that the WAR still deploys
 * anywhere: the one server-specific class. Aborting terminates the Grizzly connection. Closes are
 * heard by turning on the connection's read interest (Grizzly stops reading while a request is
 * suspended, so it would not see the client's FIN or RST) and adding a close listener, which
 * Grizzly calls on its own worker thread within milliseconds of the close.
 */
final class GrizzlyConnection implements ClientConnection {

  private static final System.Logger LOG = System.getLogger(GrizzlyConnection.class.getName());
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  /**
   * The Grizzly methods this class calls, looked up once per connection class rather than on every
   * stream; the close-listening ones are null where Grizzly lacks them (then closes are not heard).
   */
  private record Methods(
      Class<?> connectionType,
      Method terminate,
      Class<?> closeListener,
      Method addCloseListener,
      Method removeCloseListener,
      Method enableEvent,
      Method disableEvent,
      Object read) {

    static Methods of(Class<?> type) throws ReflectiveOperationException {
      Method terminate = publicMethod(type, "terminateSilently");
      try {
        ClassLoader loader = type.getClassLoader();
        Class<?> listener = Class.forName("org.glassfish.grizzly.CloseListener", false, loader);
        Class<?> events = Class.forName("org.glassfish.grizzly.IOEvent", false, loader);
        return new Methods(
            type,
            terminate,
            listener,
            publicMethod(type, "addCloseListener", listener),
            publicMethod(type, "removeCloseListener", listener),
            publicMethod(type, "enableIOEvent", events),
            publicMethod(type, "disableIOEvent", events),
            events.getField("READ").get(null));
      } catch (ReflectiveOperationException | RuntimeException noCloseEvents) {
        return new Methods(type, terminate, null, null, null, null, null, null);
      }
    }

    boolean hearsCloses() {
      return closeListener != null;
    }
  }

  private static volatile Methods methods; // of the last connection class seen

  private final Object connection;
  private final Methods grizzly;
  private final AtomicBoolean listening = new AtomicBoolean();
  private volatile Object listener; // the proxy given to Grizzly, removed by forget()

  private GrizzlyConnection(Object connection, Methods grizzly) {
    this.connection = connection;
    this.grizzly = grizzly;
  }

  /** The Grizzly connection behind {@code request}, if this is Payara. */
  static Optional<ClientConnection> of(ServletRequest request) {
    ServletRequest unwrapped = request;
    while (unwrapped instanceof ServletRequestWrapper wrapper) {
      unwrapped = wrapper.getRequest();
    }
    try {
      // Payara: RequestFacade -> catalina Request -> Grizzly Request -> Grizzly Connection
      Object catalina = call(unwrapped, "getUnwrappedCoyoteRequest");
      Object grizzly = call(catalina, "getCoyoteRequest");
      Object connection = call(grizzly, "getConnection");
      Methods known = methods;
      if (known == null || known.connectionType() != connection.getClass()) {
        known = Methods.of(connection.getClass());
        methods = known;
      }
      report(
          known.hearsCloses()
              ? "Client connections are aborted and their closes heard at once (Grizzly)"
              : "Client connections are aborted (Grizzly); closes are found by the heartbeat");
      return Optional.of(new GrizzlyConnection(connection, known));
    } catch (ReflectiveOperationException | RuntimeException notGrizzly) {
      report(
          "This server allows no connection abort: evicted clients are closed gracefully and"
              + " vanished ones found by the heartbeat");
      return Optional.empty();
    }
  }

  @Override
  public void abort() {
    try {
      grizzly.terminate().invoke(connection);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Aborting a connection failed: {0}", e.toString());
    }
  }

  @Override
  public void onClose(Runnable closed) {
    if (!grizzly.hearsCloses() || !listening.compareAndSet(false, true)) {
      return;
    }
    try {
      InvocationHandler handler =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "onClosed" -> {
                  closed.run();
                  yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "client close listener";
              };
      Object proxy =
          Proxy.newProxyInstance(
              grizzly.closeListener().getClassLoader(),
              new Class<?>[] {grizzly.closeListener()},
              handler);
      grizzly.addCloseListener().invoke(connection, proxy);
      listener = proxy;
      grizzly.enableEvent().invoke(connection, grizzly.read());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Listening for a client's close failed: {0}", e.toString());
    }
  }

  @Override
  public void forget() {
    Object registered = listener;
    if (registered == null) {
      return;
    }
    listener = null;
    try {
      // back to how Grizzly left it, so that it reads the next request on a kept-alive connection
      grizzly.disableEvent().invoke(connection, grizzly.read());
      grizzly.removeCloseListener().invoke(connection, registered);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Removing a close listener failed: {0}", e.toString());
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
  private static Method publicMethod(Class<?> type, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name, parameters);
        } catch (NoSuchMethodException tryInterfaces) {
          // declared by an interface only
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        if (Modifier.isPublic(i.getModifiers())) {
          try {
            return i.getMethod(name, parameters);
          } catch (NoSuchMethodException next) {
            // keep looking
          }
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name);
  }
}
