package by.ocenka.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies whose word about the client is believed (forwarded headers, a forwarded client certificate):
 * {@code ocenka.security.trusted-proxies}, addresses or CIDR ranges. None by default: what a client claims in a header
 * is ignored unless the connection comes from one of these. Requests from anyone else lose the forwarded headers and
 * the headers features declare proxy-only ({@link #onlyFromProxies}) before any handler sees them.
 */
@Component
public class TrustedProxies {

    private final List<InetAddressMatcher> proxies;
    private final Set<String> proxyOnly = ConcurrentHashMap.newKeySet();

    TrustedProxies(@Value("${ocenka.security.trusted-proxies:}") List<String> proxies) {
        this.proxies = proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(InetAddressMatchers::fromIpAddress).toList();
    }

    /** Declares a header that only a trusted proxy may send (say, a client certificate it verified). */
    public void onlyFromProxies(String header) {
        proxyOnly.add(header);
    }

    public Set<String> proxyOnlyHeaders() {
        return Collections.unmodifiableSet(proxyOnly);
    }

    /** Whether an address written out (an IP literal; never looked up) is one of the trusted proxies. */
    public boolean trustsLiteral(String address) {
        if (proxies.isEmpty()) {
            return false;
        }
        InetAddress parsed = IpLiterals.parse(address);
        return parsed != null && proxies.stream().anyMatch(matcher -> matcher.matches(parsed));
    }

    /** Whether the connection's peer is a trusted proxy. */
    public boolean trusts(InetSocketAddress peer) {
        if (peer == null || peer.getAddress() == null || proxies.isEmpty()) {
            return false;
        }
        return proxies.stream().anyMatch(matcher -> matcher.matches(peer.getAddress()));
    }
}
