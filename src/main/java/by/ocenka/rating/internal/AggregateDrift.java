package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds the running aggregates (Redis) that drifted from PostgreSQL and repairs them. A questionnaire committed
 * whose aggregate update never ran (the instance died between the two, Redis failed just then) leaves its
 * organisation's count short; the reconciler hands over PostgreSQL's counts ({@code org_day}), this compares them
 * with Redis, looks again after a pause at what differs (questionnaires being applied right now differ for a few
 * milliseconds), and rebuilds the aggregates from PostgreSQL when a difference stays. Counted in
 * {@code ocenka.aggregates.drift} (organisations found drifted).
 */
@Component
class AggregateDrift {

    private static final Logger log = LoggerFactory.getLogger(AggregateDrift.class);
    private static final int CHUNK = 1000;
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final Aggregates aggregates;
    private final FiguresRepository figures;
    private final AggregateRebuilder rebuilder;
    private final Counter drifted;

    AggregateDrift(Aggregates aggregates, FiguresRepository figures, AggregateRebuilder rebuilder, MeterRegistry meters) {
        this.aggregates = aggregates;
        this.figures = figures;
        this.rebuilder = rebuilder;
        this.drifted = Counter.builder("ocenka.aggregates.drift")
                .description("Organisations whose running aggregate was found to differ from PostgreSQL").register(meters);
    }

    /** Checks these organisations' aggregates against PostgreSQL's; answers how many drifted (and were repaired). */
    Mono<Integer> check(List<FiguresRepository.Truth> truth) {
        return differing(truth).flatMap(suspects -> suspects.isEmpty() ? Mono.just(0)
                : Mono.delay(SETTLE).then(figures.truthOf(suspects).collectList())
                .flatMap(again -> differing(withZeros(suspects, again)))
                .flatMap(still -> still.isEmpty() ? Mono.just(0) : repair(still)));
    }

    private Mono<Integer> repair(List<Long> organizations) {
        drifted.increment(organizations.size());
        log.warn("Aggregates differ from PostgreSQL for {} organisations (such as {}): rebuilding them from PostgreSQL",
                organizations.size(), organizations.subList(0, Math.min(5, organizations.size())));
        return rebuilder.rebuild().thenReturn(organizations.size());
    }

    /** The organisations whose Redis count or sum differs from PostgreSQL's. */
    private Mono<List<Long>> differing(List<FiguresRepository.Truth> truth) {
        Map<Long, FiguresRepository.Truth> byId = truth.stream()
                .collect(Collectors.toMap(FiguresRepository.Truth::organizationId, Function.identity(), (a, b) -> a));
        List<Long> ids = new ArrayList<>(byId.keySet());
        return Flux.range(0, (ids.size() + CHUNK - 1) / CHUNK)
                .concatMap(i -> aggregates.totals(ids.subList(i * CHUNK, Math.min(ids.size(), (i + 1) * CHUNK))))
                .flatMapIterable(Map::entrySet)
                .filter(e -> {
                    FiguresRepository.Truth t = byId.get(e.getKey());
                    Aggregates.Totals redis = e.getValue();
                    return redis.n() != t.n() || redis.sum() != t.sumMicro();
                })
                .map(Map.Entry::getKey)
                .collectList();
    }

    /** Suspects PostgreSQL now has nothing for count as zero (their questionnaires were hidden meanwhile). */
    private static List<FiguresRepository.Truth> withZeros(List<Long> suspects, List<FiguresRepository.Truth> found) {
        Map<Long, FiguresRepository.Truth> byId = found.stream()
                .collect(Collectors.toMap(FiguresRepository.Truth::organizationId, Function.identity()));
        return suspects.stream().map(id -> byId.getOrDefault(id, new FiguresRepository.Truth(id, 0, 0, 0))).toList();
    }
}
