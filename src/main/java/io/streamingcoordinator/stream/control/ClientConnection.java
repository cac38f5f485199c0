package io.streamingcoordinator.stream.control;

import jakarta.servlet.ServletRequest;

/**
 * What the hub needs of a client's TCP connection beyond the Servlet API, which offers neither:
 * dropping it at once (a graceful close waits for a stalled client to read what is buffered, so its
 * buffers stay on the heap) and hearing at once that the client closed it (otherwise only a failed
 * write, at the next heartbeat, tells). Server-specific: {@link GrizzlyConnection} on Payara;
 * elsewhere {@link #PORTABLE}, where evicted clients are closed gracefully and vanished ones are
 * found by the heartbeat.
 */
interface ClientConnection {

  /** Drops the connection now, if the server allows it. */
  void abort();

  /** Runs {@code closed} once when the client closes the connection, if the server can tell. */
  void onClose(Runnable closed);

  /** Stops listening for the close (the connection may outlive the stream on keep-alive). */
  void forget();

  ClientConnection PORTABLE =
      new ClientConnection() {
        @Override
        public void abort() {
          // nothing beyond the Servlet API's own close
        }

        @Override
        public void onClose(Runnable closed) {
          // nothing tells: a write to a vanished client fails at the next heartbeat
        }

        @Override
        public void forget() {
          // nothing registered
        }
      };

  /** The connection of {@code request}: the server's own where it is known, else portable. */
  static ClientConnection of(ServletRequest request) {
    return GrizzlyConnection.of(request).orElse(PORTABLE);
  }
}
