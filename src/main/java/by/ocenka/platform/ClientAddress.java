package by.ocenka.platform;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;

import org.springframework.web.server.ServerWebExchange;

/** The client's address as the server saw it (behind a trusted proxy, with its forwarded headers applied). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        // A forwarded client address comes unresolved (a host string, never looked up).
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /**
     * Who counts as one client for per-client limits (writes, logins, codes, streams, one poll answer or flag each): an
     * IPv4 address, or the /64 network of an IPv6 one. A single machine on IPv6 usually holds a whole /64 and can
     * speak from any address in it; counting each address would let it through every limit.
     */
    public static String client(ServerWebExchange exchange) {
        return client(of(exchange));
    }

    static String client(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        InetAddress parsed = IpLiterals.parse(address);
        if (parsed == null) {
            return address;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress(); // an IPv4-mapped address: the IPv4 one, counted as itself
        }
        String hex = HexFormat.of().formatHex(parsed.getAddress(), 0, 8);
        return hex.substring(0, 4) + ":" + hex.substring(4, 8) + ":" + hex.substring(8, 12) + ":" + hex.substring(12, 16)
                + "::/64";
    }
}
