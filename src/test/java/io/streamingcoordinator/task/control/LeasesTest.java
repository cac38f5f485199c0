package io.streamingcoordinator.task.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.config.ClusterSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Who may run a task by its lease, on a clock the test moves. */
class LeasesTest {

  /** A clock that stands still until the test moves it. */
  static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static ClusterSettings settings(boolean enabled, String node) {
    return new ClusterSettings() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public String nodeId() {
        return node;
      }

      @Override
      public Duration leaseTime() {
        return Duration.ofSeconds(15);
      }
    };
  }

  static Leases leases(ClusterSettings settings, Clock clock) {
    Leases leases = new Leases();
    leases.settings = settings;
    leases.clock = clock;
    return leases;
  }

  final TestClock clock = new TestClock();
  final Leases a = leases(settings(true, "node-a"), clock);
  final Leases b = leases(settings(true, "node-b"), clock);

  @Test
  void afterItsOwnDatabaseOutageANodeGivesOtherOwnersALeaseTimeToRenew() {
    long expires = a.expiry();
    b.unreachable(); // the database restarts: neither node reaches it
    clock.advance(Duration.ofSeconds(40));
    assertFalse(b.mayRun("node-a", expires), "back, before this node's next renewal");
    b.reached();
    assertFalse(b.mayRun("node-a", expires), "expired during the outage: its owner may be alive");
    assertTrue(b.mayRun(null, null), "a free task");
    assertTrue(b.mayRun("node-b", expires), "its own");
    clock.advance(Duration.ofSeconds(14));
    assertFalse(b.mayRun("node-a", expires));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(b.mayRun("node-a", expires), "not renewed within a lease time: its owner is gone");
    b.reached(); // reaching it again without an outage between changes nothing
    assertTrue(b.mayRun("node-a", expires));
  }

  @Test
  void aFreeTaskMayBeClaimedByAnyNodeAndItsOwnLeaseByItsOwner() {
    assertTrue(a.mayRun(null, null));
    assertTrue(b.mayRun(null, null));
    long expires = a.expiry();
    assertEquals(clock.millis() + 15_000, expires);
    assertTrue(a.mayRun("node-a", expires), "its own lease");
    assertFalse(b.mayRun("node-a", expires), "another node's lease that holds");
  }

  @Test
  void aLeaseNotRenewedExpiresAfterTheLeaseTimeAndAnotherNodeMayTakeTheTaskOver() {
    long expires = a.expiry();
    clock.advance(Duration.ofSeconds(14));
    assertFalse(b.mayRun("node-a", expires), "1 s left");
    clock.advance(Duration.ofSeconds(1));
    assertTrue(b.mayRun("node-a", expires), "expired: the owner is presumed dead");
  }

  @Test
  void aRenewalEveryThirdOfTheLeaseTimeKeepsTheTaskWithItsNode() {
    assertEquals(5_000, a.renewEveryMillis());
    long expires = a.expiry();
    for (int renewal = 0; renewal < 10; renewal++) {
      clock.advance(Duration.ofMillis(a.renewEveryMillis()));
      assertFalse(b.mayRun("node-a", expires));
      expires = a.expiry(); // renewed
    }
    assertFalse(b.mayRun("node-a", expires), "50 s on, still node-a's");
  }

  @Test
  void withTheClusterOffTheOnlyNodeRunsEveryTaskWhateverALeaseSays() {
    Leases single = leases(settings(false, "node-b"), clock);
    assertTrue(single.mayRun("node-a", a.expiry()), "a lease left by an earlier start");
    assertEquals(Long.MAX_VALUE, single.claimTime());
  }
}
