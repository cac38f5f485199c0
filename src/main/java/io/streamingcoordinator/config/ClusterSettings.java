package io.streamingcoordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Settings of several nodes on one database: whether this node shares its tasks with others, its
 * name in the task leases and how long a lease holds. The node's name is read once: it must not
 * change while the node holds leases.
 */
@ApplicationScoped
public class ClusterSettings {

  private static final int MAX_NODE_ID = 64; // the lease_owner column

  @Inject Config config;

  private volatile String nodeId;

  /** Whether other nodes share this node's database (leases are then honoured). */
  public boolean enabled() {
    return config.getValue("streaming.cluster.enabled", Boolean.class);
  }

  /** This node's name in leases: {@code streaming.cluster.node-id}, else host name and suffix. */
  public String nodeId() {
    String id = nodeId;
    if (id == null) {
      id =
          config
              .getOptionalValue("streaming.cluster.node-id", String.class)
              .map(String::strip)
              .filter(value -> !value.isEmpty())
              .orElseGet(ClusterSettings::hostAndSuffix);
      if (id.length() > MAX_NODE_ID) {
        throw new IllegalArgumentException(
            "streaming.cluster.node-id is longer than " + MAX_NODE_ID + " characters: " + id);
      }
      nodeId = id;
    }
    return id;
  }

  /** How long a lease holds unless its node renews it (every third of this). */
  public Duration leaseTime() {
    Duration time = ConfigValues.duration(config, "streaming.cluster.lease-time");
    if (time.toMillis() < 300) {
      throw new IllegalArgumentException("streaming.cluster.lease-time must be at least PT0.3S");
    }
    return time;
  }

  /**
   * How often a node reads the event log for the events of tasks that run on other nodes and have
   * clients here (read at start-up).
   */
  public Duration pollInterval() {
    return ConfigValues.duration(config, "streaming.cluster.poll-interval");
  }

  /** The bus that carries events and signals between nodes. */
  public enum Bus {
    POSTGRES,
    NATS,
    NONE
  }

  /** Which bus carries events and signals to other nodes (read at start-up). */
  public Bus bus() {
    String bus = config.getValue("streaming.cluster.bus", String.class).strip();
    try {
      return Bus.valueOf(bus.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "streaming.cluster.bus must be postgres, nats or none, not " + bus);
    }
  }

  /** The NOTIFY channel or NATS subject of this cluster. */
  public String channel() {
    String channel = config.getValue("streaming.cluster.channel", String.class).strip();
    if (!channel.matches("[A-Za-z0-9_.-]{1,63}")) {
      throw new IllegalArgumentException(
          "streaming.cluster.channel must be 1 to 63 letters, digits, '_', '.' or '-': " + channel);
    }
    return channel;
  }

  /** Where the postgres bus listens; empty: the application's own database. */
  public Optional<String> postgresUrl() {
    return nonEmpty("streaming.cluster.postgres.url");
  }

  public Optional<String> postgresPassword() {
    return nonEmpty("streaming.cluster.postgres.password");
  }

  public String natsUrl() {
    return config.getValue("streaming.cluster.nats.url", String.class).strip();
  }

  private Optional<String> nonEmpty(String key) {
    return config
        .getOptionalValue(key, String.class)
        .map(String::strip)
        .filter(value -> !value.isEmpty());
  }

  private static String hostAndSuffix() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String id = host + "-" + HexFormat.of().formatHex(suffix);
    return id.length() <= MAX_NODE_ID ? id : id.substring(id.length() - MAX_NODE_ID);
  }
}
