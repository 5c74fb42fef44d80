package by.ocenka.rating.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses fair play counts as one network (docs/FAIRPLAY.md). */
class FairPlayNetworksTest {

    @Test
    void aPublicIpv4NetworkIsItsSlash24AndAnIpv6OneItsSlash48() {
        assertThat(FairPlay.network("203.0.113.7")).isNotNull().isEqualTo(FairPlay.network("203.0.113.250"));
        assertThat(FairPlay.network("203.0.113.7")).isNotEqualTo(FairPlay.network("203.0.114.7"));
        assertThat(FairPlay.network("2001:db8:1234:1::1")).isNotNull().isEqualTo(FairPlay.network("2001:db8:1234:ffff::9"));
        assertThat(FairPlay.network("2001:db8:1234:1::1")).isNotEqualTo(FairPlay.network("2001:db8:1235:1::1"));
        // Behind a proxy an IPv6 client comes in brackets: the same network.
        assertThat(FairPlay.network("[2001:db8:1234:1::1]")).isEqualTo(FairPlay.network("2001:db8:1234:1::1"));
        assertThat(FairPlay.network("::ffff:203.0.113.7")).isEqualTo(FairPlay.network("203.0.113.9"));
        // Only a digest leaves the method, never the address.
        assertThat(FairPlay.network("203.0.113.7")).doesNotContain("203").hasSize(16);
    }

    @Test
    void loopbackPrivateAndUnknownAddressesAreNoNetwork() {
        for (String address : new String[] {"127.0.0.1", "::1", "10.1.2.3", "172.16.5.4", "192.168.1.20", "169.254.1.1",
                "fd00::1", "fe80::1", "[::1]", "unknown", "", null, "example.org", "cafe.bad", "1.2.3"}) {
            assertThat(FairPlay.network(address)).as(address).isNull();
        }
    }
}
