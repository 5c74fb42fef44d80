package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import by.ocenka.catalog.Placement;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes an organisation's sort keys into its rankings (six scopes, two orders: twelve sorted sets) behind the rating
 * that changed them, coalesced: the keys of the ratings of a few milliseconds go out once per organisation, the latest
 * of them. A rating answers once its counters are applied ({@link Aggregates#apply}); its rankings follow within
 * {@link #DELAY}. A position is a view of the counters, and the re-rank of every reconcile interval scores every
 * organisation again from them, so a write lost here (Redis failing, the instance killed) is mended there.
 */
@Component
class RankingWriter {

    /** How long the first change waits for others to join it. */
    static final Duration DELAY = Duration.ofMillis(5);

    private static final Logger log = LoggerFactory.getLogger(RankingWriter.class);

    /** An organisation's newest sort keys: null takes it out of the rankings (it has no questionnaire left). */
    private record Keys(Placement placement, Double official, Double fair) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final Map<Long, Keys> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    RankingWriter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Queues an organisation's sort keys; what was queued for it before and not yet written is replaced. */
    void write(Placement placement, Double official, Double fair) {
        pending.put(placement.id(), new Keys(placement, official, fair));
        if (scheduled.compareAndSet(false, true)) {
            Schedulers.parallel().schedule(() -> flush().subscribe(), DELAY.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Writes what is queued when subscribed to (the commands go out together on the shared connection). */
    Mono<Void> flush() {
        return Mono.defer(() -> {
            scheduled.set(false); // a change queued from here on schedules the next flush
            List<Keys> batch = new ArrayList<>();
            for (Long id : pending.keySet()) {
                Keys keys = pending.remove(id);
                if (keys != null) {
                    batch.add(keys);
                }
            }
            return write(batch);
        });
    }

    private Mono<Void> write(List<Keys> batch) {
        return Flux.fromIterable(batch)
                .flatMap(keys -> {
                    String id = String.valueOf(keys.placement().id());
                    return Flux.concat(scores(RatingKeys.rankings(keys.placement()), id, keys.official()),
                                    scores(RatingKeys.fairRankings(keys.placement()), id, keys.fair()))
                            .then()
                            .onErrorResume(e -> {
                                log.warn("Rankings of organisation {} left to the next re-rank: {}", id, e.toString());
                                return Mono.empty();
                            });
                }, 64)
                .then();
    }

    private Flux<?> scores(List<String> rankings, String id, Double score) {
        return Flux.fromIterable(rankings).flatMap(ranking -> score != null ? redis.opsForZSet().add(ranking, id, score)
                : redis.opsForZSet().remove(ranking, id));
    }

    /**
     * What is queued at shutdown is sent, without waiting (as the questionnaire writer drains its queue): a write the
     * closing connection drops is mended by the next re-rank, like any lost one.
     */
    @PreDestroy
    void stop() {
        flush().subscribe();
    }
}
