package by.ocenka.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Requests that read a subtree's whole history or print hundreds of pages (exports, poster sets): each user has at most
 * {@value #PER_USER} of them running at a time, on any instance (a counter in Redis, given back when the answer ends
 * however it ends, and forgotten after {@link #LONGEST} should an instance die holding it). A third: 429.
 */
@Component
public class HeavyRequests {

    static final int PER_USER = 2;
    static final Duration LONGEST = Duration.ofMinutes(15);

    private final ReactiveStringRedisTemplate redis;

    HeavyRequests(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Takes a place when one is free (1) or not (0); the counter lives {@code LONGEST} from the last place taken, so it
     * never expires under places still held (and is forgotten that long after an instance died holding one).
     */
    private static final LuaScript TAKE = new LuaScript("""
            local running = redis.call('INCR', KEYS[1])
            if running > tonumber(ARGV[2]) then redis.call('DECR', KEYS[1]) return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1""", ReturnType.INTEGER);
    /** Gives a place back, never below none (the counter may have expired under a long answer). */
    private static final LuaScript GIVE_BACK = new LuaScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
            return 1""", ReturnType.INTEGER);

    /**
     * A place for one of the user's heavy requests, or 429 {@code too-many-heavy-requests}; the answer gives it back
     * (once, whatever calls it) when its body ends however it ends.
     */
    public Mono<Runnable> acquire(long userId) {
        List<String> key = List.of("heavy:user:" + userId);
        return TAKE.<Long>run(redis, key, List.of(String.valueOf(LONGEST.toMillis()), String.valueOf(PER_USER)))
                .flatMap(taken -> {
                    if (taken == 0) {
                        return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-heavy-requests")
                                .header("Retry-After", "10"));
                    }
                    AtomicBoolean given = new AtomicBoolean();
                    Runnable release = () -> {
                        if (given.compareAndSet(false, true)) {
                            GIVE_BACK.run(redis, key, List.of()).onErrorResume(e -> Mono.empty()).subscribe();
                        }
                    };
                    return Mono.just(release);
                });
    }

    /** The body of a heavy answer, holding its place until it ends. */
    public static <T> Flux<T> holding(Runnable place, Flux<T> body) {
        return body.doFinally(signal -> place.run());
    }
}
