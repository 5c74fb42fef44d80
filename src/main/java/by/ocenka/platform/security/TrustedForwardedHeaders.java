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
 * proxy-only ones, are removed unread. Spring picks this transformer up by its bean name.
 */
@Component("forwardedHeaderTransformer")
class TrustedForwardedHeaders extends ForwardedHeaderTransformer {

    private final TrustedProxies proxies;
    private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

    TrustedForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
        remover.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        if (proxies.trusts(request.getRemoteAddress())) {
            return super.apply(request);
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
}
