package by.ocenka.platform;

import java.time.Duration;

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
     * A place for one of the user's heavy requests, or 429 {@code too-many-heavy-requests}; the answer gives it back
     * (once, whatever calls it) when its body ends however it ends.
     */
    public Mono<Runnable> acquire(long userId) {
        String key = "heavy:user:" + userId;
        Mono<Void> giveBack = redis.opsForValue().decrement(key).then().onErrorResume(e -> Mono.empty());
        return redis.opsForValue().increment(key)
                .flatMap(running -> redis.expire(key, LONGEST).thenReturn(running))
                .flatMap(running -> {
                    if (running > PER_USER) {
                        return giveBack.then(Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                                "too-many-heavy-requests").header("Retry-After", "10")));
                    }
                    java.util.concurrent.atomic.AtomicBoolean given = new java.util.concurrent.atomic.AtomicBoolean();
                    Runnable release = () -> {
                        if (given.compareAndSet(false, true)) {
                            giveBack.subscribe();
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
