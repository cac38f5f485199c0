package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.TaskSettings;
import io.streamingcoordinator.task.entity.CleanupReport;
import io.streamingcoordinator.task.entity.StreamTask;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Deletes finished tasks older than the retention, on a schedule and on request. */
@ApplicationScoped
public class TaskCleanup {

  private static final System.Logger LOG = System.getLogger(TaskCleanup.class.getName());
  private static final int BATCH = 500;

  @Inject PeriodicWork periodic;
  @Inject TaskStore store;
  @Inject TaskSettings settings;

  private ScheduledFuture<?> schedule;

  void schedule(@Observes @Initialized(ApplicationScoped.class) Object started) {
    long every = settings.cleanupInterval().toMillis();
    schedule = periodic.withFixedDelay(this::runScheduled, every, TimeUnit.MILLISECONDS);
    LOG.log(
        Level.INFO,
        "Cleanup every {0}, retention {1}",
        settings.cleanupInterval(),
        settings.retention());
  }

  private void runScheduled() {
    try {
      CleanupReport report = cleanup(false);
      if (!report.tasks().isEmpty()) {
        LOG.log(Level.INFO, "Cleanup deleted {0} finished tasks", report.tasks().size());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cleanup failed, will retry: {0}", e.toString());
    }
  }

  /** Removes (or, on a dry run, lists) every finished task older than the retention. */
  public CleanupReport cleanup(boolean dryRun) {
    Duration retention = settings.retention();
    Instant cutoff = Instant.now().minus(retention);
    List<StreamTask> matched = new ArrayList<>();
    List<StreamTask> batch;
    do {
      // deleted rows leave the result, listed ones stay in it
      batch = store.finishedBefore(cutoff, BATCH, dryRun ? matched.size() : 0);
      matched.addAll(batch);
      if (!dryRun) {
        store.delete(batch.stream().map(StreamTask::getId).toList());
      }
    } while (batch.size() == BATCH);
    return new CleanupReport(retention, cutoff, dryRun, matched);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
