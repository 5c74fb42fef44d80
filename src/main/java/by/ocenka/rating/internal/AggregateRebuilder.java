package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import by.ocenka.catalog.OrganizationMoved;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.rating.RatingRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recomputes every aggregate and ranking in Redis from PostgreSQL, the truth: when Redis comes up empty (start-up,
 * a flush, a failover), after the demo data is loaded, and on demand. Submissions arriving while it runs may be
 * applied twice or not at all; the reconciler notices (its recount differs) and rebuilds again.
 */
@Component
public class AggregateRebuilder {

    private static final Logger log = LoggerFactory.getLogger(AggregateRebuilder.class);

    /** The figures the rebuild computed per organisation: n, sum and sat. */
    public record Rebuilt(Map<Long, Aggregates.Totals> totals) {
    }

    private final Aggregates aggregates;
    private final FiguresRepository repository;
    private final Organizations organizations;
    private final RatingProperties properties;
    private final Counter rebuilds;
    private final ApplicationEventPublisher changes;
    private final AtomicReference<Mono<Rebuilt>> running = new AtomicReference<>();

    AggregateRebuilder(Aggregates aggregates, FiguresRepository repository, Organizations organizations,
                       RatingProperties properties, MeterRegistry meters, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.aggregates = aggregates;
        this.repository = repository;
        this.organizations = organizations;
        this.properties = properties;
        this.rebuilds = Counter.builder("ocenka.aggregates.rebuilds").description("Aggregate rebuilds from PostgreSQL")
                .register(meters);
    }

    /** Rebuilds, or joins the rebuild already running. */
    public Mono<Rebuilt> rebuild() {
        Mono<Rebuilt> fresh = aggregates.writeQueued().then(Mono.defer(this::doRebuild))
                .doFinally(signal -> running.set(null))
                .cache();
        Mono<Rebuilt> current = running.compareAndExchange(null, fresh);
        return current != null ? current : fresh;
    }

    /** An organisation moved to another parent: it leaves one parent's ranking for another's (a rebuild places all). */
    @EventListener
    void organizationMoved(OrganizationMoved moved) {
        rebuild().subscribe(null, e -> log.warn("Rankings not rebuilt after organisation {} moved: {}",
                moved.organizationId(), e.toString()));
    }

    /** Rebuilds when Redis lacks the aggregates (the marker is gone). */
    Mono<Void> rebuildIfMissing() {
        return aggregates.ready().flatMap(ready -> ready ? Mono.empty() : rebuild().then());
    }

    /** m of the ranking score in millionths: the country's mean, or the configured prior while nothing is rated. */
    double mean(long n, long sumMicro) {
        return n == 0 ? properties.priorMean().movePointRight(6).doubleValue() : (double) sumMicro / n;
    }

    /**
     * Scores every ranked organisation against the country's current mean, from the aggregates in Redis (fresh, no
     * PostgreSQL scan), and stores that mean for the questionnaires that follow. An organisation the country's ranking
     * holds without a questionnaire (a score written late, after the hide that took its last one) leaves the rankings.
     */
    public Mono<Void> rerank() {
        // What ratings queued for the rankings goes first: the re-rank's scores, written after, are the newer.
        return aggregates.writeQueued().then(Mono.defer(this::rerankNow));
    }

    private Mono<Void> rerankNow() {
        var redis = aggregates.redis();
        Mono<Set<String>> ranked = redis.opsForZSet()
                .range(RatingKeys.COUNTRY, Range.unbounded())
                .collect(Collectors.toSet());
        return Mono.zip(aggregates.global(), ranked).flatMap(t -> {
            double m = mean(t.getT1().n(), t.getT1().sum());
            return redis.opsForHash().put(RatingKeys.GLOBAL, "m", String.valueOf(m))
                    .doOnNext(stored -> aggregates.meanStored(m))
                    .thenMany(organizations.placements())
                    .flatMap(p -> aggregates.totals(p.id()).flatMap(v -> {
                        String id = String.valueOf(p.id());
                        if (v.n() == 0 && !t.getT2().contains(id)) {
                            return Mono.<Void>empty();
                        }
                        return write(p, id, v.n(), v.sum(), m);
                    }), 64)
                    .then();
        });
    }

