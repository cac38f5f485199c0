package io.streamingcoordinator.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound address policy, without any network: names resolve through a table, addresses are IP
 * literals (public ones only as data, never connected to).
 */
class AddressPolicyTest {

  static final Map<String, List<String>> DNS =
      Map.of(
          "public.example", List.of("93.184.216.34", "2606:4700::1"),
          "rebind.example", List.of("93.184.216.34", "10.0.0.1"),
          "metadata.example", List.of("169.254.169.254"),
          "localhost", List.of("127.0.0.1", "::1"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "10.0.0.1",
        "10.255.255.255",
        "100.64.0.1",
        "100.127.255.255",
        "127.0.0.1",
        "127.255.255.254",
        "169.254.169.254",
        "169.254.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.0.0.8",
        "192.0.2.1",
        "192.88.99.1",
        "192.168.0.1",
        "192.168.255.255",
        "198.18.0.1",
        "198.19.255.255",
        "198.51.100.7",
        "203.0.113.9",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255"
      })
  void specialIpv4AddressesAreRefused(String address) {
    assertTrue(SpecialAddresses.contains(ip(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "9.255.255.255",
        "11.0.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "126.255.255.255",
        "128.0.0.1",
        "169.253.255.255",
        "169.255.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "192.167.255.255",
        "192.169.0.1",
        "198.17.255.255",
        "198.20.0.1",
        "223.255.255.255"
      })
  void publicIpv4AddressesAreAllowed(String address) {
    assertFalse(SpecialAddresses.contains(ip(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::",
        "::1",
        "fc00::1",
        "fd00::1",
        "fdff:ffff::1",
        "fe80::1",
        "febf::1",
        "fec0::1",
        "ff02::1",
        "ff05::1:3",
        "100::1",
        "::127.0.0.1",
        "::8.8.8.8",
        "64:ff9b::a00:1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::1",
        "2002:a00:1::",
        "2002:7f00:1::1",
        "2002:a9fe:a9fe::",
        "2001::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:2::1",
        "2001:db8::1",
        "3fff::1",
        "4000::1",
        "e000::1"
      })
  void specialIpv6AddressesAreRefused(String address) {
    assertTrue(SpecialAddresses.contains(ip(address)), address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2606:4700::1",
        "2a00:1450:4001::1",
        "2001:4860:4860::8888",
        "64:ff9b::5db8:d822",
        "2002:5db8:d822::1",
        "3ffe::1"
      })
  void publicIpv6AddressesAreAllowed(String address) {
    assertFalse(SpecialAddresses.contains(ip(address)), address);
  }

  @Test
  void anIpv4MappedAddressIsJudgedByItsIpv4Address() throws UnknownHostException {
    // the JDK turns ::ffff:a.b.c.d into IPv4 when it parses; raw IPv6 bytes must be judged alike
    assertTrue(SpecialAddresses.contains(mapped(10, 0, 0, 1)));
    assertTrue(SpecialAddresses.contains(mapped(127, 0, 0, 1)));
    assertTrue(SpecialAddresses.contains(mapped(169, 254, 169, 254)));
    assertFalse(SpecialAddresses.contains(mapped(93, 184, 216, 34)));
    assertTrue(SpecialAddresses.contains(ip("::ffff:192.168.1.1")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[fd00::1]/",
        "http://[::1]:4848/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://0.0.0.0:8080/",
        "https://localhost/",
        "http://LOCALHOST./",
        "http://metadata.example/",
        "http://rebind.example/"
      })
  void urlsLeadingInsideAreRefusedByDefault(String url) {
    OutboundRefusedException refused =
        assertThrows(OutboundRefusedException.class, () -> policy("").check(URI.create(url)));
    assertTrue(refused.getMessage().contains("refused by the outbound address policy"));
    assertTrue(refused.getMessage().contains("streaming.http.allowed-hosts"));
  }

  @Test
  void aRefusalNamesTheUrlButNotTheAddressesBehindIt() {
    OutboundRefusedException refused =
        assertThrows(
            OutboundRefusedException.class,
            () -> policy("").check(URI.create("http://rebind.example/x")));
    assertTrue(refused.getMessage().startsWith("GET http://rebind.example/x was refused"));
    assertFalse(refused.getMessage().contains("10.0.0.1"), refused.getMessage());
    assertFalse(refused.getMessage().contains("93.184"), refused.getMessage());
  }

  @Test
  void aPublicUrlGoesToExactlyTheAddressesChecked() throws IOException {
    Destination destination = policy("").check(URI.create("https://public.example/a?b=c#d"));
    assertEquals(List.of(ip("93.184.216.34"), ip("2606:4700::1")), destination.addresses());
    assertEquals(443, destination.port());
    assertTrue(destination.tls());
    assertEquals("/a?b=c", destination.target());
    assertEquals("public.example", destination.hostHeader());
    assertEquals(
        "[2606:4700::1]:8443",
        policy("").check(URI.create("http://[2606:4700::1]:8443")).hostHeader());
  }

  @Test
  void thisMachinesOwnAddressesAreRefused() {
    AddressPolicy policy =
        new AddressPolicy(
            AllowedHosts.none(), AddressPolicyTest::resolve, ip("93.184.216.34")::equals);
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://93.184.216.34/")));
  }

  @Test
  void anAllowedAddressWithAPortIsAllowedOnThatPortOnly() throws IOException {
    AddressPolicy policy = policy("127.0.0.1:8080");
    policy.check(URI.create("http://127.0.0.1:8080/"));
    // localhost resolves to 127.0.0.1 and ::1 here: ::1 is not allowed, so neither is the name
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://localhost:8080/")));
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://127.0.0.1:8081/")));
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://127.0.0.1/")));
  }

  @Test
  void anAllowedHostNameIsAllowedWhateverItResolvesTo() throws IOException {
    AddressPolicy anyPort = policy("LocalHost");
    anyPort.check(URI.create("http://localhost:8080/"));
    anyPort.check(URI.create("https://localhost./"));
    // the name is allowed, not its addresses
    assertThrows(
        OutboundRefusedException.class, () -> anyPort.check(URI.create("http://127.0.0.1/")));

    AddressPolicy onePort = policy("localhost:8443, metadata.example:80");
    onePort.check(URI.create("https://localhost:8443/"));
    onePort.check(URI.create("http://metadata.example/"));
    assertThrows(
        OutboundRefusedException.class, () -> onePort.check(URI.create("https://localhost/")));
  }

  @Test
  void anAllowedRangeAllowsEachAddressInItOnAnyPort() throws IOException {
    AddressPolicy policy = policy("10.1.0.0/16,fd00::/8,[fe80::1]:8080,::1");
    policy.check(URI.create("http://10.1.2.3/"));
    policy.check(URI.create("http://10.1.255.255:9000/"));
    policy.check(URI.create("http://[fd12:3456::1]:81/"));
    policy.check(URI.create("http://[fe80::1]:8080/"));
    policy.check(URI.create("http://[::1]:5/"));
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://10.2.0.1/")));
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://[fe80::1]:8081/")));
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://[fc00::1]/")));
    // every address of a name must pass: 10.0.0.1 is outside the range
    assertThrows(
        OutboundRefusedException.class, () -> policy.check(URI.create("http://rebind.example/")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*.example.com",
        "10.0.0.0/33",
        "host:0",
        "host:65536",
        "host:abc",
        "[fd00::1]x",
        "exa mple",
        "10.0.0.256/8",
        "http://host"
      })
  void aMalformedEntryIsRefusedNamingTheKey(String entry) {
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class, () -> AllowedHosts.parse("ok.example," + entry));
    assertTrue(
        wrong.getMessage().startsWith("streaming.http.allowed-hosts: '"), wrong.getMessage());
  }

  @Test
  void anEmptyListAllowsNothingBesidesPublicAddresses() {
    assertTrue(AllowedHosts.parse("").isEmpty());
    assertTrue(AllowedHosts.parse(" , ").isEmpty());
  }

  @Test
  void onlyHttpUrlsWithAHostAreFetched() {
    IOException ftp =
        assertThrows(
            IOException.class, () -> policy("").check(URI.create("ftp://public.example/")));
    assertFalse(ftp instanceof OutboundRefusedException);
    assertThrows(IOException.class, () -> policy("").check(URI.create("http:///x")));
  }

  @Test
  void aRedirectLeadsToItsLocationResolvedAgainstTheUrl() throws IOException {
    URI from = URI.create("http://public.example/a/b?q=1");
    assertEquals(URI.create("http://public.example/a/c"), next(from, 302, "c"));
    assertEquals(URI.create("http://public.example/x"), next(from, 301, "/x#frag"));
    assertEquals(URI.create("http://other.example/y"), next(from, 307, "//other.example/y"));
    assertEquals(URI.create("http://10.0.0.1/"), next(from, 308, "http://10.0.0.1/"));
    assertEquals(
        URI.create("http://public.example/"), next(URI.create("http://public.example"), 303, "/"));
  }

  @Test
  void onlyRedirectStatusesWithALocationAreFollowed() {
    for (int status : List.of(301, 302, 303, 307, 308)) {
      assertTrue(Redirects.isRedirect(answer(status, "/x")), "" + status);
      assertFalse(Redirects.isRedirect(answer(status, null)), "" + status);
    }
    for (int status : List.of(200, 300, 304, 305, 404)) {
      assertFalse(Redirects.isRedirect(answer(status, "/x")), "" + status);
    }
  }

  @Test
  void aRedirectToAnotherSchemeOrPastTheLastHopIsNotFollowed() {
    URI from = URI.create("http://public.example/");
    assertThrows(IOException.class, () -> next(from, 302, "file:///etc/passwd"));
    assertThrows(IOException.class, () -> next(from, 302, "ftp://public.example/"));
    assertThrows(IOException.class, () -> next(from, 302, "javascript:alert(1)"));
    assertThrows(IOException.class, () -> next(from, 302, "http://bad host/"));
    IOException tooMany =
        assertThrows(
            IOException.class,
            () -> Redirects.next(from, answer(302, "/x"), Redirects.MAX_HOPS + 1));
    assertTrue(tooMany.getMessage().contains("more than 5 redirects"));
  }

  @Test
  void eachRedirectIsCheckedAgainstThePolicyLikeTheFirstUrl() throws IOException {
    AddressPolicy policy = policy("127.0.0.1:8080");
    URI first = URI.create("http://127.0.0.1:8080/redirect");
    policy.check(first);
    for (String location :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:8081/",
            "http://localhost:8080/",
            "http://[::ffff:10.0.0.1]/",
            "//rebind.example/")) {
      URI next = next(first, 302, location);
      assertThrows(OutboundRefusedException.class, () -> policy.check(next), location);
    }
    policy.check(next(first, 302, "/elsewhere"));
    policy.check(next(first, 302, "https://public.example/"));
  }

  private static URI next(URI from, int status, String location) throws IOException {
    return Redirects.next(from, answer(status, location), 1);
  }

  private static Answer answer(int status, String location) {
    return new Answer(status, "", location, null, 0);
  }

  private static AddressPolicy policy(String allowed) {
    return new AddressPolicy(
        AllowedHosts.parse(allowed), AddressPolicyTest::resolve, address -> false);
  }

  /** Literals as the JDK reads them; names from the table, never from DNS. */
  private static InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress literal = AddressRange.literal(host);
    if (literal != null) {
      return new InetAddress[] {literal};
    }
    List<String> addresses = DNS.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses.stream().map(AddressPolicyTest::ip).toArray(InetAddress[]::new);
  }

  private static InetAddress ip(String literal) {
    InetAddress address = AddressRange.literal(literal);
    assertFalse(address == null, literal);
    return address;
  }

  private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) a, (byte) b, (byte) c, (byte) d};
    InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
    assertTrue(address instanceof Inet6Address);
    return address;
  }

  @Test
  void textThatIsNoIpLiteralIsNeverLookedUp() {
    assertNull(AddressRange.literal("localhost"));
    assertNull(AddressRange.literal("256.0.0.1"));
    assertNull(AddressRange.literal("0x7f.0.0.1"));
    assertNull(AddressRange.literal("2130706433"));
  }
}
