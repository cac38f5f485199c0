package io.streamingcoordinator.stream.control;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link SseEventSink} over Servlet non-blocking output: {@link #send} never blocks its caller.
 * While the client's socket is full the event waits here (one at a time) and the returned stage
 * completes once the container accepts it, so a stalled client holds at most one event plus the
 * container's own bounded buffer, and no thread.
 */
public final class ServletEventSink implements SseEventSink {

  private final AsyncContext async;
  private final ServletOutputStream out;
  private final ClientConnection connection;
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  // guarded by this
  private byte[] pending;
  private CompletableFuture<Void> pendingSent;
  private boolean unflushed = true; // the first flush commits the response headers
  private boolean closed;

  public ServletEventSink(AsyncContext async) throws IOException {
    this.async = async;
    this.connection = ClientConnection.of(async.getRequest());
    async.setTimeout(0);
    async.addListener(new ContainerEvents());
    this.out = async.getResponse().getOutputStream();
    out.setWriteListener(new Writes());
    // a client that closes its connection ends the stream at once, where the server can tell
    connection.onClose(this::close);
  }

  /** Runs {@code listener} once, when this sink closes for any reason. */
  public void onClose(Runnable listener) {
    closeListeners.add(listener);
    if (isClosed()) {
      listener.run();
    }
  }

  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    byte[] bytes =
        event instanceof SseFrame frame
            ? frame.bytes()
            : SseFrame.encode(event).getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the stream is closed"));
      }
      if (pending != null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("one event at a time: the previous one is not sent yet"));
      }
      pending = bytes;
      pendingSent = sent;
    }
    writeWhileReady();
    return sent;
  }

  private void writeWhileReady() {
    CompletableFuture<Void> sent = null;
    IOException failure = null;
    synchronized (this) {
      try {
        while (!closed && out.isReady()) {
          if (pending != null) {
            out.write(pending);
            pending = null;
            sent = pendingSent;
            pendingSent = null;
            unflushed = true;
          } else if (unflushed) {
            unflushed = false;
            out.flush();
          } else {
            break;
          }
        }
      } catch (IOException e) {
        failure = e;
      }
    }
    if (sent != null) {
      sent.complete(null);
    }
    if (failure != null) {
      close();
    }
  }

  /**
   * Completes when the container has finished the request (its async completion ran), which may be
   * after this sink closed: Undertow completes on a thread of its own.
   */
  public CompletionStage<Void> finished() {
    return finished;
  }

  @Override
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    end(false);
  }

  /**
   * Drops the connection without waiting for the client to read what is buffered, which frees the
   * buffers of a stalled client at once. Where the server allows no abort, this closes gracefully.
   */
  public void abort() {
    end(true);
  }

  private void end(boolean aborting) {
    CompletableFuture<Void> dropped;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      dropped = pendingSent;
      pending = null;
      pendingSent = null;
    }
    if (dropped != null) {
      dropped.completeExceptionally(new IllegalStateException("the stream was closed"));
    }
    if (aborting) {
      connection.abort();
    }
    connection.forget();
    try {
      async.complete();
    } catch (RuntimeException alreadyEnded) {
      // the container ended the request first (client gone, error, abort)
    }
    closeListeners.forEach(Runnable::run);
  }

  private final class Writes implements WriteListener {
    @Override
    public void onWritePossible() {
      writeWhileReady();
    }

    @Override
    public void onError(Throwable failure) {
      close();
    }
  }

  private final class ContainerEvents implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      close();
      finished.complete(null);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      close();
    }

    @Override
    public void onError(AsyncEvent event) {
      close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // nothing to do: this sink is created after the request went async
    }
  }
}
