package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.OrganizationScores;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.RatingRecords.AggregatesRebuilt;
import by.ocenka.rating.RatingRecords.FiguresChanged;
import by.ocenka.rating.RatingRecords.FiguresHeard;
import by.ocenka.rating.ReplyShares;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the catalogue shows of ratings ({@link OrganizationScores}), kept in memory: each organisation's figures and
 * country rank (for lists), and its criteria sums and ranks per scope (for its page). An organisation's entries are
 * dropped when this instance accepts a questionnaire of it and reloaded in the background when another instance
 * does (its live event); every entry is reloaded in the background when it is two seconds old, since others'
 * ratings move ranks. Loaded from Redis, or from PostgreSQL's reconciled copy while Redis is unreachable.
 */
@Component
class CatalogScores implements OrganizationScores {

    private static final ReactiveCaches.Spec SPEC = new ReactiveCaches.Spec(Duration.ofSeconds(2), Duration.ofHours(1), 200_000);

    /** An organisation's aggregate and its ranks per scope, as its page shows them. */
    private record PageFigures(Aggregates.Raw raw, Map<String, Integer> ranks) {
    }

    private final Aggregates aggregates;
    private final FiguresRepository figures;
    private final Criteria criteria;
    private final Placements placements;
    private final ReactiveCache<Long, Score> summaries;
    private final ReactiveCache<Long, PageFigures> pages;

    private final ReplyShares replyShares;

    CatalogScores(Aggregates aggregates, FiguresRepository figures, Criteria criteria, Placements placements,
                  ReactiveCaches caches, ReplyShares replyShares) {
        this.replyShares = replyShares;
        this.aggregates = aggregates;
        this.figures = figures;
        this.criteria = criteria;
        this.placements = placements;
        this.summaries = caches.<Long, Score>create("rating.scores", SPEC,
                id -> load(List.of(id)).mapNotNull(m -> m.get(id)), this::load);
        this.pages = caches.create("rating.page-figures", SPEC, this::loadPage);
    }

    @EventListener
    void changed(FiguresChanged event) {
        summaries.invalidate(event.organizationId());
        pages.invalidate(event.organizationId());
    }

    @EventListener
    void heard(FiguresHeard event) {
        summaries.refresh(event.organizationId());
        pages.refresh(event.organizationId());
    }

    @EventListener(AggregatesRebuilt.class)
    void rebuilt() {
        summaries.invalidateAll();
        pages.invalidateAll();
    }

    @Override
    public Mono<Map<Long, Score>> scores(Collection<Long> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : summaries.getAll(List.copyOf(ids));
    }

    private Mono<Map<Long, Score>> load(Collection<? extends Long> ids) {
        List<Long> list = List.copyOf(ids);
        return aggregates.figures(list)
                .map(ranked -> {
                    Map<Long, Score> result = new HashMap<>();
                    ranked.forEach((id, r) -> result.put(id, Figures.of(r.totals(), r.rank())));
                    return result;
                })
                .onErrorResume(e -> fromPostgres(list));
    }

    /** While Redis is unreachable: the reconciled figures, without ranks. */
    private Mono<Map<Long, Score>> fromPostgres(Collection<Long> ids) {
        return figures.stored(ids).map(stored -> {
            Map<Long, Score> result = new HashMap<>();
            for (Long id : ids) {
                FiguresRepository.Stored s = stored.getOrDefault(id, FiguresRepository.Stored.NONE);
                result.put(id, Figures.of(new Aggregates.Totals(s.n(), s.sumMicro(), s.satisfied()), null));
            }
            return result;
        });
    }

    @Override
    public Mono<Details> details(long id, Locale locale) {
        return Mono.zip(criteria.of(id), pages.get(id), replies(id)).map(t -> {
            PageFigures page = t.getT2();
            Aggregates.Raw raw = page.raw();
            Map<String, Double> means = new LinkedHashMap<>();
            for (Criteria.Criterion c : t.getT1()) {
                Aggregates.CriterionSum sum = raw.criteria().get(c.code());
                if (sum != null && sum.count() > 0) {
                    means.put(c.code(), Figures.mean(sum.sum(), sum.count()));
                }
            }
            Map<String, Integer> ranks = raw.n() == 0 ? Map.of() : page.ranks();
            return new Details(Figures.of(new Aggregates.Totals(raw.n(), raw.sum(), raw.sat()), ranks.get("country")),
                    t.getT1().stream().map(c -> c.view(locale)).toList(), means, ranks, t.getT3());
        });
    }

    /** How the organisation answered over the year; when that cannot be read now, nothing said rather than zeros. */
    private Mono<Replies> replies(long id) {
        return replyShares.of(id)
                .map(share -> new Replies(share.answeredPercent(), share.helpful().helpfulPercent(), share.helpful().marked()))
                .onErrorResume(e -> Mono.just(new Replies(null, null, 0)));
    }

    private Mono<PageFigures> loadPage(long id) {
        return placements.of(id).flatMap(placement -> Mono.zip(aggregates.raw(id), ranks(placement))
                        .map(t -> new PageFigures(t.getT1(), t.getT2())))
                // While Redis is unreachable: the reconciled figures, without criteria means or ranks.
                .onErrorResume(e -> figures.stored(List.of(id)).map(stored -> {
                    FiguresRepository.Stored s = stored.getOrDefault(id, FiguresRepository.Stored.NONE);
                    return new PageFigures(new Aggregates.Raw(s.n(), s.sumMicro(), s.satisfied(), Map.of()), Map.of());
                }));
    }

    private Mono<Map<String, Integer>> ranks(Placement placement) {
        return Flux.fromIterable(RatingKeys.scopedRankings(placement).entrySet())
                .flatMapSequential(key -> aggregates.rank(key.getValue(), placement.id()).map(r -> Map.entry(key.getKey(), r)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }
}
