package by.ocenka.platform;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies whose word about the client is believed (forwarded headers, a forwarded client certificate):
 * {@code ocenka.security.trusted-proxies}, addresses or CIDR ranges. None by default: what a client claims in a header
 * is ignored unless the connection comes from one of these.
 */
@Component
public class TrustedProxies {

    private final List<InetAddressMatcher> proxies;

    TrustedProxies(@Value("${ocenka.security.trusted-proxies:}") List<String> proxies) {
        this.proxies = proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(InetAddressMatchers::fromIpAddress).toList();
    }

    /** Whether the connection's peer is a trusted proxy. */
    public boolean trusts(InetSocketAddress peer) {
        if (peer == null || peer.getAddress() == null || proxies.isEmpty()) {
            return false;
        }
        return proxies.stream().anyMatch(matcher -> matcher.matches(peer.getAddress()));
    }
}
