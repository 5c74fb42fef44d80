package by.ocenka.rating;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.CabinetRecords.Analytics;
import by.ocenka.rating.CabinetRecords.MonthFigures;
import by.ocenka.rating.CabinetRecords.ReplySummary;
import by.ocenka.rating.CabinetRecords.UnitFigures;
import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.internal.CabinetRepository;
import by.ocenka.rating.internal.CabinetRepository.Sums;
import by.ocenka.rating.internal.Figures;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.ReplyRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Figures of an organisation's subtree for a period: sums over the daily per-organisation aggregates of the subtree's
 * organisations (the catalogue's {@code org_closure}), so a ministry's thousands of units cost one indexed join.
 * Units are ranked within the subtree as the public ranking ranks organisations (the Bayesian score, so that a unit
 * with three fives does not top one with a thousand ratings), against the subtree's mean for the period; a unit's rank
 * change compares it with the period of the same length just before.
 */
@Service
public class SubtreeAnalytics {

    /** The longest period one request may ask for. */
    static final int MAX_DAYS = 3 * 366;

    private final CabinetRepository repository;
    private final ReplyRepository replies;
    private final Organizations organizations;
    private final RatingProperties properties;
    private final Clock clock;

    SubtreeAnalytics(CabinetRepository repository, ReplyRepository replies, Organizations organizations,
                     RatingProperties properties, Clock clock) {
        this.repository = repository;
        this.replies = replies;
        this.organizations = organizations;
        this.properties = properties;
        this.clock = clock;
    }

    /** The subtree's figures for [from, to] (Minsk days; by default the last twelve months, this one included). */
    public Mono<Analytics> analytics(long rootId, LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : Minsk.today(clock);
        LocalDate start = from != null ? from : defaultFrom(end);
        if (start.isAfter(end)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        LocalDate previousStart = start.minusDays(days);
        LocalDate previousEnd = start.minusDays(1);
        var period = Mono.zip(repository.total(rootId, start, end), repository.criteria(rootId, start, end),
                repository.byMonth(rootId, start, end).collectList());
        var units = Mono.zip(repository.units(rootId, start, end), repository.units(rootId, previousStart, previousEnd));
        var replyFigures = replies.figures(rootId, true, start.atStartOfDay(Minsk.ZONE).toOffsetDateTime(),
                end.plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime(), properties.replyDays());
        return Mono.zip(period, units, replyFigures).flatMap(t -> {
            Sums total = t.getT1().getT1();
            Map<String, Double> criteria = new LinkedHashMap<>();
            t.getT1().getT2().forEach((code, sum) -> criteria.put(code, Figures.mean(sum[0], sum[1])));
            List<MonthFigures> byMonth = t.getT1().getT3().stream().map(m -> new MonthFigures(m.getKey(),
                    Figures.score(m.getValue().n(), m.getValue().sumMicro()), m.getValue().n(),
                    Figures.satisfaction(m.getValue().n(), m.getValue().satisfied()))).toList();
            Map<Long, Integer> ranks = ranks(t.getT2().getT1(), properties.bayesWeight());
            Map<Long, Integer> previousRanks = ranks(t.getT2().getT2(), properties.bayesWeight());
            var r = t.getT3();
            ReplySummary replySummary = new ReplySummary(r.answered(), r.due() - r.answered(), r.overdue(), r.medianHours());
            return organizations.names(ranks.keySet()).map(names -> {
                List<UnitFigures> unitFigures = new ArrayList<>();
                t.getT2().getT1().forEach((id, sums) -> {
                    Integer before = previousRanks.get(id);
                    Integer rank = ranks.get(id);
                    unitFigures.add(new UnitFigures(new OrganizationRef(id, names.get(id)),
                            Figures.score(sums.n(), sums.sumMicro()), sums.n(), rank, before == null ? null : before - rank));
                });
                unitFigures.sort(Comparator.comparing(UnitFigures::rank));
                return new Analytics(start, end, Figures.score(total.n(), total.sumMicro()), total.n(),
                        Figures.satisfaction(total.n(), total.satisfied()), criteria, byMonth, unitFigures, replySummary);
            });
        });
    }

    /** The default period's first day for a period ending {@code to}: twelve months, {@code to}'s month included. */
    public static LocalDate defaultFrom(LocalDate to) {
        return to.withDayOfMonth(1).minusMonths(11);
    }

    /** Ranks by the Bayesian score (C·m + Σ means) / (C + n), higher first; ties by count, then id. */
    private static Map<Long, Integer> ranks(Map<Long, Sums> units, int weight) {
        long n = units.values().stream().mapToLong(Sums::n).sum();
        double mean = n == 0 ? 0 : units.values().stream().mapToLong(Sums::sumMicro).sum() / (double) n;
        List<Map.Entry<Long, Sums>> ordered = new ArrayList<>(units.entrySet());
        ordered.sort(Comparator.<Map.Entry<Long, Sums>>comparingDouble(
                        e -> -(weight * mean + e.getValue().sumMicro()) / (weight + e.getValue().n()))
                .thenComparing(e -> -e.getValue().n()).thenComparing(Map.Entry::getKey));
        Map<Long, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            ranks.put(ordered.get(i).getKey(), i + 1);
        }
        return ranks;
    }
}
