package io.streamingcoordinator.outbound;

import io.streamingcoordinator.metrics.LogThrottle;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Which URLs a fetch may connect to. It judges the addresses a host resolves to, not its name, so
 * that no DNS answer leads inside: every address must be public unicast (not {@link
 * SpecialAddresses}, not one of this machine's own) or allowed by {@link AllowedHosts}, else the
 * URL is refused; the request then connects only to those checked addresses.
 */
final class AddressPolicy {

  private static final System.Logger LOG = System.getLogger(AddressPolicy.class.getName());

  /** Looks a host up: every address it has (the JDK's resolver and its cache in production). */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final AllowedHosts allowed;
  private final Resolver resolver;
  private final Predicate<InetAddress> own;
  private final LogThrottle refusals = new LogThrottle(TimeUnit.SECONDS.toNanos(10));

  AddressPolicy(AllowedHosts allowed, Resolver resolver, Predicate<InetAddress> own) {
    this.allowed = allowed;
    this.resolver = resolver;
    this.own = own;
  }

  /** The policy of a running server: the JDK's resolver, this machine's interfaces. */
  static AddressPolicy of(AllowedHosts allowed) {
    return new AddressPolicy(allowed, InetAddress::getAllByName, AddressPolicy::isOwn);
  }

  /**
   * Resolves {@code uri}'s host and checks every address it has.
   *
   * @throws OutboundRefusedException if any of them is refused
   * @throws IOException if it is not an http(s) URL with a host, or its host does not resolve
   */
  Destination check(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException("GET " + uri + ": not an http or https URL");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IOException("GET " + uri + ": the URL has no host");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    List<InetAddress> addresses = Arrays.asList(resolver.resolve(AllowedHosts.normalised(host)));
    for (InetAddress address : addresses) {
      if (!permits(host, port, address)) {
        refusals.log(
            LOG,
            Level.INFO,
            "Refused to fetch {0}: {1} resolves to {2}, which the outbound address policy"
                + " refuses (allowed: {3}) ({4} more refusals in the last 10 s)",
            uri,
            host,
            addresses,
            allowed);
        throw OutboundRefusedException.refused(uri);
      }
    }
    return new Destination(uri, host, port, tls, addresses);
  }

  boolean permits(String host, int port, InetAddress address) {
    return allowed.permits(host, port, address)
        || !(SpecialAddresses.contains(address) || own.test(address));
  }

  /** Whether {@code address} is one of this machine's (its public address reaches its ports). */
  private static boolean isOwn(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return true; // unknown: refused rather than risked
    }
  }
}
