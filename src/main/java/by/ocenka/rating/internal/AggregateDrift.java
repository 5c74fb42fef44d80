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

    /**
     * Checks these organisations' aggregates against PostgreSQL's; answers how many drifted (and were repaired). When
     * they agree, the country's totals are checked against their sum too ({@link #checkCountry}).
     */
    Mono<Integer> check(List<FiguresRepository.Truth> truth) {
        return differing(truth).flatMap(suspects -> suspects.isEmpty() ? checkCountry(truth).thenReturn(0)
                : Mono.delay(SETTLE).then(figures.truthOf(suspects).collectList())
                .flatMap(again -> differing(withZeros(suspects, again)))
                .flatMap(still -> still.isEmpty() ? Mono.just(0) : repair(still)));
    }

    /**
     * The country's totals follow the ratings behind their answers ({@link CountryTotals}): a write lost there (Redis
     * failing, an instance killed within its 5 ms) would stay. When they differ from PostgreSQL's sum, and still do a
     * moment later (ratings in flight settle), they are written from it; what is in flight then moves them by a few
     * questionnaires at most, and the next check mends that too.
     */
    Mono<Void> checkCountry(List<FiguresRepository.Truth> truth) {
        return aggregates.writeQueued().then(aggregates.global()).flatMap(global -> same(global, truth) ? Mono.<Void>empty()
                : Mono.delay(SETTLE).then(Mono.zip(figures.truth().collectList(), aggregates.global()))
                .flatMap(t -> same(t.getT2(), t.getT1()) ? Mono.<Void>empty() : aggregates.writeCountry(sum(t.getT1()))
                        .doOnSuccess(written -> log.warn("The country's totals differed from PostgreSQL's ({} against {} "
                                + "questionnaires): written from it", t.getT2().n(), sum(t.getT1()).n()))));
    }

    private static boolean same(Aggregates.Totals global, List<FiguresRepository.Truth> truth) {
        Aggregates.Totals sum = sum(truth);
        return global.n() == sum.n() && global.sum() == sum.sum() && global.sat() == sum.sat();
    }

    private static Aggregates.Totals sum(List<FiguresRepository.Truth> truth) {
        long n = 0;
        long sum = 0;
        long sat = 0;
        for (FiguresRepository.Truth t : truth) {
            n += t.n();
            sum += t.sumMicro();
            sat += t.satisfied();
        }
        return new Aggregates.Totals(n, sum, sat);
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
