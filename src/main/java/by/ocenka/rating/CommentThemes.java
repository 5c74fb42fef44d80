package by.ocenka.rating;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.ThemeRecords.ThemeFigures;
import by.ocenka.rating.ThemeRecords.ThemeMonth;
import by.ocenka.rating.ThemeRecords.Window;
import by.ocenka.rating.internal.ThemeRepository;
import by.ocenka.rating.internal.ThemeRepository.BitFigures;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the comments speak of ({@link Theme}), as figures: an organisation's for its public page, a subtree's with the
 * months for the cabinet, and a theme's window before and after a date for the improvements an organisation
 * publishes. Counted over the shown comments (published, not hidden by a moderator) once tagged, which happens
 * within seconds of the rating, off its path ({@code internal.ThemeTagging}).
 */
@Service
public class CommentThemes {

    /** An improvement's before and after: the comments of so many days each side of the day it took effect. */
    public static final int WINDOW_DAYS = 90;

    private final ThemeRepository repository;
    private final Clock clock;

    CommentThemes(ThemeRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * The organisation's themes over [from, to] (the last twelve months by default), the most spoken of first and
     * "other" last.
     */
    public Mono<List<ThemeFigures>> ofOrganization(long organizationId, LocalDate from, LocalDate to) {
        return period(from, to).flatMap(p -> Mono.zip(repository.ofOrganization(organizationId, p.start(), p.end()).collectList(),
                        repository.commentsOfOrganization(organizationId, p.start(), p.end()))
                .map(t -> figures(t.getT1(), t.getT2(), List.of())));
    }

    /** The subtree's themes over [from, to], each with every month of the period (none spoken of: count 0). */
    public Mono<List<ThemeFigures>> ofSubtree(long rootId, LocalDate from, LocalDate to) {
        return period(from, to).flatMap(p -> {
            List<String> months = new ArrayList<>();
            for (YearMonth m = YearMonth.from(p.start()); !m.isAfter(YearMonth.from(p.end())); m = m.plusMonths(1)) {
                months.add(m.toString());
            }
            return Mono.zip(repository.ofSubtree(rootId, p.start(), p.end()).collectList(),
                            repository.commentsOfSubtree(rootId, p.start(), p.end()))
                    .map(t -> figures(t.getT1(), t.getT2(), months));
        });
    }

    private record Period(LocalDate start, LocalDate end) {
    }

    /** [from, to] as the analytics take it (the last twelve months by default); 400 on {@code from} when invalid. */
    private Mono<Period> period(LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : Minsk.today(clock);
        LocalDate start = from != null ? from : SubtreeFigures.defaultFrom(end);
        return SubtreeFigures.validPeriod(start, end) ? Mono.just(new Period(start, end))
                : Mono.error(ApiException.invalid("from", "validation.period"));
    }

    /** The organisation's comments of [from, to) that speak of the theme: mean score and count. */
    public Mono<Window> window(long organizationId, Theme theme, LocalDate from, LocalDate toExclusive) {
        return repository.window(organizationId, theme.ordinal(), from, toExclusive)
                .map(f -> new Window(mean(f.count(), f.sumMeans()), f.count()));
    }

    /** The accounts that wrote the organisation's comments of [from, to) that speak of the theme. */
    public Flux<Long> authors(long organizationId, Theme theme, LocalDate from, LocalDate toExclusive) {
        return repository.authors(organizationId, theme.ordinal(), from, toExclusive);
    }

    private static List<ThemeFigures> figures(List<BitFigures> rows, long comments, List<String> months) {
        Map<Theme, BitFigures> overall = new EnumMap<>(Theme.class);
        Map<Theme, Map<String, BitFigures>> byMonth = new EnumMap<>(Theme.class);
        for (BitFigures row : rows) {
            if (row.bit() >= Theme.values().length) {
                continue;
            }
            Theme theme = Theme.values()[row.bit()];
            if (row.month() == null) {
                overall.put(theme, row);
            } else {
                byMonth.computeIfAbsent(theme, t -> new LinkedHashMap<>()).put(row.month(), row);
            }
        }
        return overall.entrySet().stream()
                .map(e -> {
                    BitFigures f = e.getValue();
                    Map<String, BitFigures> monthly = byMonth.getOrDefault(e.getKey(), Map.of());
                    List<ThemeMonth> trend = months.stream().map(month -> {
                        BitFigures m = monthly.get(month);
                        return m == null ? new ThemeMonth(month, 0, null)
                                : new ThemeMonth(month, m.count(), mean(m.count(), m.sumMeans()));
                    }).toList();
                    return new ThemeFigures(e.getKey(), f.count(), comments == 0 ? 0 : round(f.count() / (double) comments, 4),
                            mean(f.count(), f.sumMeans()), trend);
                })
                // The most spoken of first; "other" last, whatever its count: it says least.
                .sorted(Comparator.comparing((ThemeFigures f) -> f.theme() == Theme.OTHER)
                        .thenComparing(Comparator.comparingLong(ThemeFigures::count).reversed())
                        .thenComparing(ThemeFigures::theme))
                .toList();
    }

    private static Double mean(long count, double sum) {
        return count == 0 ? null : round(sum / count, 2);
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
