package by.ocenka.platform.security;

import java.util.Set;

import by.ocenka.platform.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} applied only when the connection comes from a
 * trusted proxy ({@link TrustedProxies}): then the request has the client's scheme, host and address (so cookies are
 * {@code Secure}, HSTS is sent and per-address limits count each client); from anyone else those headers, and the
 * proxy-only ones, are removed unread. Never applied, from anyone: {@code X-Forwarded-Prefix} (the portal is served at
 * the root, and a prefix would move the path that access rules and handlers match) and the standard {@code Forwarded}
 * (Spring would prefer it and take its leftmost entry, which a proxy that passes it on leaves to the client; the
 * proxies we document set the {@code X-} ones). Spring picks this transformer up by its bean name.
 */
@Component("forwardedHeaderTransformer")
class TrustedForwardedHeaders extends ForwardedHeaderTransformer {

    private static final String PREFIX = "X-Forwarded-Prefix";
    private static final String FORWARDED = "Forwarded";
    private static final String FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;
    private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

    TrustedForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
        remover.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        if (request.getHeaders().containsHeader(PREFIX) || request.getHeaders().containsHeader(FORWARDED)) {
            request = request.mutate().headers(headers -> {
                headers.remove(PREFIX);
                headers.remove(FORWARDED);
            }).build();
        }
        if (proxies.trusts(request.getRemoteAddress())) {
            return super.apply(nearestClient(request));
        }
        ServerHttpRequest stripped = remover.apply(request);
        Set<String> proxyOnly = proxies.proxyOnlyHeaders();
        // Every request passes here: a plain loop, no stream, for the usual case of none of these headers.
        for (String header : proxyOnly) {
            if (stripped.getHeaders().containsHeader(header)) {
                return stripped.mutate().headers(headers -> proxyOnly.forEach(headers::remove)).build();
            }
        }
        return stripped;
    }

    /**
     * {@code X-Forwarded-For} cut to the client the trusted proxies saw: a proxy that appends to the header a client sent
     * ({@code $proxy_add_x_forwarded_for}) leaves the client's own claims on the left, so the address taken is the
     * rightmost that is not one of the trusted proxies themselves (Spring would take the leftmost).
     */
    private ServerHttpRequest nearestClient(ServerHttpRequest request) {
        String forwarded = String.join(",", request.getHeaders().getOrEmpty(FOR));
        if (forwarded.indexOf(',') < 0) {
            return request;
        }
        String[] hops = forwarded.split(",");
        String client = hops[hops.length - 1].strip();
        for (int i = hops.length - 1; i >= 0; i--) {
            client = hops[i].strip();
            if (!proxies.trustsLiteral(client)) {
                break;
            }
        }
        String nearest = client;
        return request.mutate().headers(headers -> headers.set(FOR, nearest)).build();
    }
}
