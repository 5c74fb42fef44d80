package by.ocenka.rating;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.CatalogService;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rating feature's background work, each run safe with several instances (a PostgreSQL advisory lock per job):
 * rebuild the Redis aggregates when they are missing or stale; reconcile (org_rating and the catalogue's sortable
 * copies, recomputed from the questionnaires); and once a Minsk day, snapshot every ranking's positions.
 */
@Component
class RatingJobs {

    private static final Logger log = LoggerFactory.getLogger(RatingJobs.class);
    private static final long RECONCILE_LOCK = 0x0CE4_0001L;

    private final AggregateRebuilder rebuilder;
    private final Aggregates aggregates;
    private final RatingRepository repository;
    private final RatingService ratings;
    private final CatalogService catalog;
    private final RatingProperties properties;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final DailyLimit days;
    private Disposable loop;

    RatingJobs(AggregateRebuilder rebuilder, Aggregates aggregates, RatingRepository repository, RatingService ratings,
               CatalogService catalog, RatingProperties properties, DatabaseClient db, TransactionalOperator transaction,
               DailyLimit days) {
        this.rebuilder = rebuilder;
        this.aggregates = aggregates;
        this.repository = repository;
        this.ratings = ratings;
        this.catalog = catalog;
        this.properties = properties;
        this.db = db;
        this.transaction = transaction;
        this.days = days;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.jobsEnabled()) {
            return;
        }
        loop = Flux.interval(Duration.ofSeconds(5), properties.reconcileInterval())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce().onErrorResume(e -> {
                    log.warn("Rating jobs failed this round: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
        // Redis may have come up empty: rebuild right away rather than at the first tick.
        rebuilder.rebuildIfMissing().subscribe(null, e -> log.warn("Aggregates not rebuilt at start-up: {}", e.toString()));
    }

    Mono<Void> runOnce() {
        Mono<Void> rebuild = ratings.aggregatesStale()
                ? rebuilder.rebuild().doOnNext(r -> ratings.aggregatesRebuilt()).then()
                : rebuilder.rebuildIfMissing();
        return rebuild.then(rebuilder.rerank()).then(reconcile()).then(snapshot());
    }

    /** org_rating and the catalogue's sortable copies, from PostgreSQL; one instance at a time. */
    Mono<Void> reconcile() {
        return db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked").bind("lock", RECONCILE_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .flatMap(locked -> !locked ? Mono.<Void>empty() : repository.reconcile(properties.satisfiedFrom())
                        .then(repository.truth(properties.satisfiedFrom()).collectList())
                        .flatMap(this::updateCatalogue))
                .as(transaction::transactional);
    }

    private Mono<Void> updateCatalogue(List<RatingRepository.Truth> truth) {
        long gn = truth.stream().mapToLong(RatingRepository.Truth::n).sum();
        long gsum = truth.stream().mapToLong(RatingRepository.Truth::sumMicro).sum();
        int size = truth.size();
        long[] ids = new long[size];
        long[] counts = new long[size];
        Double[] scores = new Double[size];
        Double[] rankScores = new Double[size];
        for (int i = 0; i < size; i++) {
            RatingRepository.Truth t = truth.get(i);
            ids[i] = t.organizationId();
            counts[i] = t.n();
            scores[i] = Figures.score(t.n(), t.sumMicro());
            rankScores[i] = Figures.rankScore(t.n(), t.sumMicro(), rebuilder.mean(gn, gsum), properties.bayesWeight());
        }
        return catalog.updateRatings(ids, counts, scores, rankScores);
    }

    /** Today's positions in every ranking, once (a second run or instance inserts nothing). */
    Mono<Void> snapshot() {
        var today = days.today();
        return db.sql("SELECT EXISTS (SELECT 1 FROM rank_snapshot WHERE day = :day) AS taken").bind("day", today)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one()
                .flatMap(taken -> taken ? Mono.empty() : aggregates.redis()
                        .scan(org.springframework.data.redis.core.ScanOptions.scanOptions().match("rank:*").count(1000).build())
                        .concatMap(ranking -> aggregates.rankingPage(ranking, 0, 100_000).collectList()
                                .flatMap(ids -> insertSnapshot(today, ranking, ids)))
                        .then());
    }

    private Mono<Void> insertSnapshot(java.time.LocalDate day, String ranking, List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        String[] parts = ranking.split(":");
        String scope = parts[1];
        long scopeId = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
            positions.add(i);
        }
        return db.sql("""
                        INSERT INTO rank_snapshot (day, scope, scope_id, organization_id, position)
                        SELECT :day, :scope, :scopeId, u.id, u.position
                        FROM unnest(:ids::bigint[], :positions::int[]) AS u(id, position)
                        ON CONFLICT DO NOTHING""")
                .bind("day", day).bind("scope", scope).bind("scopeId", scopeId)
                .bind("ids", ids.toArray(Long[]::new)).bind("positions", positions.toArray(Integer[]::new))
                .then();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }
}
