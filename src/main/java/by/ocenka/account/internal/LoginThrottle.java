package by.ocenka.account.internal;

import java.time.Duration;
import java.util.Locale;

import by.ocenka.platform.ApiException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Failed logins counted in Redis per account and per client address over a 15-minute window: past 5 for an
 * account or 20 for an address, further attempts answer 429 with {@code Retry-After} until the window ends,
 * whether the password is right or not (else a guesser learns it). Shared by every instance.
 */
@Component
public class LoginThrottle {

    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final ReactiveStringRedisTemplate redis;

    LoginThrottle(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Errors with 429 when either counter is spent. */
    public Mono<Void> check(String email, String address) {
        return Mono.zip(blockedFor(accountKey(email), PER_ACCOUNT), blockedFor(addressKey(address), PER_ADDRESS))
                .flatMap(t -> {
                    long seconds = Math.max(t.getT1(), t.getT2());
                    return seconds > 0 ? Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login-throttled")
                            .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds))) : Mono.empty();
                });
    }

    public Mono<Void> failed(String email, String address) {
        return count(accountKey(email)).then(count(addressKey(address)));
    }

    public Mono<Void> succeeded(String email) {
        return redis.delete(accountKey(email)).then();
    }

    /** Seconds until the key's window ends when its count reached the limit, else 0. */
    private Mono<Long> blockedFor(String key, int limit) {
        return redis.opsForValue().get(key).map(Long::parseLong).defaultIfEmpty(0L)
                .flatMap(count -> count < limit ? Mono.just(0L)
                        : redis.getExpire(key).map(ttl -> Math.max(1, ttl.toSeconds())).defaultIfEmpty(WINDOW.toSeconds()));
    }

    private Mono<Void> count(String key) {
        return redis.opsForValue().increment(key)
                .flatMap(n -> n == 1 ? redis.expire(key, WINDOW).then() : Mono.empty());
    }

    private static String accountKey(String email) {
        return "login:fail:account:" + email.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "login:fail:address:" + address;
    }
}
