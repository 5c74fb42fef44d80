package by.ocenka.platform.security;

import java.time.Duration;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.FixedWindows;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The GETs that start a session for an anonymous visitor (social login's start, which keeps the authorisation request
 * and the page to come back to in a session) are limited per client like writes: {@value #PER_WINDOW} per 15 minutes,
 * so that nobody fills Redis with sessions by following a link in a loop. Before the security chain, whose filter
 * answers the provider's redirect itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class SessionStartLimit implements WebFilter {

    static final int PER_WINDOW = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final List<PathPattern> STARTS = List.of(
            PathPatternParser.defaultInstance.parse("/oauth2/authorization/{provider}"),
            PathPatternParser.defaultInstance.parse("/login/social/{provider}"));

    private final FixedWindows windows;

    SessionStartLimit(FixedWindows windows) {
        this.windows = windows;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (STARTS.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        String client = ClientAddress.client(exchange);
        return windows.take(List.of(new FixedWindows.Window("rate:session-start:" + client, PER_WINDOW, WINDOW)))
                .flatMap(wait -> {
                    if (wait.isZero()) {
                        return chain.filter(exchange);
                    }
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited")
                            .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds)));
                });
    }
}
