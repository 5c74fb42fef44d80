package by.ocenka.platform;

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
}
