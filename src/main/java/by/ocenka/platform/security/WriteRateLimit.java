package by.ocenka.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import by.ocenka.platform.LuaScript;
import org.springframework.data.redis.connection.ReturnType;
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
 * so that all instances share it: one script call per write counts both and answers how long to wait when either
 * is over. Over the limit: 429 with {@code Retry-After}. Runs after the security chain, so the user is known.
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

    private static final LuaScript COUNT = new LuaScript("""
            local wait = 0
            for i, key in ipairs(KEYS) do
              local n = redis.call('INCR', key)
              if n == 1 then redis.call('PEXPIRE', key, ARGV[3]) end
              if n > tonumber(ARGV[i]) then wait = math.max(wait, redis.call('PTTL', key)) end
            end
            return wait""", ReturnType.INTEGER);

    private final ReactiveStringRedisTemplate redis;
    private final Settings settings;

    WriteRateLimit(ReactiveStringRedisTemplate redis, Settings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH && method != HttpMethod.DELETE) {
            return chain.filter(exchange);
        }
        String address = ClientAddress.of(exchange);
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(auth -> auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken))
                .map(Authentication::getName)
                .defaultIfEmpty("")
                .flatMap(user -> {
                    List<String> keys = new ArrayList<>(List.of("rate:address:" + address));
                    List<String> args = new ArrayList<>(List.of(String.valueOf(settings.perAddress())));
                    if (!user.isEmpty()) {
                        keys.add("rate:user:" + user);
                        args.add(String.valueOf(settings.perUser()));
                    } else {
                        args.add("0");
                    }
                    args.add(String.valueOf(settings.window().toMillis()));
                    return COUNT.<Long>run(redis, keys, args);
                })
                .flatMap(waitMillis -> {
                    if (waitMillis > 0) {
                        long seconds = Math.max(1, (waitMillis + 999) / 1000);
                        return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited")
                                .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds)));
                    }
                    return chain.filter(exchange);
                });
    }
}
