package io.streamingcoordinator.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a fetch refuses unless the operator allows them: everything that is not a public
 * unicast address. IPv4 by a list of special-purpose blocks (RFC 6890 and successors); IPv6 by
 * default-deny, only global unicast 2000::/3 passes, less its special blocks; an IPv6 address that
 * carries an IPv4 one (mapped, NAT64, 6to4) is judged by the IPv4 address it leads to.
 */
final class SpecialAddresses {

  private static final List<AddressRange> IPV4 =
      ranges(
          "0.0.0.0/8", // "this network", with the unspecified 0.0.0.0
          "10.0.0.0/8", // private
          "100.64.0.0/10", // carrier-grade NAT
          "127.0.0.0/8", // loopback
          "169.254.0.0/16", // link-local, with cloud metadata 169.254.169.254
          "172.16.0.0/12", // private
          "192.0.0.0/24", // IETF protocol assignments
          "192.0.2.0/24", // documentation
          "192.88.99.0/24", // 6to4 relay anycast
          "192.168.0.0/16", // private
          "198.18.0.0/15", // benchmarking
          "198.51.100.0/24", // documentation
          "203.0.113.0/24", // documentation
          "224.0.0.0/4", // multicast
          "240.0.0.0/4"); // reserved, with the broadcast 255.255.255.255

  private static final AddressRange IPV6_GLOBAL = AddressRange.parse("2000::/3");
  private static final List<AddressRange> IPV6_GLOBAL_SPECIAL =
      ranges(
          "2001::/23", // IETF protocol assignments: Teredo, benchmarking, ORCHID
          "2001:db8::/32", // documentation
          "3fff::/20"); // documentation
  // outside 2000::/3, so refused unless the IPv4 address they carry is public
  private static final AddressRange IPV4_MAPPED = AddressRange.parse("::ffff:0:0/96");
  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

  private SpecialAddresses() {}

  /** Whether {@code address} is anything but a public unicast address. */
  static boolean contains(InetAddress address) {
    if (address instanceof Inet4Address) {
      return IPV4.stream().anyMatch(range -> range.contains(address));
    }
    byte[] bytes = address.getAddress();
    if (IPV4_MAPPED.contains(address) || NAT64.contains(address)) {
      return contains(ipv4(bytes, 12));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return contains(ipv4(bytes, 2));
    }
    // also the IPv4-compatible ::a.b.c.d, unspecified, loopback, unique-local fc00::/7,
    // link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8: all outside 2000::/3
    return !IPV6_GLOBAL.contains(address)
        || IPV6_GLOBAL_SPECIAL.stream().anyMatch(range -> range.contains(address));
  }

  private static InetAddress ipv4(byte[] bytes, int from) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  private static List<AddressRange> ranges(String... cidrs) {
    return Arrays.stream(cidrs).map(AddressRange::parse).toList();
  }
}
