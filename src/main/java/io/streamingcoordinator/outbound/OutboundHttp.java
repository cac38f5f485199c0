package io.streamingcoordinator.outbound;

import io.streamingcoordinator.config.OutboundSettings;
import io.streamingcoordinator.task.entity.HttpFetcher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's one outbound HTTP client, for tasks: created on first use with the configured
 * timeouts, at most {@code streaming.http.max-connections} requests at once, closed when the
 * application stops. After that it refuses use; it is never recreated.
 */
@ApplicationScoped
public class OutboundHttp implements HttpFetcher {

  private static final System.Logger LOG = System.getLogger(OutboundHttp.class.getName());

  @Inject OutboundSettings settings;

  private final AtomicLong requests = new AtomicLong();
  private Client client; // guarded by this
  private Semaphore connections; // guarded by this
  private boolean closed; // guarded by this

  @Override
  public Fetched get(URI uri) throws IOException {
    Semaphore slots = open();
    acquire(slots);
    try (Response response = client().target(uri).request().get()) {
      requests.incrementAndGet();
      long bytes = 0;
      if (response.hasEntity()) {
        try (InputStream body = response.readEntity(InputStream.class)) {
          bytes = body.transferTo(OutputSink.INSTANCE);
        }
      }
      return new Fetched(
          response.getStatus(),
          response.getStatusInfo().getReasonPhrase(),
          bytes,
          response.getMediaType() == null ? null : response.getMediaType().toString());
    } catch (ProcessingException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    } finally {
      slots.release();
    }
  }

  private synchronized Semaphore open() {
    if (closed) {
      throw new IllegalStateException("the outbound HTTP client is closed: the server is stopping");
    }
    if (client == null) {
      client =
          ClientBuilder.newBuilder()
              .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .build();
      connections = new Semaphore(settings.maxConnections());
      LOG.log(
          Level.INFO,
          "Outbound HTTP client created: {0} connections at most, timeouts {1}/{2}",
          settings.maxConnections(),
          settings.connectTimeout(),
          settings.readTimeout());
    }
    return connections;
  }

  private synchronized Client client() {
    if (closed) {
      throw new IllegalStateException("the outbound HTTP client is closed: the server is stopping");
    }
    return client;
  }

  private void acquire(Semaphore slots) throws IOException {
    try {
      if (!slots.tryAcquire(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("no free outbound connection within " + settings.connectTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for an outbound connection", e);
    }
  }

  @PreDestroy
  synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
      LOG.log(Level.INFO, "Outbound HTTP client closed after {0} requests", requests.get());
    }
  }

  /** Counts a body away without keeping it. */
  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
