package by.ocenka.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counters over fixed time windows in Redis, shared by every instance: the write limit's and the login throttle's.
 * Each call touches one key, so that an address's and a user's counters may live on different nodes of a Redis
 * Cluster. Taking from several windows is all or nothing: when one of them is spent, what was taken from the others
 * is given back, so a refused request counts nowhere. Concurrent takes never pass a limit (each is one script).
 */
@Component
public class FixedWindows {

    /** One counter: its key, how many it allows per window, and the window's length. */
    public record Window(String key, long limit, Duration length) {
    }

    /** KEYS[1]: the counter. ARGV: its limit, the window in ms. Answers 0 (taken) or the ms until the window ends. */
    private static final LuaScript TAKE = new LuaScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
              local wait = redis.call('PTTL', KEYS[1])
              if wait < 1 then wait = tonumber(ARGV[2]) end
              return wait
            end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""", ReturnType.INTEGER);

    private static final LuaScript GIVE_BACK = new LuaScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
            return 0""", ReturnType.INTEGER);

    /** A counter that could not be reached: above any wait, so that the others are given back. */
    private static final long UNREACHABLE = Long.MAX_VALUE;

    private final ReactiveStringRedisTemplate redis;

    FixedWindows(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Takes one from every window, or from none: answers zero when taken, else how long until the last of the spent
     * windows ends. When a counter cannot be reached (its node failing over), what was taken from the others is given
     * back before the error goes on: a refused or failed request counts nowhere.
     */
    public Mono<Duration> take(List<Window> windows) {
        return Mono.defer(() -> takeEach(windows, new CopyOnWriteArrayList<>()));
    }

    private Mono<Duration> takeEach(List<Window> windows, List<Throwable> failures) {
        return Flux.fromIterable(windows)
                .flatMapSequential(w -> TAKE.<Long>run(redis, List.of(w.key()),
                                List.of(String.valueOf(w.limit()), String.valueOf(w.length().toMillis())))
                        .onErrorResume(e -> {
                            failures.add(e);
                            return Mono.just(UNREACHABLE);
                        }))
                .collectList()
                .flatMap(waits -> {
                    long longest = waits.stream().mapToLong(Long::longValue).max().orElse(0);
                    if (longest == 0) {
                        return Mono.just(Duration.ZERO);
                    }
                    Mono<Void> giveBack = Flux.range(0, windows.size())
                            .filter(i -> waits.get(i) == 0)
                            .flatMap(i -> giveBack(windows.get(i).key()).onErrorResume(e -> Mono.empty()))
                            .then();
                    return failures.isEmpty() ? giveBack.then(Mono.just(Duration.ofMillis(longest)))
                            : giveBack.then(Mono.error(failures.get(0)));
                });
    }

    /** One back to a window (never below zero): an attempt that should not count after all. */
    public Mono<Void> giveBack(String key) {
        return GIVE_BACK.run(redis, List.of(key), List.of()).then();
    }

    /** Starts a window afresh. */
    public Mono<Void> reset(String key) {
        return EventLoops.back(redis.delete(key)).then();
    }
}
