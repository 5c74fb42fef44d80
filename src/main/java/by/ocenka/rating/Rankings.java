package by.ocenka.rating;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.RankingEntry;
import by.ocenka.rating.internal.Aggregates;
import by.ocenka.rating.internal.RatingKeys;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.SnapshotRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public rankings (country, sphere, region, a sphere within a region, district, a parent's subordinates) from the
 * sorted sets in Redis, with each position's change against the last daily snapshot; from the catalogue's sortable
 * copies while Redis is down.
 */
@Service
public class Rankings {

    /** A ranking's scope; a sphere's ranking may be narrowed to one region ({@link #ranking}'s {@code region}). */
    public enum Scope {
        COUNTRY, SPHERE, REGION, PARENT, DISTRICT;

        /** A request's {@code scope} parameter: the country when absent, 400 naming {@code scope} when unknown. */
        public static Scope parse(String scope) {
            if (scope == null || scope.isBlank()) {
                return COUNTRY;
            }
            try {
                return valueOf(scope.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("scope", "validation.unknown");
            }
        }

        String snapshotName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The official order is the score (the mean of the questionnaires' means), with those under the minimum number of
     * questionnaires after the ranked ones; the fair order allows for the number of ratings (docs/ARCHITECTURE.md).
     * Positions everywhere else (an organisation's ranks, snapshots, changes, the cabinet, open data) are official.
     */
    public enum Order {
        OFFICIAL, FAIR;

        /** A request's {@code order} parameter: official when absent, 400 naming {@code order} when unknown. */
        public static Order parse(String order) {
            if (order == null || order.isBlank()) {
                return OFFICIAL;
            }
            try {
                return valueOf(order.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("order", "validation.unknown");
            }
        }

        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Aggregates aggregates;
    private final SnapshotRepository snapshots;
    private final CatalogService catalog;
    private final Clock clock;
    private final int minForRank;

    Rankings(Aggregates aggregates, SnapshotRepository snapshots, CatalogService catalog, Clock clock,
             RatingProperties properties) {
        this.minForRank = properties.minForRank();
        this.aggregates = aggregates;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** From how many questionnaires an organisation has a position in the official order. */
    public int minForRank() {
        return minForRank;
    }

    /** One page of a ranking, best first, each with its change against the last daily snapshot (official order). */
    public Mono<Page<RankingEntry>> ranking(Scope scope, Long scopeId, Order order, PageRequest page, Locale locale) {
        return ranking(scope, scopeId, null, order, page, locale);
    }

    /**
     * As above; {@code region} narrows a sphere's ranking to the organisations of that region (400 naming
     * {@code region} with any other scope).
     */
    public Mono<Page<RankingEntry>> ranking(Scope scope, Long scopeId, Integer region, Order order, PageRequest page,
                                            Locale locale) {
        if (scope != Scope.COUNTRY && scopeId == null) {
            return Mono.error(ApiException.invalid("id", "validation.required"));
        }
        if (region != null && scope != Scope.SPHERE) {
            return Mono.error(ApiException.invalid("region", "validation.region.sphere"));
        }
        long id = scope == Scope.COUNTRY ? 0 : scopeId;
        // A sphere within a region is one scope of its own in Redis and in the snapshots (RatingKeys).
        String name = region != null ? RatingKeys.SPHERE_REGION : scope.snapshotName();
        long keyId = region != null ? RatingKeys.sphereRegionId(id, region) : id;
        if (order == Order.FAIR) {
            String key = RatingKeys.fairRanking(name, keyId);
            return Mono.zip(aggregates.rankingSize(key), aggregates.rankingPage(key, page.offset(), page.size()).collectList())
                    .flatMap(t -> catalog.summaries(t.getT2(), locale)
                            .map(summaries -> entries(t.getT2(), summaries, Map.of(), page, t.getT1(), t.getT1())))
                    .onErrorResume(e -> fromCatalogue(scope, scopeId, region, page, locale));
        }
        String key = RatingKeys.ranking(name, keyId);
        return Mono.zip(aggregates.rankingSize(key), aggregates.rankedCount(key),
                        aggregates.rankingPage(key, page.offset(), page.size()).collectList())
                .flatMap(t -> Mono.zip(catalog.summaries(t.getT3(), locale),
                                snapshots.previousPositions(name, keyId, t.getT3(), Minsk.today(clock)))
                        .map(s -> entries(t.getT3(), s.getT1(), s.getT2(), page, t.getT1(), t.getT2())))
                .onErrorResume(e -> fromCatalogue(scope, scopeId, region, page, locale));
    }

    /**
     * How many organisations each of an organisation's official rankings ranks ({@code country}, {@code sphere},
     * {@code region}, {@code sphere-region}, {@code district}, {@code parent}), so that a rank can be read as "3302 of
     * 15 006"; empty while Redis cannot tell.
     */
    public Mono<Map<String, Long>> sizes(long sphereId, long regionId, Long districtId, Long parentId) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(Scope.COUNTRY.snapshotName(), RatingKeys.ranking(Scope.COUNTRY.snapshotName(), 0));
        keys.put(Scope.SPHERE.snapshotName(), RatingKeys.ranking(Scope.SPHERE.snapshotName(), sphereId));
        keys.put(Scope.REGION.snapshotName(), RatingKeys.ranking(Scope.REGION.snapshotName(), regionId));
        keys.put(RatingKeys.SPHERE_REGION, RatingKeys.ranking(RatingKeys.SPHERE_REGION,
                RatingKeys.sphereRegionId(sphereId, regionId)));
        if (districtId != null) {
            keys.put(Scope.DISTRICT.snapshotName(), RatingKeys.ranking(Scope.DISTRICT.snapshotName(), districtId));
        }
        if (parentId != null) {
            keys.put(Scope.PARENT.snapshotName(), RatingKeys.ranking(Scope.PARENT.snapshotName(), parentId));
        }
        return Flux.fromIterable(keys.entrySet())
                .flatMap(entry -> aggregates.rankedCount(entry.getValue()).map(size -> Map.entry(entry.getKey(), size)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .onErrorReturn(Map.of());
    }

    /** An organisation's positions per scope ({@code country}, {@code sphere}, …) in the last daily snapshot. */
    public Mono<Map<String, Integer>> previousRanks(long organizationId) {
        return snapshots.previousRanks(organizationId, Minsk.today(clock));
    }

    /** Positions up to {@code ranked} (in the fair order, every one); those after it are listed without one. */
    private static Page<RankingEntry> entries(List<Long> ids, List<OrganizationSummary> summaries,
                                              Map<Long, Integer> before, PageRequest page, long total, long ranked) {
        Map<Long, OrganizationSummary> byId = new HashMap<>();
        summaries.forEach(summary -> byId.put(summary.id(), summary));
        List<RankingEntry> entries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            OrganizationSummary summary = byId.get(ids.get(i));
            if (summary == null) {
                continue;
            }
            int position = (int) page.offset() + i + 1;
            boolean hasRank = position <= ranked;
            Integer previous = before.get(ids.get(i));
            entries.add(new RankingEntry(hasRank ? position : null, previous == null || !hasRank ? null : previous - position,
                    summary, summary.score(), summary.ratingsCount(), hasRank));
        }
        return new Page<>(entries, page.page(), page.size(), total);
    }

    /**
     * While Redis is unreachable: the order of the catalogue's sortable copies (kept by the reconciler; the official
     * order, whichever was asked for), figures from PostgreSQL, no changes.
     */
    private Mono<Page<RankingEntry>> fromCatalogue(Scope scope, Long scopeId, Integer withinRegion, PageRequest page,
                                                  Locale locale) {
        Integer sphere = scope == Scope.SPHERE ? scopeId.intValue() : null;
        Integer region = scope == Scope.REGION ? Integer.valueOf(scopeId.intValue()) : withinRegion;
        Integer district = scope == Scope.DISTRICT ? scopeId.intValue() : null;
        Long parent = scope == Scope.PARENT ? scopeId : null;
        return catalog.search(new OrganizationQuery(null, sphere, null, region, district, parent,
                        OrganizationQuery.Sort.RANK, page), locale)
                .map(found -> {
                    List<RankingEntry> entries = new ArrayList<>();
                    for (int i = 0; i < found.items().size(); i++) {
                        OrganizationSummary summary = found.items().get(i);
                        if (summary.ratingsCount() > 0) {
                            // The catalogue's copy sorts as the official order; its position is the rank.
                            boolean hasRank = summary.ratingsCount() >= minForRank;
                            entries.add(new RankingEntry(hasRank ? (int) page.offset() + i + 1 : null, null, summary,
                                    summary.score(), summary.ratingsCount(), hasRank));
                        }
                    }
                    return new Page<>(entries, page.page(), page.size(), entries.size() < page.size()
                            ? page.offset() + entries.size() : found.total());
                });
    }
}
