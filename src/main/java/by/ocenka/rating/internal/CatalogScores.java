package by.ocenka.rating.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.OrganizationScores;
import by.ocenka.catalog.Placement;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the catalogue shows of ratings ({@link OrganizationScores}): figures, criteria and ranks from Redis, or from
 * PostgreSQL's reconciled copy while Redis is unreachable.
 */
@Component
class CatalogScores implements OrganizationScores {

    private static final String[] SCOPES = {"country", "sphere", "region", "parent"};

    private final Aggregates aggregates;
    private final FiguresRepository figures;
    private final Criteria criteria;

    CatalogScores(Aggregates aggregates, FiguresRepository figures, Criteria criteria) {
        this.aggregates = aggregates;
        this.figures = figures;
        this.criteria = criteria;
    }

    @Override
    public Mono<Map<Long, Score>> scores(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return aggregates.figures(List.copyOf(ids))
                .map(ranked -> {
                    Map<Long, Score> result = new HashMap<>();
                    ranked.forEach((id, r) -> result.put(id, Figures.of(r.totals(), r.rank())));
                    return result;
                })
                .onErrorResume(e -> fromPostgres(ids));
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
    public Mono<Details> details(long id, Placement placement, Locale locale) {
        Mono<List<Criteria.Criterion>> list = criteria.of(id);
        Mono<Details> fromRedis = Mono.zip(list, aggregates.raw(id), ranks(placement)).map(t -> {
            Aggregates.Raw raw = t.getT2();
            Map<String, Double> means = new LinkedHashMap<>();
            for (Criteria.Criterion c : t.getT1()) {
                Aggregates.CriterionSum sum = raw.criteria().get(c.code());
                if (sum != null && sum.count() > 0) {
                    means.put(c.code(), Figures.mean(sum.sum(), sum.count()));
                }
            }
            Map<String, Integer> ranks = raw.n() == 0 ? Map.of() : t.getT3();
            return new Details(Figures.of(new Aggregates.Totals(raw.n(), raw.sum(), raw.sat()), ranks.get("country")),
                    t.getT1().stream().map(c -> c.view(locale)).toList(), means, ranks);
        });
        return fromRedis.onErrorResume(e -> Mono.zip(list, fromPostgres(List.of(id)))
                .map(t -> new Details(t.getT2().get(id), t.getT1().stream().map(c -> c.view(locale)).toList(),
                        Map.of(), Map.of())));
    }

    private Mono<Map<String, Integer>> ranks(Placement placement) {
        List<String> keys = RatingKeys.rankings(placement);
        return Flux.range(0, keys.size())
                .flatMapSequential(i -> aggregates.rank(keys.get(i), placement.id()).map(r -> Map.entry(SCOPES[i], r)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }
}
