package io.streamingcoordinator.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a plain address
 * is a block of one. Parsed without any name lookup: only IP literals are accepted.
 */
record AddressRange(InetAddress network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  AddressRange {
    if (prefix < 0 || prefix > bits(network)) {
      throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + network);
    }
  }

  /** The block of just {@code address}. */
  static AddressRange of(InetAddress address) {
    return new AddressRange(address, bits(address));
  }

  /**
   * @throws IllegalArgumentException if {@code cidr} is not an IP literal with an optional prefix
   */
  static AddressRange parse(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    InetAddress network = literal(address);
    if (network == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + cidr);
    }
    if (network instanceof Inet4Address && address.contains(":")) {
      network = mapped(network); // the JDK reads ::ffff:a.b.c.d as IPv4; a range needs all 128 bits
    }
    try {
      return new AddressRange(
          network, slash < 0 ? bits(network) : Integer.parseInt(cidr.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR prefix length: " + cidr, e);
    }
  }

  /** The address {@code text} spells as an IP literal (IPv6 with or without brackets), or null. */
  static InetAddress literal(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      if (IPV4.matcher(bare).matches()) {
        String[] parts = bare.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) {
            return null;
          }
          bytes[i] = (byte) part;
        }
        return InetAddress.getByAddress(bytes);
      }
      // a text with a colon is parsed as an IPv6 literal, never looked up
      return IPV6.matcher(bare).matches() ? InetAddress.getByName(bare) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress mapped(InetAddress ipv4) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
    try {
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] block = network.getAddress();
    if (candidate.length != block.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != block[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || (candidate[whole] & mask) == (block[whole] & mask);
  }

  private static int bits(InetAddress address) {
    return address instanceof Inet4Address ? 32 : 128;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
