package io.streamingcoordinator.task.control;

import io.streamingcoordinator.config.ClusterSettings;
import io.streamingcoordinator.task.entity.StreamTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Who may run a task, when several nodes share one database: the node whose lease on it (stored
 * with the task: owner, expiry in epoch milliseconds) has not expired; a free or expired lease may
 * be claimed by any node, and a node's own lease by itself. A run's node renews its lease every
 * third of {@code streaming.cluster.lease-time}; a dead node's leases expire and other nodes take
 * its tasks over. With the cluster off the only node may run every task, whatever a lease says. The
 * decision here is the one {@link TaskStore#markRunning} makes atomically in the database.
 */
@ApplicationScoped
public class Leases {

  @Inject ClusterSettings settings;
  Clock clock = Clock.systemUTC();
  private volatile boolean cutOff;
  private volatile long backAt = Long.MIN_VALUE / 2; // when the database was reached again

  /** This node's name in leases. */
  public String node() {
    return settings.nodeId();
  }

  /** Whether this node may run {@code task} now, by its stored lease. */
  public boolean mayRun(StreamTask task) {
    return mayRun(task.getLeaseOwner(), task.getLeaseExpires());
  }

  boolean mayRun(String owner, Long expires) {
    return owner == null || owner.equals(node()) || expires == null || expires <= claimTime();
  }

  /**
   * The time a claim compares a lease's expiry with: now, or with the cluster off a time past every
   * lease, so that every lease counts as expired. From a renewal that found the database out of
   * reach until a lease time after the next one that went through, it is a time before every lease:
   * another node's lease that expired meanwhile proves nothing (the database was out of reach for
   * that node too, most likely, as it restarted), and its owner, alive, renews it within a third of
   * that time.
   */
  long claimTime() {
    if (!settings.enabled()) {
      return Long.MAX_VALUE;
    }
    long now = clock.millis();
    boolean unsure = cutOff || now < backAt + settings.leaseTime().toMillis();
    return unsure ? Long.MIN_VALUE : now;
  }

  /** This node could not reach the database (a lease renewal failed for that). */
  void unreachable() {
    cutOff = true;
  }

  /** This node reached the database (a lease renewal went through). */
  void reached() {
    if (cutOff) {
      cutOff = false;
      backAt = clock.millis();
    }
  }

  /** When a lease taken or renewed now expires. */
  long expiry() {
    return clock.millis() + settings.leaseTime().toMillis();
  }

  /** How often this node renews its leases: a third of the lease time. */
  long renewEveryMillis() {
    return settings.leaseTime().toMillis() / 3;
  }
}
