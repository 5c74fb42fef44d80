package by.ocenka.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.FixedWindows;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A limit on every write (POST, PUT, PATCH, DELETE) per logged-in user and per client address, counted in Redis
 * so that all instances share it ({@link FixedWindows}): a write counts in both windows, or, when either is spent, in
 * neither. Over the limit: 429 with {@code Retry-After}. Runs after the security chain, so the user is known.
 */
@Component
class WriteRateLimit implements WebFilter {

    /**
     * @param perUser    writes per window by one user
     * @param perAddress writes per window from one client address (several citizens may share one)
     * @param window     the counting window
     */
    @ConfigurationProperties("ocenka.security.write-limit")
    record Settings(Integer perUser, Integer perAddress, Duration window) {
        Settings {
            perUser = perUser == null ? 60 : perUser;
            perAddress = perAddress == null ? 600 : perAddress;
            window = window == null ? Duration.ofMinutes(1) : window;
        }
    }

    private final FixedWindows windows;
    private final Settings settings;

    WriteRateLimit(FixedWindows windows, Settings settings) {
        this.windows = windows;
        this.settings = settings;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH && method != HttpMethod.DELETE) {
            return chain.filter(exchange);
        }
        String address = ClientAddress.client(exchange);
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(auth -> auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken))
                .map(Authentication::getName)
                .defaultIfEmpty("")
                .flatMap(user -> {
                    List<FixedWindows.Window> counted = new ArrayList<>(List.of(
                            new FixedWindows.Window("rate:address:" + address, settings.perAddress(), settings.window())));
                    if (!user.isEmpty()) {
                        counted.add(new FixedWindows.Window("rate:user:" + user, settings.perUser(), settings.window()));
                    }
                    return windows.take(counted);
                })
                .flatMap(wait -> {
                    if (!wait.isZero()) {
                        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                        return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited")
                                .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds)));
                    }
                    return chain.filter(exchange);
                });
    }
}
