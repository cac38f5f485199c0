package io.streamingcoordinator.task.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a cleanup removed, or would remove on a dry run. */
public record CleanupReport(
    Duration retention, Instant cutoff, boolean dryRun, List<StreamTask> tasks) {}
