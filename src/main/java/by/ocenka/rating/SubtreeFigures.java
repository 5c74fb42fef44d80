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

import by.ocenka.platform.ApiException;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.SubtreeRecords.Month;
import by.ocenka.rating.SubtreeRecords.ServiceFigures;
import by.ocenka.rating.SubtreeRecords.SourceFigures;
import by.ocenka.rating.SubtreeRecords.SubtreePeriod;
import by.ocenka.rating.SubtreeRecords.Sums;
import by.ocenka.rating.SubtreeRecords.Unit;
import by.ocenka.rating.internal.Figures;
import by.ocenka.rating.internal.PosterSourceRepository;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.SubtreeRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Figures of an organisation's subtree for a period (the cabinet's analytics, which add the catalogue's names): sums over the daily per-organisation aggregates of the subtree's
 * organisations (the catalogue's {@code org_closure}), so a ministry's thousands of units cost one indexed join.
 * Units are ranked within the subtree as the public ranking ranks organisations (the Bayesian score, so that a unit
 * with three fives does not top one with a thousand ratings), against the subtree's mean for the period; a unit's rank
 * change compares it with the period of the same length just before.
 */
@Service
public class SubtreeFigures {

    /** The longest period one request may ask for. */
    static final int MAX_DAYS = 3 * 366;

    private final SubtreeRepository repository;
    private final RatingProperties properties;
    private final Clock clock;
    private final PosterSourceRepository posters;

    SubtreeFigures(SubtreeRepository repository, RatingProperties properties, Clock clock,
                   PosterSourceRepository posters) {
        this.posters = posters;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The subtree's figures for [from, to] (Minsk days; by default the last twelve months, this one included); 400 on
     * {@code from} for a period that ends before it begins or spans more than three years.
     */
    public Mono<SubtreePeriod> of(long rootId, LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : Minsk.today(clock);
        LocalDate start = from != null ? from : defaultFrom(end);
        if (!validPeriod(start, end)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        LocalDate previousStart = start.minusDays(days);
        LocalDate previousEnd = start.minusDays(1);
        var period = Mono.zip(repository.total(rootId, start, end), repository.criteria(rootId, start, end),
                repository.byMonth(rootId, start, end).collectList());
        var units = Mono.zip(repository.units(rootId, start, end), repository.units(rootId, previousStart, previousEnd));
        var replyFigures = repository.replyFigures(rootId, start.atStartOfDay(Minsk.ZONE).toOffsetDateTime(),
                end.plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime(), properties.replyDays());
        var byService = repository.byService(rootId, start.atStartOfDay(Minsk.ZONE).toOffsetDateTime(),
                        end.plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime(), properties.satisfiedFrom())
                .map(s -> new ServiceFigures(s.getKey(), Figures.score(s.getValue().n(), s.getValue().sumMicro()),
                        s.getValue().n(), Figures.satisfaction(s.getValue().n(), s.getValue().satisfied())))
                .collectList();
        var sources = posters.ofSubtree(rootId, start, end)
                .map(p -> new SourceFigures(p.source(), p.opened(), p.rated())).collectList();
        return Mono.zip(period, units, replyFigures, byService, sources).map(t -> {
            Sums total = t.getT1().getT1();
            Map<String, Double> criteria = new LinkedHashMap<>();
            t.getT1().getT2().forEach((code, sum) -> criteria.put(code, Figures.mean(sum[0], sum[1])));
            List<Month> byMonth = t.getT1().getT3().stream().map(m -> new Month(m.getKey(),
                    Figures.score(m.getValue().n(), m.getValue().sumMicro()), m.getValue().n(),
                    Figures.satisfaction(m.getValue().n(), m.getValue().satisfied()))).toList();
            Map<Long, Integer> ranks = ranks(t.getT2().getT1(), properties.minForRank());
            Map<Long, Integer> previousRanks = ranks(t.getT2().getT2(), properties.minForRank());
            List<Unit> ranked = new ArrayList<>();
            t.getT2().getT1().forEach((id, sums) -> {
                Integer before = previousRanks.get(id);
                Integer rank = ranks.get(id);
                ranked.add(new Unit(id, Figures.score(sums.n(), sums.sumMicro()), sums.n(), rank,
                        before == null || rank == null ? null : before - rank));
            });
            // Ranked units by position, then those with too few questionnaires in the period, by score.
            ranked.sort(Comparator.comparing(Unit::rank, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Unit::score, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Unit::organizationId));
            return new SubtreePeriod(start, end, Figures.score(total.n(), total.sumMicro()), total.n(),
                    Figures.satisfaction(total.n(), total.satisfied()), criteria, byMonth, ranked, t.getT3(), t.getT4(),
                    t.getT5());
        });
    }

    /** The default period's first day for a period ending {@code to}: twelve months, {@code to}'s month included. */
    /** A period one request may ask for: it begins before it ends and spans at most three years. */
    static boolean validPeriod(LocalDate start, LocalDate end) {
        return !start.isAfter(end) && ChronoUnit.DAYS.between(start, end) < MAX_DAYS;
    }

    public static LocalDate defaultFrom(LocalDate to) {
        return to.withDayOfMonth(1).minusMonths(11);
    }

    /**
     * The official order within the subtree for a period: by the score (the mean of the questionnaires' means), equal
     * scores by the larger count, then by id; a unit with fewer than {@code minForRank} questionnaires in the period
     * has no position.
     */
    static Map<Long, Integer> ranks(Map<Long, Sums> units, int minForRank) {
        List<Map.Entry<Long, Sums>> ordered = new ArrayList<>(units.entrySet().stream()
                .filter(e -> e.getValue().n() >= minForRank && e.getValue().n() > 0).toList());
        ordered.sort(Comparator.<Map.Entry<Long, Sums>>comparingDouble(e -> -(double) e.getValue().sumMicro() / e.getValue().n())
                .thenComparing(e -> -e.getValue().n()).thenComparing(Map.Entry::getKey));
        Map<Long, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            ranks.put(ordered.get(i).getKey(), i + 1);
        }
        return ranks;
    }
}
