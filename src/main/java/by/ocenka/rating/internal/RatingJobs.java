package by.ocenka.rating.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.SortableFigures;
import by.ocenka.platform.Minsk;
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
public class RatingJobs {

    private static final Logger log = LoggerFactory.getLogger(RatingJobs.class);
    private static final long RECONCILE_LOCK = 0x0CE4_0001L;

    private final AggregateRebuilder rebuilder;
    private final AggregateDrift drift;
    private final Aggregates aggregates;
    private final AggregateState state;
    private final FiguresRepository figures;
    private final SnapshotRepository snapshots;
    private final Organizations organizations;
    private final RatingProperties properties;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private Disposable loop;

    RatingJobs(AggregateRebuilder rebuilder, Aggregates aggregates, AggregateState state, FiguresRepository figures,
               SnapshotRepository snapshots, Organizations organizations, RatingProperties properties, DatabaseClient db,
               TransactionalOperator transaction, Clock clock, AggregateDrift drift) {
        this.drift = drift;
        this.rebuilder = rebuilder;
        this.aggregates = aggregates;
        this.state = state;
        this.figures = figures;
        this.snapshots = snapshots;
        this.organizations = organizations;
        this.properties = properties;
        this.db = db;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // The org_day triggers count satisfied questionnaires by the threshold in rating_setting: keep it in step.
        Mono<Void> setting = figures.useSatisfiedFrom(properties.satisfiedFrom())
                .doOnNext(changed -> {
                    if (changed) {
                        log.info("Satisfied threshold changed to {}: every day's satisfied count recounted", properties.satisfiedFrom());
                        state.markStale();
                    }
                })
                .then();
        if (!properties.jobsEnabled()) {
            setting.subscribe(null, e -> log.warn("Satisfied threshold not stored: {}", e.toString()));
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
        setting.then(rebuilder.rebuildIfMissing())
                .subscribe(null, e -> log.warn("Aggregates not rebuilt at start-up: {}", e.toString()));
    }

    public Mono<Void> runOnce() {
        Mono<Void> rebuild = state.stale()
                ? rebuilder.rebuild().doOnNext(r -> state.rebuilt()).then()
                : rebuilder.rebuildIfMissing();
        return rebuild.then(rebuilder.rerank()).then(reconcile()).then(snapshot());
    }

    /** Rebuilds every aggregate from PostgreSQL and reconciles (after a bulk load, such as the demo data). */
    public Mono<Void> rebuildAndReconcile() {
        return rebuilder.rebuild().then(reconcile());
    }

    /**
     * org_rating and the catalogue's sortable copies, from PostgreSQL; one instance at a time. Then the running
     * aggregates are checked against the same truth and rebuilt if they drifted ({@link AggregateDrift}).
     */
    public Mono<Void> reconcile() {
        return db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked").bind("lock", RECONCILE_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .flatMap(locked -> !locked ? Mono.<List<FiguresRepository.Truth>>empty() : figures.reconcile()
                        .then(figures.truth().collectList())
                        .flatMap(truth -> updateCatalogue(truth).thenReturn(truth)))
                .as(transaction::transactional)
                .flatMap(drift::check)
                .then();
    }

    private Mono<Void> updateCatalogue(List<FiguresRepository.Truth> truth) {
        return organizations.updateRatings(truth.stream()
                .map(t -> new SortableFigures(t.organizationId(), t.n(), Figures.score(t.n(), t.sumMicro()),
                        Figures.officialRankScore(t.n(), t.sumMicro(), properties.minForRank())))
                .toList());
    }

    /** Today's positions in every official ranking, once (a second run or instance inserts nothing). */
    public Mono<Void> snapshot() {
        LocalDate today = Minsk.today(clock);
        return snapshots.taken(today)
                .flatMap(taken -> taken ? Mono.empty() : aggregates.rankings()
                        .concatMap(ranking -> aggregates.rankedIds(ranking).collectList()
                                .flatMap(ids -> {
                                    RatingKeys.RankingScope scope = RatingKeys.scopeOf(ranking);
                                    return snapshots.insert(today, scope.scope(), scope.scopeId(), ids);
                                }))
                        .then());
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }
}
