package by.ocenka.platform.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The security headers of every answer, written once from constants (Spring Security's header writers, which this
 * replaces, rebuilt the header name sets on every request): a strict content security policy without inline scripts
 * or styles, no framing, no MIME sniffing, a referrer policy, and "do not store" unless the handler chose how its
 * answer may be cached. HSTS over HTTPS.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class SecurityHeaders implements WebFilter {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";
    private static final String HSTS = "max-age=31536000 ; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            write(response.getHeaders(), "https".equals(exchange.getRequest().getURI().getScheme()));
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static void write(HttpHeaders headers, boolean secure) {
        if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
            headers.set(HttpHeaders.PRAGMA, "no-cache");
            headers.set(HttpHeaders.EXPIRES, "0");
        }
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (secure) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}
