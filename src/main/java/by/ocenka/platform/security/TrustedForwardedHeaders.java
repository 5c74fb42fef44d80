package by.ocenka.platform.security;

import java.util.Set;

import by.ocenka.platform.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} applied only when the connection comes from a trusted proxy
 * ({@link TrustedProxies}): then the request has the client's scheme, host and address (so cookies are
 * {@code Secure}, HSTS is sent and per-address limits count each client); from anyone else those headers, and the
 * proxy-only ones, are removed unread. {@code X-Forwarded-Prefix} is never applied, from anyone: the portal is served at
 * the root, and a prefix would move the path that access rules and handlers match. Spring picks this transformer up
 * by its bean name.
 */
@Component("forwardedHeaderTransformer")
class TrustedForwardedHeaders extends ForwardedHeaderTransformer {

    private static final String PREFIX = "X-Forwarded-Prefix";
    private static final String FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;
    private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

    TrustedForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
        remover.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        if (request.getHeaders().containsHeader(PREFIX)) {
            request = request.mutate().headers(headers -> headers.remove(PREFIX)).build();
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
