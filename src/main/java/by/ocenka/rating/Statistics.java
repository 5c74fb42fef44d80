package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.DemoDataLoaded;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.RatingRecords.GroupStat;
import by.ocenka.rating.RatingRecords.Improvement;
import by.ocenka.rating.RatingRecords.MonthStat;
import by.ocenka.rating.RatingRecords.ScoreBucket;
import by.ocenka.rating.RatingRecords.Stats;
import by.ocenka.rating.internal.Figures;
import by.ocenka.rating.internal.FiguresRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The country's figures (by sphere, region and month, how scores spread) and the most improved organisations: heavy
 * queries over every questionnaire, so they are computed in the background (at start-up, then whenever a minute old,
 * resp. ten minutes) and every reader gets the last result at once.
 */
@Service
public class Statistics {

    private final FiguresRepository figures;
    private final Organizations organizations;
    private final CatalogService catalog;
    private final Clock clock;
    private final ReactiveCache<Locale, Stats> stats;
    private final ReactiveCache<Integer, List<FiguresRepository.Rise>> improvements;

    Statistics(FiguresRepository figures, Organizations organizations, CatalogService catalog,
               Clock clock, ReactiveCaches caches) {
        this.figures = figures;
        this.organizations = organizations;
        this.catalog = catalog;
        this.clock = clock;
        this.stats = caches.create("rating.stats", new ReactiveCaches.Spec(Duration.ofMinutes(1), Duration.ofDays(1), 8),
                this::compute);
        this.improvements = caches.create("rating.improved", new ReactiveCaches.Spec(Duration.ofMinutes(10),
                Duration.ofDays(1), 8), this::rises);
    }

    /** The home page's figures are ready before the first visitor asks (every language, the home page's count). */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Flux.fromIterable(Languages.SUPPORTED).flatMap(locale -> stats(locale).then(improved(5, locale)))
                .subscribe(null, e -> { });
    }

    /** Demo data loaded into an empty database: the figures read while it was loading are forgotten. */
    @EventListener(DemoDataLoaded.class)
    void demoDataLoaded() {
        stats.invalidateAll();
        improvements.invalidateAll();
    }

    /** Every figure recomputed from PostgreSQL (after a history import, say): these are recomputed too. */
    @EventListener(RatingRecords.AggregatesRebuilt.class)
    void rebuilt() {
        stats.invalidateAll();
        improvements.invalidateAll();
    }

    /** The country's figures, by sphere, region and month, and how organisations' scores spread. */
    public Mono<Stats> stats(Locale locale) {
        return stats.get(locale);
    }

    /**
     * The organisations whose mean rose most: the last 90 days against the year before them, with at least five
     * questionnaires in each. A heavy query over all questionnaires: kept ten minutes.
     */
    public Mono<List<Improvement>> improved(int count, Locale locale) {
        return improvements.get(count)
                .flatMap(rises -> catalog.summaries(rises.stream().map(FiguresRepository.Rise::organizationId).toList(), locale)
                        .map(summaries -> {
                            Map<Long, OrganizationSummary> byId = new HashMap<>();
                            summaries.forEach(s -> byId.put(s.id(), s));
                            return rises.stream().filter(r -> byId.containsKey(r.organizationId()))
                                    .map(r -> new Improvement(byId.get(r.organizationId()), Figures.rounded(r.before()),
                                            Figures.rounded(r.now())))
                                    .toList();
                        }));
    }

    private Mono<List<FiguresRepository.Rise>> rises(int count) {
        LocalDate recent = Minsk.today(clock).minusDays(90);
        return figures.improved(recent, recent.minusDays(365), 5, count).collectList();
    }

    /** Sums of one group of organisations: questionnaires, sum of means in millionths, satisfied. */
    private static final class Sums {
        long n;
        long sum;
        long sat;

        void add(FiguresRepository.Truth row) {
            n += row.n();
            sum += row.sumMicro();
            sat += row.satisfied();
        }

        GroupStat stat(long id, String name) {
            return new GroupStat(id, name, n, Figures.score(n, sum), Figures.satisfaction(n, sat));
        }
    }

    private Mono<Stats> compute(Locale locale) {
        Mono<List<FiguresRepository.Truth>> perOrganization = figures.truth().collectList();
        Mono<Map<Long, Placement>> placements = organizations.placements().collectMap(Placement::id);
        Mono<List<SphereView>> spheres = catalog.spheres(locale);
        Mono<List<RegionView>> regions = catalog.regions(locale);
        Mono<List<MonthStat>> months = figures.byMonth()
                .map(m -> new MonthStat(m.month(), m.n(), Figures.rounded(m.mean()), Figures.satisfaction(m.n(), m.satisfied())))
                .collectList();
        return Mono.zip(perOrganization, placements, spheres, regions, months, figures.totals())
                .map(t -> compute(t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6()));
    }

    private static Stats compute(List<FiguresRepository.Truth> perOrganization, Map<Long, Placement> placements,
                                 List<SphereView> spheres, List<RegionView> regions, List<MonthStat> months,
                                 FiguresRepository.Totals totals) {
        Map<Integer, Sums> bySphere = new HashMap<>();
        Map<Integer, Sums> byRegion = new HashMap<>();
        Sums country = new Sums();
        long[] buckets = new long[8]; // 1–1.5, 1.5–2, … 4.5–5
        for (FiguresRepository.Truth row : perOrganization) {
            country.add(row);
            if (row.n() > 0) {
                double score = Figures.score(row.n(), row.sumMicro());
                buckets[Math.min(7, Math.max(0, (int) ((score - 1) * 2)))]++;
            }
            Placement p = placements.get(row.organizationId());
            if (p != null) {
                bySphere.computeIfAbsent(p.sphereId(), k -> new Sums()).add(row);
                byRegion.computeIfAbsent(p.regionId(), k -> new Sums()).add(row);
            }
        }
        List<GroupStat> sphereStats = spheres.stream()
                .map(sphere -> bySphere.getOrDefault(sphere.id(), new Sums()).stat(sphere.id(), sphere.name())).toList();
        List<GroupStat> regionStats = regions.stream()
                .map(region -> byRegion.getOrDefault(region.id(), new Sums()).stat(region.id(), region.name())).toList();
        List<ScoreBucket> distribution = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            distribution.add(new ScoreBucket(1 + i / 2.0, 1.5 + i / 2.0, buckets[i]));
        }
        long organizationsCount = spheres.stream().mapToLong(SphereView::organizationsCount).sum();
        return new Stats(organizationsCount, totals.citizens(), country.n,
                Figures.score(country.n, country.sum), Figures.satisfaction(country.n, country.sat), sphereStats,
                regionStats, months, distribution);
    }
}
