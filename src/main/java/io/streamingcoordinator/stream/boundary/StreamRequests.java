package io.streamingcoordinator.stream.boundary;

import io.streamingcoordinator.stream.control.ServletEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The streams' async requests the container has not finished yet. At shutdown the application waits
 * until the container has finished every stream the hub ended, while the deployment is still whole:
 * Undertow (WildFly) finishes an ended async request later, on a thread of its own, and without the
 * wait it did so after WildFly had removed the deployment's services (per stream WFLYTX0002 "Unable
 * to get transaction state" and UT015021 "Failure dispatching async event").
 */
@ApplicationScoped
public class StreamRequests {

  private final Set<CompletableFuture<Void>> open = ConcurrentHashMap.newKeySet();

  void opened(ServletEventSink sink) {
    CompletableFuture<Void> finished = sink.finished().toCompletableFuture();
    open.add(finished);
    finished.whenComplete((done, failure) -> open.remove(finished));
  }

  /** Waits at most {@code timeout} for the container to finish them all; false if it did not. */
  boolean awaitFinished(Duration timeout) {
    try {
      CompletableFuture.allOf(open.toArray(CompletableFuture[]::new))
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