    private Mono<Rebuilt> doRebuild() {
        long started = System.nanoTime();
        var redis = aggregates.redis();
        Mono<Void> clear = redis.delete(RatingKeys.READY)
                .thenMany(Flux.concat(redis.scan(ScanOptions.scanOptions().match(RatingKeys.AGGREGATES_PATTERN).count(1000).build()),
                        aggregates.allRankings()))
                .buffer(500)
                .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
                .then();
        Mono<List<FiguresRepository.Truth>> truth = repository.truth().collectList();
        Mono<Map<Long, Map<String, String>>> criteria = repository.criterionTruth()
                .collect(HashMap::new, (Map<Long, Map<String, String>> map, FiguresRepository.CriterionTotal c) -> {
                    Map<String, String> fields = map.computeIfAbsent(c.organizationId(), id -> new HashMap<>());
                    fields.put("s:" + c.code(), String.valueOf(c.total()));
                    fields.put("c:" + c.code(), String.valueOf(c.count()));
                });
        Mono<Map<Long, Placement>> placements = organizations.placements().collectMap(Placement::id);
        return clear.then(Mono.zip(truth, criteria, placements)).flatMap(t -> {
            long gn = 0;
            long gsum = 0;
            long gsat = 0;
            for (FiguresRepository.Truth row : t.getT1()) {
                gn += row.n();
                gsum += row.sumMicro();
                gsat += row.satisfied();
            }
            long globalN = gn;
            long globalSum = gsum;
            Map<Long, Aggregates.Totals> totals = new HashMap<>();
            Flux<Void> writes = Flux.fromIterable(t.getT1()).flatMap(row -> {
                Map<String, String> fields = new HashMap<>(t.getT2().getOrDefault(row.organizationId(), Map.of()));
                fields.put("n", String.valueOf(row.n()));
                fields.put("sum", String.valueOf(row.sumMicro()));
                fields.put("sat", String.valueOf(row.satisfied()));
                totals.put(row.organizationId(), new Aggregates.Totals(row.n(), row.sumMicro(), row.satisfied()));
                Placement placement = t.getT3().get(row.organizationId());
                Mono<Void> hash = redis.<String, String>opsForHash().putAll(RatingKeys.aggregate(row.organizationId()), fields).then();
                if (placement == null) {
                    return hash; // archived since: counted in the country's totals, in no ranking
                }
                return hash.then(write(placement, String.valueOf(row.organizationId()), row.n(), row.sumMicro(),
                        mean(globalN, globalSum)));
            }, 64);
            Map<String, String> global = Map.of("n", String.valueOf(gn), "sum", String.valueOf(gsum), "sat", String.valueOf(gsat),
                    "m", String.valueOf(mean(gn, gsum)));
            return writes.then(redis.<String, String>opsForHash().putAll(RatingKeys.GLOBAL, global))
                    .then(Mono.fromRunnable(() -> aggregates.meanStored(mean(globalN, globalSum))))
                    .then(redis.opsForValue().set(RatingKeys.READY, String.valueOf(System.currentTimeMillis())))
                    .then(Mono.fromRunnable(() -> {
                        rebuilds.increment();
                        changes.publishEvent(new RatingRecords.AggregatesRebuilt());
                        log.info("Aggregates rebuilt from PostgreSQL: {} organisations, {} questionnaires in {} ms",
                                t.getT1().size(), globalN, Duration.ofNanos(System.nanoTime() - started).toMillis());
                    }))
                    .thenReturn(new Rebuilt(totals));
        });
    }

    /** An organisation's sort keys in its rankings of both orders; out of them all when it has no questionnaire. */
    private Mono<Void> write(Placement p, String id, long n, long sumMicro, double m) {
        var zsets = aggregates.redis().opsForZSet();
        if (n == 0) {
            return Flux.concat(Flux.fromIterable(RatingKeys.rankings(p)), Flux.fromIterable(RatingKeys.fairRankings(p)))
                    .flatMap(ranking -> zsets.remove(ranking, id)).then();
        }
        double official = Figures.officialRankScore(n, sumMicro, properties.minForRank());
        double fair = Figures.rankScore(n, sumMicro, m, properties.bayesWeight());
        return Flux.concat(Flux.fromIterable(RatingKeys.rankings(p)).flatMap(ranking -> zsets.add(ranking, id, official)),
                Flux.fromIterable(RatingKeys.fairRankings(p)).flatMap(ranking -> zsets.add(ranking, id, fair))).then();
    }
}
