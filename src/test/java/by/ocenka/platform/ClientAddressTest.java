package by.ocenka.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-client limits count an IPv4 address as one client and a whole IPv6 /64 as one (a machine holds all of it). */
class ClientAddressTest {

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertThat(ClientAddress.client("2001:db8:1:2::a")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientAddress.client("[2001:db8:1:2:ffff:ffff:ffff:ffff]")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(ClientAddress.client("2001:db8:1:3::a")).isNotEqualTo(ClientAddress.client("2001:db8:1:2::a"));
    }

    @Test
    void anIpv4ClientIsItsAddressAndNothingIsLookedUp() {
        assertThat(ClientAddress.client("203.0.113.7")).isEqualTo("203.0.113.7");
        // An IPv4-mapped IPv6 address is the IPv4 client it maps: the same one, whichever way it connects.
        assertThat(ClientAddress.client("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.client("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.client("example.by")).isEqualTo("example.by");
    }

    /**
     * Only a literal reaches the JDK's parser, which would look anything else up (a blocking DNS query): text that
     * merely has a colon, or begins with a dot, is not an address.
     */
    @Test
    void textThatIsNoLiteralIsNeverParsed() {
        for (String text : new String[] {".1:2", "a.b:c", "localhost:80", "example.by", ":.", "1.2.3.4.5", "999.1.1.1", "256.0.0.1", "1.2.3.300",
                "[.1:2]", "fe80::1%eth0"}) {
            assertThat(IpLiterals.parse(text)).as(text).isNull();
            assertThat(ClientAddress.client(text)).as(text).isEqualTo(text);
        }
        assertThat(IpLiterals.parse("[2001:db8::1]")).isNotNull();
        assertThat(IpLiterals.parse("203.0.113.7")).isNotNull();
    }
}
