package by.ocenka.account.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.LuaScript;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Login attempts counted in Redis over a 15-minute window, shared by every instance: at most 5 per account from one
 * client address, 20 per address over all accounts, and 100 per account over all addresses; past any of them the
 * next attempt answers 429 with {@code Retry-After} until the window ends, whether the password is right or not
 * (else a guesser learns it). An attempt takes its place in one script before the password is checked, so parallel
 * guesses cannot slip past the count, and a success gives it back. Because the tight limit is per account and
 * address, a stranger failing on purpose locks only themself out of someone's account, not its owner; the wide one
 * slows guessing spread over many addresses.
 */
@Component
public class LoginThrottle {

    public static final int PER_ACCOUNT_AND_ADDRESS = 5;
    public static final int PER_ADDRESS = 20;
    public static final int PER_ACCOUNT = 100;
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** KEYS: the pair's, the address's, the account's counter; ARGV: their limits, the window in seconds. */
    private static final LuaScript ATTEMPT = new LuaScript("""
            local wait = 0
            for i = 1, 3 do
              local n = tonumber(redis.call('GET', KEYS[i]) or '0')
              if n >= tonumber(ARGV[i]) then
                local ttl = redis.call('TTL', KEYS[i])
                if ttl < 1 then ttl = tonumber(ARGV[4]) end
                if ttl > wait then wait = ttl end
              end
            end
            if wait > 0 then return wait end
            for i = 1, 3 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[4]) end
            end
            return 0""", ReturnType.INTEGER);

    /** A success: the pair starts afresh, the attempt is given back to the address and the account. */
    private static final LuaScript SUCCEEDED = new LuaScript("""
            redis.call('DEL', KEYS[1])
            for i = 2, 3 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            return 0""", ReturnType.INTEGER);

    /** An attempt given back whole: each counter one less. */
    private static final LuaScript UNDECIDED = new LuaScript("""
            for i = 1, 3 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            return 0""", ReturnType.INTEGER);

    private final ReactiveStringRedisTemplate redis;

    LoginThrottle(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Takes an attempt, or errors with 429 when a limit is spent. */
    public Mono<Void> attempt(String email, String address) {
        return ATTEMPT.<Long>run(redis, keys(email, address), List.of(String.valueOf(PER_ACCOUNT_AND_ADDRESS),
                        String.valueOf(PER_ADDRESS), String.valueOf(PER_ACCOUNT), String.valueOf(WINDOW.toSeconds())))
                .flatMap(seconds -> seconds > 0 ? Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login-throttled")
                        .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds))) : Mono.empty());
    }

    public Mono<Void> succeeded(String email, String address) {
        return SUCCEEDED.run(redis, keys(email, address), List.of()).then();
    }

    /** The attempt could not be judged (the database was unreachable): it does not count. */
    public Mono<Void> undecided(String email, String address) {
        return UNDECIDED.run(redis, keys(email, address), List.of()).then();
    }

    private static List<String> keys(String email, String address) {
        String account = email.strip().toLowerCase(Locale.ROOT);
        return List.of("login:fail:pair:" + account + "|" + address, "login:fail:address:" + address,
                "login:fail:account:" + account);
    }
}
