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
        assertThat(ClientAddress.client("::ffff:203.0.113.7")).isEqualTo("::ffff:203.0.113.7");
        assertThat(ClientAddress.client("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.client("example.by")).isEqualTo("example.by");
    }
}
