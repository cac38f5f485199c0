package io.streamingcoordinator.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The operator's exceptions to the address policy, {@code streaming.http.allowed-hosts}: a
 * comma-separated list of
 *
 * <ul>
 *   <li>{@code name} or {@code name:port}: a URL with exactly this host name (any case, no
 *       wildcards) is fetched whatever the name resolves to, on any port or on that one;
 *   <li>{@code 10.1.2.3}, {@code 10.1.2.3:8080}, {@code fd00::1}, {@code [fd00::1]:8080}: an
 *       address, on any port or on that one, however the URL names it;
 *   <li>{@code 10.1.0.0/16}, {@code fd00::/8}: every address in the range, on any port.
 * </ul>
 */
final class AllowedHosts {

  static final String KEY = "streaming.http.allowed-hosts";
  private static final int ANY_PORT = -1;
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  /** One entry: a host name or a range of addresses, with a port or {@link #ANY_PORT}. */
  private record Entry(String name, AddressRange range, int port) {

    boolean permits(String host, int port, InetAddress address) {
      return (this.port == ANY_PORT || this.port == port)
          && (name != null ? name.equals(host) : range.contains(address));
    }
  }

  private final List<Entry> entries;

  private AllowedHosts(List<Entry> entries) {
    this.entries = entries;
  }

  static AllowedHosts none() {
    return new AllowedHosts(List.of());
  }

  /**
   * @throws IllegalArgumentException naming the key and the entry that is none of the above
   */
  static AllowedHosts parse(String list) {
    List<Entry> entries = new ArrayList<>();
    for (String item : list.split(",")) {
      String entry = item.trim();
      if (!entry.isEmpty()) {
        try {
          entries.add(entry(entry));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              KEY + ": '" + entry + "' is not a host[:port], an IP[:port] or a CIDR range", e);
        }
      }
    }
    return new AllowedHosts(List.copyOf(entries));
  }

  private static Entry entry(String entry) {
    String host = entry;
    String port = null;
    if (entry.startsWith("[") && entry.contains("]")) {
      int close = entry.indexOf(']');
      host = entry.substring(0, close + 1);
      String rest = entry.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("not an IPv6 address with a port: " + entry);
        }
        port = rest.substring(1);
      }
    } else if (entry.contains("/") || entry.indexOf(':') != entry.lastIndexOf(':')) {
      return new Entry(null, AddressRange.parse(entry), ANY_PORT); // a range, or a bare IPv6
    } else if (entry.contains(":")) {
      host = entry.substring(0, entry.indexOf(':'));
      port = entry.substring(entry.indexOf(':') + 1);
    }
    int number = port == null ? ANY_PORT : port(port);
    InetAddress address = AddressRange.literal(host);
    if (address != null) {
      return new Entry(null, AddressRange.of(address), number);
    }
    String name = normalised(host);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a host name: " + host);
    }
    return new Entry(name, null, number);
  }

  private static int port(String text) {
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + text);
    }
    return port;
  }

  /** A URL's host as entries name it: lower case, without a trailing dot or IPv6 brackets. */
  static String normalised(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      return name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** Whether the operator allows fetching {@code host}:{@code port} at {@code address}. */
  boolean permits(String host, int port, InetAddress address) {
    String name = normalised(host);
    return entries.stream().anyMatch(entry -> entry.permits(name, port, address));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public String toString() {
    return entries.stream()
        .map(e -> (e.name() != null ? e.name() : e.range().toString()) + portSuffix(e.port()))
        .toList()
        .toString();
  }

  private static String portSuffix(int port) {
    return port == ANY_PORT ? "" : ":" + port;
  }
}
